package io.convscope.ui.learn;

import atlantafx.base.theme.Styles;
import io.convscope.explain.article.Article;
import io.convscope.explain.article.ArticleFacts;
import io.convscope.explain.article.ArticleLinks;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import io.convscope.ui.learn.figures.ArticleFigures;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The Learn panel beside the network: a contents menu and the article, rebuilt from the live model when the image
 * changes (only while the panel is showing) without losing the reader's place.
 */
public final class LearnPanel extends BorderPane {

    static final double PREF_WIDTH = 520;
    static final double MIN_WIDTH = 340;
    static final double FLASH_MS = 1200;
    static final double CONTENTS_MIN_WIDTH = 90;
    /** Room above a heading the article was scrolled to. */
    static final double HEADING_MARGIN = -8;

    private final Palette palette;
    private final IntConsumer onShowLayer;
    private Consumer<WorkspaceMode> onShowMode = mode -> {};
    private final Supplier<Node> playground;
    private final ScrollPane scroll = new ScrollPane();
    private final ComboBox<Article.Section> contents = new ComboBox<>();
    private final Label title = new Label(null, new FontIcon(Material2MZ.MENU_BOOK));
    private final Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
    private ResourceBundle text;
    private Language language;
    private ActivationSnapshot snapshot;
    private ArticleView view;
    private boolean stale = true;
    private String pendingSection;
    private boolean syncing;
    /** Where the reader was sent (a section's heading, so far below the viewport's top): kept there until they scroll. */
    private ReadingPlace pinned;

    private Node pinnedHeading;
    private final InvalidationListener aimAgain = o -> aim();
    private double pendingOffset = HEADING_MARGIN;

    /** A place in the article: a section and how far its heading is above the viewport's top, in pixels. */
    public record ReadingPlace(String section, double offset) {}

