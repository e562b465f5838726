package io.convscope.ui.explanation;

import atlantafx.base.theme.Styles;
import io.convscope.explain.Decimals;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.views.SoftmaxExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.common.Palette;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The softmax view and its formula panel (CNN Explainer §2.11): every class's logit as a circle on the Oranges scale
 * with its class name, and the softmax of the selected class written out as a fraction, exp(its logit) over the sum
 * of every class's exp(logit), four terms a row, then "= probability". Circles and terms are linked both ways: hovering
 * one highlights the other and reports the logit.
 */
public final class SoftmaxPanel extends VBox {

    static final double SELECTED_RADIUS = 17;
    static final double RADIUS = 14;
    /** Classes drawn at most; the others' exponentials are summed into one term (ImageNet has 1,000). */
    static final int MAX_CLASSES = OverviewLayout.MAX_OUTPUT_ROWS;

    private static final String TERM_STYLE =
            "-fx-font-family: monospace; -fx-font-size: 15px; " + "-fx-background-radius: 4; -fx-padding: 1 5 1 5; ";

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final Label title = new Label();
    private final HBox circleRow = new HBox(10);
    private final VBox fraction = new VBox(6);
    private final Label numerator = new Label();
    private final VBox denominator = new VBox(4);
    private final Label probability = new Label();
    private final Label readoutLabel = new Label();
    private final List<Circle> circles = new ArrayList<>();
    private int[] shownClasses = new int[0];
    private final Label logitsCaption = new Label();
    private final List<Label> terms = new ArrayList<>();
    private final List<Label> names = new ArrayList<>();
    private SoftmaxExplanation explanation;
    private String probabilityText = "";
    private int hovered = -1;

    public SoftmaxPanel(ResourceBundle text, Runnable onClose) {
        this.text = text;
        getStyleClass().add("formula-panel");
        setId("softmax-panel");
        setSpacing(12);
        setPadding(new Insets(14));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("softmax-title");
        Button info = new InfoButton("softmax-info", text.getString("softmax.info"), Article.SOFTMAX);
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().add(Styles.FLAT);
        close.setId("softmax-close");
        close.setTooltip(new Tooltip(text.getString("softmax.close")));
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, info, close);
        header.setAlignment(Pos.CENTER_LEFT);

        logitsCaption.setText(text.getString("softmax.logits"));
        logitsCaption.getStyleClass().add(Styles.TEXT_MUTED);
        circleRow.setAlignment(Pos.TOP_CENTER);

        numerator.setId("softmax-numerator");
        numerator.setMaxWidth(Double.MAX_VALUE);
        numerator.setAlignment(Pos.CENTER);
        Region bar = new Region();
        bar.setMinHeight(1.5);
        bar.setPrefHeight(1.5);
        bar.setStyle("-fx-background-color: -color-fg-muted;");
        denominator.setAlignment(Pos.CENTER);
        fraction.getChildren().addAll(numerator, bar, denominator);
        fraction.setAlignment(Pos.CENTER);
        Label equals = new Label("=");
        equals.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: -color-fg-muted;");
        probability.setId("softmax-probability");
        probability.setStyle("-fx-font-family: monospace; -fx-font-size: 18px; -fx-font-weight: bold;");
        HBox formula = new HBox(14, fraction, equals, probability);
        formula.setAlignment(Pos.CENTER);

        readoutLabel.setId("softmax-readout");
        readoutLabel.getStyleClass().add(Styles.TEXT_MUTED);
        readoutLabel.setGraphic(new FontIcon(Material2MZ.MOUSE));
        readoutLabel.setText(text.getString("softmax.hint"));
        readout.addListener(
                (o, was, now) -> readoutLabel.setText(now.isEmpty() ? text.getString("softmax.hint") : now));

