package io.convscope.ui.learn;

import io.convscope.explain.article.Article;
import io.convscope.ui.common.ShrinkToWidth;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Draws the Learn article: headings, paragraphs with emphasis, code, inline formulas and links, lists with icons,
 * typeset formula blocks and live figures. Links call back; this view knows nothing of the network.
 */
public final class ArticleView extends VBox {

    static final double BODY_SIZE = 13.5;
    static final double FORMULA_SIZE = 17;
    static final double INLINE_FORMULA_SIZE = 14;
    static final double SECTION_GAP = 18;

    private final Map<String, Node> headings = new LinkedHashMap<>();
    private final Consumer<String> onLink;
    private final Function<String, Node> figures;
    private final Color ink;

    /**
     * @param onLink  called with a link's destination ({@code layer:...}, {@code section:...})
     * @param figures builds the live figure of a name
     * @param ink     text colour of typeset formulas (follows the theme)
     */
    ArticleView(Article article, Consumer<String> onLink, Function<String, Node> figures, Color ink) {
        super(8);
        this.onLink = onLink;
        this.figures = figures;
        this.ink = ink;
        getStyleClass().add("article");
        setPadding(new Insets(12, 18, 24, 18));
        setFillWidth(true);
        Label title = new Label(article.title());
        title.getStyleClass().add("article-title");
        title.setWrapText(true);
        getChildren().add(title);
        for (Article.Section s : article.sections()) {
            Label heading = new Label(s.title());
            heading.getStyleClass().add("article-h2");
            heading.setId("article-" + s.id());
            heading.setWrapText(true);
            VBox.setMargin(heading, new Insets(SECTION_GAP, 0, 0, 0));
            headings.put(s.id(), heading);
            getChildren().add(heading);
            for (org.commonmark.node.Node block : s.blocks()) {
                getChildren().add(block(block));
            }
        }
    }

    /** The heading node of a section, to scroll to; null for an unknown id. */
    public Node heading(String sectionId) {
        return headings.get(sectionId);
    }

    List<String> sectionIds() {
        return List.copyOf(headings.keySet());
    }

    private Node block(org.commonmark.node.Node block) {
        if (block instanceof Paragraph p) {
            return paragraph(p);
        }
        if (block instanceof Heading h) {
            Label l = new Label(Article.plainText(h));
            l.getStyleClass().add("article-h3");
            l.setWrapText(true);
            return l;
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            return list(block);
        }
        if (block instanceof FencedCodeBlock code) {
            String info = code.getInfo().trim();
            if (info.equals("math")) {
                HBox box = new HBox(LatexFormula.view(code.getLiteral().trim(), FORMULA_SIZE, ink));
                box.setAlignment(Pos.CENTER);
                box.setPadding(new Insets(6, 0, 6, 0));
                box.getStyleClass().add("article-formula");
                return new ShrinkToWidth(box); // a narrow panel scales a wide formula, the text still wraps
            }
            if (info.startsWith("figure ")) {
                Node figure = figures.apply(info.substring("figure ".length()).trim());
                HBox box = new HBox(figure);
                box.setAlignment(Pos.CENTER);
                box.setPadding(new Insets(6, 0, 6, 0));
                box.getStyleClass().add("article-figure");
                return new ShrinkToWidth(box);
            }
            Label l = new Label(code.getLiteral());
            l.getStyleClass().add("article-code-block");
            return l;
        }
        throw new IllegalArgumentException("The article uses a block the app cannot draw: " + block);
    }

    private VBox list(org.commonmark.node.Node list) {
        VBox items = new VBox(6);
        items.setPadding(new Insets(0, 0, 0, 6));
        int number = 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label bullet = new Label(list instanceof OrderedList ? number++ + "." : "\u2022");
            bullet.getStyleClass().add("article-bullet");
            bullet.setMinWidth(Region.USE_PREF_SIZE);
            VBox body = new VBox(4);
            for (org.commonmark.node.Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                body.getChildren().add(block(child));
            }
            HBox.setHgrow(body, Priority.ALWAYS);
            HBox row = new HBox(8, bullet, body);
            items.getChildren().add(row);
        }
        return items;
    }

    private TextFlow paragraph(Paragraph p) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("article-paragraph");
        flow.setLineSpacing(3);
        inline(p, flow, "article-text");
        return flow;
    }

    private void inline(org.commonmark.node.Node parent, TextFlow flow, String style) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                flow.getChildren().add(text(t.getLiteral(), style));
            } else if (n instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", style));
            } else if (n instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", style));
            } else if (n instanceof Emphasis) {
                inline(n, flow, style + " article-em");
            } else if (n instanceof StrongEmphasis) {
                inline(n, flow, style + " article-strong");
            } else if (n instanceof Code c) {
                String code = c.getLiteral();
                if (code.length() > 2 && code.startsWith("$") && code.endsWith("$")) {
                    var formula = LatexFormula.view(code.substring(1, code.length() - 1), INLINE_FORMULA_SIZE, ink);
                    formula.setTranslateY(3); // sit on the baseline of the text around it
                    flow.getChildren().add(formula);
                } else {
                    flow.getChildren().add(text(code, "article-code"));
                }
            } else if (n instanceof Link link) {
                Hyperlink h = new Hyperlink(Article.plainText(link));
                h.getStyleClass().add("article-link");
                String destination = link.getDestination();
                h.setOnAction(e -> onLink.accept(destination));
                h.setUserData(destination);
                flow.getChildren().add(h);
            } else if (n instanceof Image image) {
                flow.getChildren().add(icon(image.getDestination()));
            } else {
                throw new IllegalArgumentException("The article uses inline markup the app cannot draw: " + n);
            }
        }
    }

    private static Text text(String s, String styles) {
        Text t = new Text(s);
        t.getStyleClass().addAll(styles.split(" "));
        return t;
    }

    /** {@code icon:NAME} images are the app's own Material icons, so the article shows the buttons it talks about. */
    private static Node icon(String destination) {
        if (!destination.startsWith("icon:")) {
            throw new IllegalArgumentException("The article may only show the app's icons: " + destination);
        }
        String name = destination.substring("icon:".length());
        FontIcon icon;
        try {
            icon = new FontIcon(Material2AL.valueOf(name));
        } catch (IllegalArgumentException e) {
            icon = new FontIcon(Material2MZ.valueOf(name));
        }
        icon.getStyleClass().add("article-icon");
        Label box = new Label(null, icon);
        box.setPadding(new Insets(0, 4, 0, 0));
        return box;
    }
}