    /**
     * @param language    the language to speak; when it changes, the article is written again in it at the same place
     * @param onShowLayer called with a network layer index when a "show me" link is followed
     * @param playground  the hyperparameter playground (one instance per language, moved into each rebuilt article)
     */
    public LearnPanel(
            ObservableValue<Language> language,
            Palette palette,
            IntConsumer onShowLayer,
            Supplier<Node> playground,
            Runnable onClose) {
        this.language = language.getValue();
        this.text = this.language.messages();
        this.palette = palette;
        this.onShowLayer = onShowLayer;
        this.playground = playground;
        setId("learn-panel");
        getStyleClass().add("learn-panel");
        setPrefWidth(PREF_WIDTH);
        setMinWidth(MIN_WIDTH);

        title.getStyleClass().add("learn-heading");
        title.setMinWidth(Region.USE_PREF_SIZE); // the contents menu gives way in a narrow panel, not the title
        contents.setMinWidth(CONTENTS_MIN_WIDTH);
        contents.setId("learn-contents");
        contents.setConverter(new StringConverter<>() {
            @Override
            public String toString(Article.Section s) {
                return s == null ? "" : s.title();
            }

            @Override
            public Article.Section fromString(String s) {
                return null;
            }
        });
        contents.setOnAction(e -> {
            Article.Section s = contents.getValue();
            if (s != null && !syncing) {
                openSection(s.id());
            }
        });
        close.getStyleClass().add(Styles.FLAT);
        close.setId("learn-close");
        label();
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, contents, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 12));
        bar.getStyleClass().add("learn-bar");
        setTop(bar);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("learn-scroll");
        setCenter(scroll);
        // A heading the reader was sent to stays at the top while the panel opens and figures settle their height;
        // the reader's own scrolling, clicking or typing lets go of it.
        scroll.viewportBoundsProperty().addListener(o -> aim());
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> pinned = null);
        scroll.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pinned = null);
        scroll.addEventFilter(KeyEvent.KEY_PRESSED, e -> pinned = null);
        visibleProperty().addListener((o, was, now) -> refreshIfShowing());
        sceneProperty().addListener((o, was, now) -> refreshIfShowing());
        language.addListener((o, was, now) -> speak(now));
    }

    private void label() {
        title.setText(text.getString("learn.title"));
        contents.setPromptText(text.getString("learn.contents"));
        contents.setTooltip(new Tooltip(text.getString("learn.contents.tooltip")));
        close.setTooltip(new Tooltip(text.getString("learn.close")));
    }

    /**
     * Speaks another language: the article is written again and the reader stays at the same section, its heading as
     * far above the top (the article's length differs between languages, so a scroll fraction would land elsewhere).
     */
    private void speak(Language next) {
        boolean read = view != null && scroll.getViewportBounds().getHeight() > 0;
        ReadingPlace place = pinned != null ? pinned : read ? readingPlace() : null;
        language = next;
        text = next.messages();
        label();
        stale = true;
        if (place != null && pendingSection == null) {
            pendingSection = place.section();
            pendingOffset = place.offset();
        }
        refreshIfShowing();
    }

    /** The image changed: the article's numbers and figures follow, now if showing, else when next shown. */
    public void show(ActivationSnapshot snapshot) {
        this.snapshot = snapshot;
        stale = true;
        refreshIfShowing();
    }

    private boolean showing() {
        return getScene() != null && isVisible();
    }

    private void refreshIfShowing() {
        if (!stale || snapshot == null || !showing()) {
            return;
        }
        double keep = scroll.getVvalue();
        ReadingPlace place = pinned;
        Article article = Article.load(
                language.tag(),
                ArticleFacts.of(
                        snapshot.network(), snapshot, language.locale(), name -> ClassNames.display(text, name)));
        ArticleFigures figures = new ArticleFigures(text, palette, snapshot, playground);
        view = new ArticleView(article, this::follow, figures::figure, palette.text());
        view.layoutBoundsProperty().addListener(aimAgain);
        scroll.setContent(view);
        Article.Section chosen = contents.getValue();
        contents.getItems().setAll(article.sections());
        if (chosen != null) {
            article.section(chosen.id()).ifPresent(this::selectQuietly);
        }
        stale = false;
        if (pendingSection != null) {
            String s = pendingSection;
            pendingSection = null;
            double offset = pendingOffset;
            pendingOffset = HEADING_MARGIN;
            openSection(s, offset);
        } else if (place != null) {
            pin(place);
        } else {
            scroll.layout();
            scroll.setVvalue(keep);
        }
    }

    private void follow(String link) {
        String mode = ArticleLinks.mode(link);
        if (mode != null) {
            onShowMode.accept(WorkspaceMode.valueOf(mode.toUpperCase(Locale.ROOT)));
            return;
        }
        String section = ArticleLinks.section(link);
        if (section != null) {
            openSection(section);
            return;
        }
        if (snapshot != null) {
            ArticleLinks.layer(link, snapshot.network()).ifPresent(onShowLayer);
        }
    }

    /** Called with the mode a {@code mode:} link asks for (the attribution section's link to the Why? mode, the Training section's to the Train workspace). */
    public void setOnShowMode(Consumer<WorkspaceMode> handler) {
        onShowMode = handler == null ? mode -> {} : handler;
    }

    /** Scrolls the article so the section's heading is at the top, and flashes the heading. */
    public void openSection(String id) {
        openSection(id, HEADING_MARGIN);
    }

    private void openSection(String id, double offset) {
        if (view == null || stale) {
            pendingSection = id;
            pendingOffset = offset;
            refreshIfShowing();
            return;
        }
        Node heading = view.heading(id);
        if (heading == null) {
            return;
        }
        pin(new ReadingPlace(id, offset));
        Timeline flash = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(heading.opacityProperty(), 0.25)),
                new KeyFrame(Duration.millis(FLASH_MS), new KeyValue(heading.opacityProperty(), 1, Motion.EASE)));
        flash.play();
        Article.Section current = contents.getValue();
        if (current == null || !current.id().equals(id)) {
            contents.getItems().stream()
                    .filter(s -> s.id().equals(id))
                    .findFirst()
                    .ifPresent(this::selectQuietly);
        }
    }

    /** Shows a section in the contents menu without jumping to it again. */
    private void selectQuietly(Article.Section s) {
        syncing = true;
        try {
            contents.getSelectionModel().select(s);
        } finally {
            syncing = false;
        }
    }

    private void pin(ReadingPlace place) {
        pinned = place;
        if (pinnedHeading != null) {
            pinnedHeading.boundsInParentProperty().removeListener(aimAgain);
        }
        pinnedHeading = view.heading(place.section());
        if (pinnedHeading != null) {
            pinnedHeading.boundsInParentProperty().addListener(aimAgain); // laid out after the article's own resize
        }
        scroll.applyCss();
        scroll.layout();
        aim();
    }

    /** Puts the pinned heading where it belongs with the sizes as they are now (called again as they settle). */
    private void aim() {
        if (pinned == null || view == null) {
            return;
        }
        Node heading = view.heading(pinned.section());
        if (heading == null) {
            return;
        }
        double contentHeight = view.getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        Bounds b = heading.getBoundsInParent();
        scroll.setVvalue(
                contentHeight <= viewport
                        ? 0
                        : Math.min(1, Math.max(0, (b.getMinY() + pinned.offset()) / (contentHeight - viewport))));
    }

    /** Where the reader is: the section at the top and how far its heading is above the viewport's top. */
    public ReadingPlace readingPlace() {
        String section = currentSection();
        if (section == null) {
            return null;
        }
        double contentHeight = view.getLayoutBounds().getHeight();
        double top = scroll.getVvalue()
                * Math.max(0, contentHeight - scroll.getViewportBounds().getHeight());
        return new ReadingPlace(
                section, top - view.heading(section).getBoundsInParent().getMinY());
    }

    /** The section whose heading is at or just above the top of the visible part. */
    public String currentSection() {
        if (view == null) {
            return null;
        }
        double contentHeight = view.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        double top = scroll.getVvalue() * Math.max(0, contentHeight - viewport);
        String current = null;
        for (String id : view.sectionIds()) {
            if (view.heading(id).getBoundsInParent().getMinY() <= top + 16) {
                current = id;
            }
        }
        return current;
    }

    public ArticleView articleView() {
        return view;
    }
}