        getChildren().addAll(header, logitsCaption, circleRow, formula, readoutLabel);
    }

    /** Shows the softmax of class {@code classIndex} over the snapshot's logits. */
    public void show(ActivationSnapshot s, int classIndex) {
        explanation = new SoftmaxExplanation(s, classIndex);
        int classes = explanation.classes();
        double min = explanation.minLogit();
        double max = explanation.maxLogit();
        title.setText(
                String.format(text.getString("softmax.title"), ClassNames.display(text, explanation.className())));
        circles.clear();
        terms.clear();
        names.clear();
        circleRow.getChildren().clear();
        denominator.getChildren().clear();
        hovered = -1;

        // With ImageNet's 1,000 classes the panel draws the ten largest logits (the chosen class among them) and adds
        // the other classes' exponentials as one term, so the sum is still the whole denominator.
        shownClasses = shownClasses(s, classIndex, classes);
        logitsCaption.setText(
                shownClasses.length < classes
                        ? String.format(text.getString("softmax.logits.top"), shownClasses.length, classes)
                        : text.getString("softmax.logits"));
        HBox row = null;
        for (int position = 0; position < shownClasses.length; position++) {
            final int c = shownClasses[position];
            int argb = ValueColors.logit(explanation.logit(c), min, max);
            Circle circle = new Circle(c == classIndex ? SELECTED_RADIUS : RADIUS, Palette.fx(argb));
            circle.setId("softmax-circle-" + c);
            circle.setStroke(Color.rgb(120, 80, 40));
            circle.setStrokeWidth(c == classIndex ? 1.5 : 0.75);
            Label name =
                    new Label(ClassNames.display(text, s.network().classes().get(c)));
            name.setWrapText(true);
            name.setMaxWidth(66);
            name.setAlignment(Pos.CENTER);
            name.setStyle("-fx-font-size: 11px; -fx-text-alignment: center;"
                    + (c == classIndex ? " -fx-font-weight: bold;" : ""));
            VBox cell = new VBox(4, circle, name);
            cell.setAlignment(Pos.TOP_CENTER);
            cell.setMinWidth(66);
            cell.setPrefWidth(66);
            circleRow.getChildren().add(cell);
            circles.add(circle);
            names.add(name);

            Label term = new Label(explanation.term(c));
            term.setId("softmax-term-" + c);
            term.setUserData(argb);
            terms.add(term);
            final int at = position;
            cell.setOnMouseEntered(e -> hover(at));
            cell.setOnMouseExited(e -> hover(-1));
            term.setOnMouseEntered(e -> hover(at));
            term.setOnMouseExited(e -> hover(-1));

            if (position % SoftmaxExplanation.TERMS_PER_ROW == 0) {
                row = new HBox(6);
                row.setAlignment(Pos.CENTER);
                denominator.getChildren().add(row);
                row.getChildren().add(symbol(position == 0 ? "(" : "+"));
            } else {
                row.getChildren().add(symbol("+"));
            }
            row.getChildren().add(term);
        }
        if (shownClasses.length < classes) {
            double others = 0;
            Set<Integer> drawn = new HashSet<>();
            for (int c : shownClasses) {
                drawn.add(c);
            }
            for (int c = 0; c < classes; c++) {
                if (!drawn.contains(c)) {
                    others += explanation.exponential(c);
                }
            }
            Label rest = new Label(String.format(
                    text.getString("softmax.others"), classes - shownClasses.length, fourDecimals(others)));
            rest.setId("softmax-others");
            rest.setStyle(TERM_STYLE + "-fx-text-fill: -color-fg-muted;");
            row.getChildren().addAll(symbol("+"), rest);
        }
        row.getChildren().add(symbol(")"));
        int selectedArgb = ValueColors.logit(explanation.logit(classIndex), min, max);
        numerator.setText(explanation.term(classIndex));
        numerator.setUserData(selectedArgb);
        probabilityText = fixed(s.probability(classIndex));
        probability.setText(probabilityText);
        restyle();
        readout.set("");
    }

    /** Hover over the circle or term at {@code position} of the drawn classes (-1: none). */
    private void hover(int position) {
        hovered = position;
        restyle();
        readout.set(
                position < 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                text.getString("softmax.readout"),
                                s(position),
                                fourDecimals(explanation.logit(shownClasses[position]))));
    }

    /** Which classes get a circle and a term, in order: all of them, or the ten largest logits for big outputs. */
    static int[] shownClasses(ActivationSnapshot s, int classIndex, int classes) {
        if (classes <= MAX_CLASSES) {
            return IntStream.range(0, classes).toArray();
        }
        int[] top = Arrays.copyOf(s.ranking(), MAX_CLASSES);
        boolean in = Arrays.stream(top).anyMatch(c -> c == classIndex);
        if (!in) {
            top[MAX_CLASSES - 1] = classIndex;
        }
        return top;
    }

    private String s(int c) {
        return names.get(c).getText();
    }

    private void restyle() {
        for (int c = 0; c < terms.size(); c++) {
            boolean on = c == hovered;
            terms.get(c).setStyle(termStyle((int) terms.get(c).getUserData(), on));
            Circle circle = circles.get(c);
            circle.setStrokeWidth(on ? 3 : (shownClasses[c] == explanation.classIndex() ? 1.5 : 0.75));
            circle.setStroke(on ? Color.rgb(40, 40, 40) : Color.rgb(120, 80, 40));
        }
        numerator.setStyle(termStyle(
                (int) numerator.getUserData(), hovered >= 0 && shownClasses[hovered] == explanation.classIndex()));
        numerator.setMaxWidth(Region.USE_PREF_SIZE);
    }

    private static String termStyle(int argb, boolean bold) {
        Color fill = Palette.fx(argb);
        Color ink = ReadableInk.on(argb);
        return TERM_STYLE + "-fx-background-color: " + web(fill) + "; -fx-text-fill: " + web(ink) + ";"
                + (bold
                        ? " -fx-font-weight: bold; -fx-underline: true; -fx-border-color: #333333; -fx-border-radius: 4;"
                        : " -fx-border-color: transparent; -fx-border-radius: 4;");
    }

    private static String web(Color c) {
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    private static Label symbol(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-family: monospace; -fx-font-size: 15px; -fx-text-fill: -color-fg-muted;");
        return l;
    }

    /** The probability after the "=", four decimals. */
    public String probabilityText() {
        return probabilityText;
    }

    /** "Logit of espresso: 8.6400" for the hovered circle or term, "" when none. */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** Whether term {@code c} of the denominator is drawn bold (it is while its circle or itself is hovered). */
    public boolean isTermBold(int c) {
        return terms.get(c).getStyle().contains("-fx-font-weight: bold");
    }

    /** Whether the circle of class {@code c} is highlighted. */
    public boolean isCircleHighlighted(int c) {
        return circles.get(c).getStrokeWidth() >= 3;
    }

    private static String fixed(double v) {
        return fourDecimals(v);
    }

    private static String fourDecimals(double v) {
        return Decimals.fixed(v, 4);
    }
}
