package io.convscope.ui.architecture;

import io.convscope.engine.LoadedModel;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.ArchitectureSourceChooser.Source;
import io.convscope.ui.architecture.details.ArchitectureTable;
import io.convscope.ui.architecture.details.FormulaHelpPanel;
import io.convscope.ui.architecture.details.NodeCard;
import io.convscope.ui.architecture.graph.ArchitectureView;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.architecture.paint.MeasuredBoxWidths;
import io.convscope.ui.common.Palette;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The architecture analyzer (Netscope's job): a window of its own with a source chooser (the presets, Tiny VGG first,
 * a file, or the model of the main window), the graph, the per-layer table, exports and the formulas.
 *
 * <h2>Opening it (integrator)</h2>
 * <pre>
 * ArchitectureWindow.show(owner, text);                  // opens on Tiny VGG
 * ArchitectureWindow.show(owner, text, graph, title);    // an ArchitectureGraph you already have
 * ArchitectureWindow.show(owner, text, loadedModel);     // the main window's model, converted off the FX thread
 * </pre>
 * Call on the JavaFX thread; {@code text} is the {@code io.convscope.ui.messages} bundle. The theme follows the
 * application's user-agent stylesheet (AtlantaFX light or dark) when the window opens, then the theme given to
 * {@link #followTheme}; its words follow the language given to {@link #followLanguage}. Loading and converting runs on
 * the window's own background thread with progress and a cancel button; a file that cannot be read leaves the current
 * graph in place and says why. Nothing is persisted.
 */
public final class ArchitectureWindow {

    static final double WIDTH = 1440;
    static final double HEIGHT = 900;
    static final double GRAPH_SHARE = 0.4;
    /** The style class of the window's root, for the stylesheet. */
    static final String STYLE_CLASS = "architecture-window";

    /** A loaded graph with its current layout. */
    record Loaded(ArchitectureGraph graph, VisibleGraph visible, GraphLayout layout) {}

    private final Stage stage = new Stage();
    private final MeasuredBoxWidths boxWidths;
    private final ArchitecturePainter painter;
    private final ArchitectureView view;
    private final ArchitectureSourceChooser sources;
    private final ArchitectureLoader loader;
    private final ArchitecturePanes panes = new ArchitecturePanes();
    private ArchitectureParts parts;
    private boolean dark;
    private Loaded loaded;
    private final BlockFolding folding;

    private ArchitectureWindow(Window owner, ResourceBundle text) {
        dark = String.valueOf(Application.getUserAgentStylesheet())
                .toLowerCase(Locale.ROOT)
                .contains("dark");
        NodeLabels labels = new NodeLabels(text.getString("architecture.block.layers"));
        this.boxWidths = new MeasuredBoxWidths(labels, LayoutMetrics.DEFAULT);
        this.painter = new ArchitecturePainter(labels);
        this.folding = new BlockFolding(boxWidths);
        this.view = new ArchitectureView(painter, dark);
        this.loader = new ArchitectureLoader(text, boxWidths);
        this.sources = new ArchitectureSourceChooser(text, this::load, loader::shown);
        this.parts = new ArchitectureParts(text, view, painter, loader.worker(), dark, () -> setHelpVisible(false));
        view.setId("architecture-view");

        panes.place(parts, view, loader.overlay(), toolbar());
        wire();
        Scene scene = new Scene(panes.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(Palette.class.getResource(Palette.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> loader.shutdown());
        showTitle();
    }

    /** Opens the window on Tiny VGG. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text) {
        return new ArchitectureWindow(owner, text).open(null);
    }

    /** Opens the window on {@code graph} (listed first in the chooser as {@code title}), the presets after it. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text, ArchitectureGraph graph, String title) {
        ArchitectureWindow w = new ArchitectureWindow(owner, text);
        return w.open(w.sources.current(title, graph, null));
    }

    /** Opens the window on the main window's model; the conversion runs off the JavaFX thread. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text, LoadedModel model) {
        ArchitectureWindow w = new ArchitectureWindow(owner, text);
        return w.open(w.sources.current(model.source(), null, model));
    }

    /** Lists {@code current} (if any) and the presets, shows the window and loads the first of them. */
    private ArchitectureWindow open(Source current) {
        sources.addPresets(current);
        stage.show();
        sources.getSelectionModel().select(0);
        return this;
    }

    /**
     * Follows the main window's theme while open: the graph, its legend and its exports take the new colours (the
     * controls follow the application's stylesheet by themselves).
     */
    public ArchitectureWindow followTheme(ObservableValue<Boolean> dark) {
        ChangeListener<Boolean> follow = (o, was, on) -> dark(on);
        dark.addListener(follow);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> dark.removeListener(follow));
        dark(dark.getValue());
        return this;
    }

    private void dark(boolean on) {
        dark = on;
        view.dark(on);
        parts.dark(on);
    }

    /**
     * Follows the main window's language while open: every word is said again in the new language, while the graph
     * shown, its selection, zoom and position, the collapsed blocks, the chooser's entries and an open formula panel
     * stay (the table's sort order starts afresh).
     */
    public ArchitectureWindow followLanguage(ObservableValue<ResourceBundle> text) {
        ChangeListener<ResourceBundle> follow = (o, was, now) -> speak(now);
        text.addListener(follow);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> text.removeListener(follow));
        if (text.getValue() != parts.text) {
            speak(text.getValue());
        }
        return this;
    }

    private void speak(ResourceBundle text) {
        boolean helpOpen = parts.help.isVisible();
        String query = parts.search.field().getText();
        parts = new ArchitectureParts(text, view, painter, loader.worker(), dark, () -> setHelpVisible(false));
        painter.labels(parts.labels);
        boxWidths.labels(parts.labels);
        loader.relabel(text);
        sources.relabel(text);
        panes.place(parts, view, loader.overlay(), toolbar());
        wireTable();
        parts.search.field().setText(query);
        setHelpVisible(helpOpen);
        showTitle();
        if (loaded != null) {
            parts.show(loaded.graph());
            // Collapsed blocks say "n layers" in the new language: their boxes are measured again, and the anchor
            // (the selection, else the first box) keeps its place on screen at the same zoom.
            String selected = view.selectedProperty().get();
            String anchor = selected != null
                    ? selected
                    : loaded.layout().nodes().get(0).node().id();
            relayout(anchor, anchor);
            if (selected != null) {
                parts.table.select(selected);
            }
        }
    }

    private void showTitle() {
        stage.setTitle(String.format(
                parts.text.getString("architecture.title"),
                loaded == null ? "" : loaded.graph().name()));
    }

    public Stage stage() {
        return stage;
    }

    private ToolBar toolbar() {
        return ArchitectureToolbar.of(
                parts.text,
                sources,
                parts.search,
                new ArchitectureToolbar.Actions(
                        this::chooseFile,
                        view::fit,
                        this::collapseAll,
                        this::expandAll,
                        this::chooseExport,
                        () -> setHelpVisible(!parts.help.isVisible())));
    }

    private void wire() {
        // Graph and table select each other; both speak in the same ids (layer id or block id).
        view.selectedProperty().addListener((o, a, id) -> {
            if (id != null && !id.equals(parts.table.selectedProperty().get())) {
                parts.table.select(id);
            }
        });
        wireTable();
        view.onToggleBlock(this::toggleBlock);
        view.onHover((box, p) -> parts.card.showBeside(
                box, p, panes.graph().getWidth(), panes.graph().getHeight()));
    }

    private void wireTable() {
        parts.table.selectedProperty().addListener((o, a, id) -> {
            if (id != null && !id.equals(view.selectedProperty().get())) {
                view.select(id);
            }
        });
    }

    private void setHelpVisible(boolean on) {
        parts.help.setVisible(on);
        if (on) {
            parts.help.toFront();
        }
    }

    // ------------------------------------------------------------------ loading

    private void load(Source s) {
        loader.load(
                s,
                l -> {
                    folding.expandAll();
                    apply(l, null, null);
                    hideNotice();
                },
                (why, shown) -> {
                    parts.statusBar.showNotice(why);
                    sources.restore(shown); // back to what is still shown
                });
    }

    private void apply(Loaded l, String oldAnchor, String anchor) {
        boolean newGraph = loaded == null || loaded.graph() != l.graph();
        loaded = l;
        if (newGraph) {
            parts.show(l.graph());
            showTitle();
            parts.search.clear();
        }
        view.show(l.layout(), oldAnchor, anchor);
        String sel = view.selectedProperty().get();
        if (sel != null) {
            view.selectedProperty().set(view.visibleId(sel));
        }
    }

    private void chooseFile() {
        Path file = sources.askForFile(stage);
        if (file != null) {
            openFile(file);
        }
    }

    /** Adds {@code file} to the chooser and loads it (the previous graph stays if it cannot be read). */
    void openFile(Path file) {
        load(sources.addFile(file));
    }

    /** Selects the preset {@code id} in the chooser, which loads it. */
    void openPreset(String id) {
        sources.selectPreset(id);
    }

    // ------------------------------------------------------------------ blocks

    /** Double-click: a collapsed block opens; a layer of a block closes that block. */
    void toggleBlock(String visibleId) {
        String anchor = loaded == null ? null : folding.toggle(loaded, visibleId);
        if (anchor != null) {
            relayout(visibleId, anchor);
        }
    }

    void collapseAll() {
        refold(() -> folding.collapseAll(loaded.graph()));
    }

    void expandAll() {
        refold(folding::expandAll);
    }

    private void refold(Runnable change) {
        if (loaded != null) {
            change.run();
            relayout(null, null);
            view.fitTop();
        }
    }

    Set<String> collapsedBlocks() {
        return loaded == null ? Set.of() : loaded.visible().collapsed();
    }

    private void relayout(String oldAnchor, String anchor) {
        apply(folding.layout(loaded.graph()), oldAnchor, anchor);
    }

    private void chooseExport(ArchitectureExporter.Format f) {
        if (loaded != null) {
            parts.exporter.choose(stage, f, loaded.graph(), loaded.layout());
        }
    }

    /**
     * Writes the table (CSV, JSON: the graph, all layers) or the graph as drawn (PNG, SVG: collapsed blocks stay
     * collapsed) to {@code target}, atomically, off the JavaFX thread (a PNG is rasterised here first).
     */
    CompletableFuture<Path> export(ArchitectureExporter.Format f, Path target) {
        Loaded l = loaded;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing loaded"));
        }
        return parts.exporter.export(f, l.graph(), l.layout(), target);
    }

    void hideNotice() {
        parts.statusBar.hideNotice();
    }

    // ------------------------------------------------------------------ for tests and the benchmark

    ArchitectureView view() {
        return view;
    }

    ArchitectureTable table() {
        return parts.table;
    }

    TextField searchField() {
        return parts.search.field();
    }

    Label matchInfo() {
        return parts.search.matchInfo();
    }

    Label notice() {
        return parts.statusBar.notice();
    }

    ComboBox<Source> sources() {
        return sources;
    }

    /** The graph shown, or null while the first one loads. */
    public ArchitectureGraph graph() {
        return loaded == null ? null : loaded.graph();
    }

    boolean isLoading() {
        return loader.isLoading();
    }

    FormulaHelpPanel help() {
        return parts.help;
    }

    NodeCard card() {
        return parts.card;
    }

    void showHelp(boolean on) {
        setHelpVisible(on);
    }
}
