package io.convscope.ui.architecture;

import io.convscope.engine.LoadedModel;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.ArchitectureSourceChooser.Source;
import io.convscope.ui.architecture.details.ArchitectureTable;
import io.convscope.ui.architecture.details.Figures;
import io.convscope.ui.architecture.details.FormulaHelpPanel;
import io.convscope.ui.architecture.details.NodeCard;
import io.convscope.ui.architecture.graph.ArchitectureView;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.architecture.paint.MeasuredBoxWidths;
import io.convscope.ui.common.Palette;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.nio.file.Path;
import java.util.HashSet;
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
 * {@link #followTheme}. Loading and converting runs on
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

    private final ResourceBundle text;
    private final Stage stage = new Stage();
    private final NodeLabels labels;
    private final MeasuredBoxWidths boxWidths;
    private final ArchitecturePainter painter;
    private final ArchitectureView view;
    private final ArchitectureTable table;
    private final NodeCard card;
    private final ArchitectureExporter exporter;
    private final ArchitectureSourceChooser sources;
    private final ArchitectureSearch search;
    private final ArchitectureStatusBar statusBar;
    private final ArchitectureLoader loader;
    private final StackPane graphPane;
    private final FormulaHelpPanel help;
    private final ArchitectureLegend legend;
    private Loaded loaded;
    private final Set<String> collapsed = new HashSet<>();

    private ArchitectureWindow(Window owner, ResourceBundle text) {
        this.text = text;
        boolean dark = String.valueOf(Application.getUserAgentStylesheet())
                .toLowerCase(Locale.ROOT)
                .contains("dark");
        this.labels = new NodeLabels(text.getString("architecture.block.layers"));
        this.boxWidths = new MeasuredBoxWidths(labels, LayoutMetrics.DEFAULT);
        this.painter = new ArchitecturePainter(labels);
        this.view = new ArchitectureView(painter, dark);
        this.table = new ArchitectureTable(text);
        this.card = new NodeCard(text);
        this.statusBar = new ArchitectureStatusBar(text, new Figures(text));
        this.loader = new ArchitectureLoader(text, boxWidths);
        this.exporter = new ArchitectureExporter(text, painter, labels, dark, loader.worker(), statusBar);
        this.legend = new ArchitectureLegend(text, dark);
        this.sources = new ArchitectureSourceChooser(text, this::load, loader::shown);
        this.search = new ArchitectureSearch(text, view);
        view.setId("architecture-view");

        help = new FormulaHelpPanel(text, () -> setHelpVisible(false));
        help.setVisible(false);
        StackPane.setAlignment(help, Pos.TOP_RIGHT);
        StackPane.setMargin(help, new Insets(12));

        graphPane = new StackPane(view, card, help, loader.overlay());
        graphPane.setMinSize(0, 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(graphPane.widthProperty());
        clip.heightProperty().bind(graphPane.heightProperty());
        graphPane.setClip(clip);

        BorderPane graphSide = new BorderPane(graphPane);
        graphSide.setBottom(legend); // under the graph, never over a box
        SplitPane split = new SplitPane(graphSide, table);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(GRAPH_SHARE);

        BorderPane root = new BorderPane(split);
        root.setTop(toolbar());
        root.setBottom(statusBar);
        root.getStyleClass().add(STYLE_CLASS);

        wire();
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Palette.class.getResource(Palette.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> {
            loader.shutdown();
        });
        stage.setTitle(String.format(text.getString("architecture.title"), ""));
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
        view.dark(on);
        legend.dark(on);
        exporter.dark(on);
    }

    public Stage stage() {
        return stage;
    }

    private ToolBar toolbar() {
        return ArchitectureToolbar.of(
                text,
                sources,
                search,
                new ArchitectureToolbar.Actions(
                        this::chooseFile,
                        view::fit,
                        this::collapseAll,
                        this::expandAll,
                        this::chooseExport,
                        () -> setHelpVisible(!help.isVisible())));
    }

    private void wire() {
        // Graph and table select each other; both speak in the same ids (layer id or block id).
        view.selectedProperty().addListener((o, a, id) -> {
            if (id != null && !id.equals(table.selectedProperty().get())) {
                table.select(id);
            }
        });
        table.selectedProperty().addListener((o, a, id) -> {
            if (id != null && !id.equals(view.selectedProperty().get())) {
                view.select(id);
            }
        });
        view.onToggleBlock(this::toggleBlock);
        view.onHover((box, p) -> card.showBeside(box, p, graphPane.getWidth(), graphPane.getHeight()));
    }

    private void setHelpVisible(boolean on) {
        help.setVisible(on);
        if (on) {
            help.toFront();
        }
    }

    // ------------------------------------------------------------------ loading

    private void load(Source s) {
        loader.load(
                s,
                l -> {
                    collapsed.clear();
                    apply(l, null, null);
                    hideNotice();
                },
                (why, shown) -> {
                    statusBar.showNotice(why);
                    sources.restore(shown); // back to what is still shown
                });
    }

    private void apply(Loaded l, String oldAnchor, String anchor) {
        boolean newGraph = loaded == null || loaded.graph() != l.graph();
        loaded = l;
        if (newGraph) {
            table.show(l.graph());
            card.graph(l.graph());
            legend.show(l.graph());
            stage.setTitle(String.format(
                    text.getString("architecture.title"), l.graph().name()));
            statusBar.summarize(l.graph());
            search.clear();
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
        if (loaded == null) {
            return;
        }
        VisibleGraph.Node n = loaded.visible().node(visibleId);
        if (n.collapsedBlock()) {
            collapsed.remove(n.block());
            relayout(visibleId, n.members().get(0).id());
        } else if (!n.block().isEmpty()
                && VisibleGraph.collapsibleBlocks(loaded.graph()).contains(n.block())) {
            collapsed.add(n.block());
            relayout(visibleId, VisibleGraph.BLOCK_ID_PREFIX + n.block());
        }
    }

    void collapseAll() {
        if (loaded != null) {
            collapsed.addAll(VisibleGraph.collapsibleBlocks(loaded.graph()));
            relayout(null, null);
            view.fitTop();
        }
    }

    void expandAll() {
        if (loaded != null) {
            collapsed.clear();
            relayout(null, null);
            view.fitTop();
        }
    }

    Set<String> collapsedBlocks() {
        return loaded == null ? Set.of() : loaded.visible().collapsed();
    }

    /** Re-lays out with the current collapsed set; a few milliseconds even for the largest preset. */
    private void relayout(String oldAnchor, String anchor) {
        VisibleGraph v = VisibleGraph.of(loaded.graph(), collapsed);
        apply(new Loaded(loaded.graph(), v, LayeredLayout.of(v, boxWidths, LayoutMetrics.DEFAULT)), oldAnchor, anchor);
    }

    private void chooseExport(ArchitectureExporter.Format f) {
        if (loaded != null) {
            exporter.choose(stage, f, loaded.graph(), loaded.layout());
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
        return exporter.export(f, l.graph(), l.layout(), target);
    }

    void hideNotice() {
        statusBar.hideNotice();
    }

    // ------------------------------------------------------------------ for tests and the benchmark

    ArchitectureView view() {
        return view;
    }

    ArchitectureTable table() {
        return table;
    }

    TextField searchField() {
        return search.field();
    }

    Label matchInfo() {
        return search.matchInfo();
    }

    Label notice() {
        return statusBar.notice();
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
        return help;
    }

    NodeCard card() {
        return card;
    }

    void showHelp(boolean on) {
        setHelpVisible(on);
    }
}
