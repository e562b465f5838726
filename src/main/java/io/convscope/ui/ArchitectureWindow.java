package io.convscope.ui;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.AtomicFiles;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.graph.ArchitectureCsv;
import io.convscope.explain.graph.ArchitectureSvg;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeColors;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.caffe.CaffeImporter;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureJson;
import io.convscope.network.graph.NodeType;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * application's user-agent stylesheet (AtlantaFX light or dark) when the window opens. Loading and converting runs on
 * the window's own background thread with progress and a cancel button; a file that cannot be read leaves the current
 * graph in place and says why. Nothing is persisted.
 */
public final class ArchitectureWindow {

    static final double WIDTH = 1440;
    static final double HEIGHT = 900;
    static final double GRAPH_SHARE = 0.4;
    static final double NOTICE_SECONDS = 8;
    /** The longer side of an exported PNG, in pixels. */
    static final int PNG_MAX_SIDE = 8192;
    /** PNG export scale when the graph is small enough: crisper than the screen. */
    static final double PNG_PREFERRED_SCALE = 2;
    /** The PNG is rasterised in tiles of this size: one huge canvas would exceed texture limits. */
    static final int PNG_TILE = 2048;
    static final String FIRST_PRESET = "tiny-vgg";

    /** A network the source chooser offers. */
    record Source(String label, String presetId, Path file, ArchitectureGraph graph, LoadedModel model) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** A loaded graph with its current layout. */
    record Loaded(ArchitectureGraph graph, VisibleGraph visible, GraphLayout layout) {
    }

    private final ResourceBundle text;
    private final Stage stage = new Stage();
    private final boolean dark;
    private final NodeLabels labels;
    private final MeasuredBoxWidths boxWidths;
    private final ArchitecturePainter painter;
    private final ArchitectureView view;
    private final ArchitectureTable table;
    private final NodeCard card;
    private final Figures figures;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-architecture");
        t.setDaemon(true);
        return t;
    });
    private final ComboBox<Source> sources = new ComboBox<>();
    private final TextField search = new TextField();
    private final Label matchInfo = new Label();
    private final Label status = new Label();
    private final Label notice = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel = new Button();
    private final VBox loadingBox;
    private final StackPane graphPane;
    private final FormulaHelpPanel help;
    private final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(12, 4);
    private final javafx.animation.PauseTransition noticeTimer =
            new javafx.animation.PauseTransition(javafx.util.Duration.seconds(NOTICE_SECONDS));
    private Loaded loaded;
    private Task<Loaded> loading;
    private Source shownSource;
    private boolean choosingSource;
    private final Set<String> collapsed = new HashSet<>();

    private ArchitectureWindow(Window owner, ResourceBundle text) {
        this.text = text;
        this.dark = String.valueOf(Application.getUserAgentStylesheet()).toLowerCase(Locale.ROOT).contains("dark");
        this.labels = new NodeLabels(text.getString("architecture.block.layers"));
        this.boxWidths = new MeasuredBoxWidths(labels, LayoutMetrics.DEFAULT);
        this.painter = new ArchitecturePainter(labels);
        this.view = new ArchitectureView(painter, dark);
        this.table = new ArchitectureTable(text);
        this.card = new NodeCard(text);
        this.figures = new Figures(text);
        view.setId("architecture-view");

        help = new FormulaHelpPanel(text, () -> setHelpVisible(false));
        help.setVisible(false);
        StackPane.setAlignment(help, Pos.TOP_RIGHT);
        StackPane.setMargin(help, new Insets(12));

        legend.getStyleClass().add("architecture-legend");
        legend.setId("architecture-legend");
        noticeTimer.setOnFinished(e -> hideNotice());

        progress.setPrefWidth(260);
        cancel.setText(text.getString("architecture.cancel"));
        cancel.setId("architecture-cancel");
        cancel.setOnAction(e -> cancelLoading());
        loadingBox = new VBox(8, progressText, progress, cancel);
        loadingBox.setAlignment(Pos.CENTER);
        loadingBox.getStyleClass().addAll("formula-panel", "architecture-loading");
        loadingBox.setPadding(new Insets(16));
        loadingBox.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        loadingBox.setVisible(false);

        graphPane = new StackPane(view, card, help, loadingBox);
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

        status.setId("architecture-status");
        notice.setId("architecture-notice");
        notice.getStyleClass().addAll("notice", "danger");
        notice.setVisible(false);
        notice.setManaged(false);
        notice.setWrapText(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, grow, notice);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.setPadding(new Insets(4, 10, 4, 10));

        BorderPane root = new BorderPane(split);
        root.setTop(toolbar());
        root.setBottom(statusBar);
        root.getStyleClass().add("architecture-window");

        wire();
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(ConvScopeApp.class.getResource(ConvScopeApp.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> {
            cancelLoading();
            worker.shutdownNow();
        });
        stage.setTitle(String.format(text.getString("architecture.title"), ""));
    }

    /** Opens the window on Tiny VGG. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text) {
        ArchitectureWindow w = new ArchitectureWindow(owner, text);
        w.addPresets(null);
        w.stage.show();
        w.sources.getSelectionModel().select(0);
        return w;
    }

    /** Opens the window on {@code graph} (listed first in the chooser as {@code title}), the presets after it. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text, ArchitectureGraph graph, String title) {
        ArchitectureWindow w = new ArchitectureWindow(owner, text);
        w.addPresets(new Source(String.format(text.getString("architecture.source.current"), title), null, null, graph, null));
        w.stage.show();
        w.sources.getSelectionModel().select(0);
        return w;
    }

    /** Opens the window on the main window's model; the conversion runs off the JavaFX thread. */
    public static ArchitectureWindow show(Window owner, ResourceBundle text, LoadedModel model) {
        ArchitectureWindow w = new ArchitectureWindow(owner, text);
        w.addPresets(new Source(String.format(text.getString("architecture.source.current"), model.source()),
                null, null, null, model));
        w.stage.show();
        w.sources.getSelectionModel().select(0);
        return w;
    }

    private void addPresets(Source current) {
        if (current != null) {
            sources.getItems().add(current);
        }
        ArchitecturePresets.find(FIRST_PRESET).ifPresent(p -> sources.getItems().add(preset(p)));
        for (ArchitecturePresets.Preset p : ArchitecturePresets.all()) {
            if (!p.id().equals(FIRST_PRESET)) {
                sources.getItems().add(preset(p));
            }
        }
    }

    private static Source preset(ArchitecturePresets.Preset p) {
        return new Source(p.displayName(), p.id(), null, null, null);
    }

    public Stage stage() {
        return stage;
    }

    private ToolBar toolbar() {
        Label sourceLabel = new Label(text.getString("architecture.source.label"));
        sources.setId("architecture-source");
        sources.setTooltip(new Tooltip(text.getString("architecture.source.tooltip")));
        sources.setVisibleRowCount(16);
        sources.setPrefWidth(190);
        sources.setConverter(new StringConverter<>() {
            @Override
            public String toString(Source s) {
                return s == null ? "" : s.label();
            }

            @Override
            public Source fromString(String s) {
                return null;
            }
        });
        Button open = new Button(text.getString("architecture.open"), new FontIcon(Material2AL.FOLDER_OPEN));
        open.setId("architecture-open");
        open.setTooltip(new Tooltip(text.getString("architecture.open.tooltip")));
        open.setOnAction(e -> chooseFile());

        search.setId("architecture-search");
        search.setPromptText(text.getString("architecture.search.prompt"));
        search.setTooltip(new Tooltip(text.getString("architecture.search.tooltip")));
        search.setPrefColumnCount(10);
        matchInfo.getStyleClass().add("caption");
        matchInfo.setMinWidth(56);

        Button fit = new Button(text.getString("architecture.fit"), new FontIcon(Material2AL.FULLSCREEN));
        fit.setId("architecture-fit");
        fit.setTooltip(new Tooltip(text.getString("architecture.fit.tooltip")));
        fit.setOnAction(e -> view.fit());
        Button collapseAll = new Button(text.getString("architecture.collapseAll"), new FontIcon(Material2MZ.UNFOLD_LESS));
        collapseAll.setId("architecture-collapse-all");
        collapseAll.setTooltip(new Tooltip(text.getString("architecture.collapseAll.tooltip")));
        collapseAll.setOnAction(e -> collapseAll());
        Button expandAll = new Button(text.getString("architecture.expandAll"), new FontIcon(Material2MZ.UNFOLD_MORE));
        expandAll.setId("architecture-expand-all");
        expandAll.setTooltip(new Tooltip(text.getString("architecture.expandAll.tooltip")));
        expandAll.setOnAction(e -> expandAll());

        MenuButton export = new MenuButton(text.getString("architecture.export"), new FontIcon(Material2MZ.SAVE_ALT));
        export.setId("architecture-export");
        export.setTooltip(new Tooltip(text.getString("architecture.export.tooltip")));
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem item = new MenuItem(text.getString("architecture.export." + f.extension));
            item.setOnAction(e -> chooseExport(f));
            export.getItems().add(item);
        }
        Button helpButton = new Button(text.getString("architecture.help"), new FontIcon(Material2AL.HELP_OUTLINE));
        helpButton.setId("architecture-help-button");
        helpButton.setTooltip(new Tooltip(text.getString("architecture.help.tooltip")));
        helpButton.setOnAction(e -> setHelpVisible(!help.isVisible()));
        ToolBar bar = new ToolBar(sourceLabel, sources, open, new Separator(), new FontIcon(Material2MZ.SEARCH), search,
                matchInfo, new Separator(), fit, collapseAll, expandAll, new Separator(), export, helpButton);
        bar.getStyleClass().add("tool-bar");
        return bar;
    }

    private void wire() {
        sources.getSelectionModel().selectedItemProperty().addListener((o, was, s) -> {
            if (s != null && !choosingSource && s != shownSource) {
                load(s);
            }
        });
        search.setOnAction(e -> searchNext());
        search.textProperty().addListener((o, a, b) -> {
            if (b.isBlank()) {
                view.searchNext("");
                matchInfo.setText("");
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                view.requestFocus();
            }
        });
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
        view.onHover((box, p) -> {
            if (box == null) {
                card.setVisible(false);
                return;
            }
            card.show(box);
            double w = card.prefWidth(-1);
            double h = card.prefHeight(w);
            double x = p[0] + 16 + w > graphPane.getWidth() ? p[0] - 16 - w : p[0] + 16;
            double y = Math.max(4, Math.min(p[1] + 16, graphPane.getHeight() - h - 4));
            card.resizeRelocate(Math.max(4, x), y, w, h);
        });
    }

    private void setHelpVisible(boolean on) {
        help.setVisible(on);
        if (on) {
            help.toFront();
        }
    }

    // ------------------------------------------------------------------ loading

    private void load(Source s) {
        if (s.graph() != null) {
            startLoading(s, () -> s.graph());
        } else if (s.model() != null) {
            startLoading(s, () -> s.model().architecture());
        } else if (s.presetId() != null) {
            ArchitecturePresets.Preset p = ArchitecturePresets.find(s.presetId()).orElseThrow();
            startLoading(s, p::graph);
        } else {
            startLoading(s, () -> readFile(s.file()));
        }
    }

    /** Reads a Caffe .prototxt with the Caffe importer, anything else as a model through {@link ModelLoader}. */
    static ArchitectureGraph readFile(Path file) throws Exception {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prototxt")) {
            return CaffeImporter.read(file);
        }
        return ModelLoader.load(file).architecture();
    }

    private interface GraphSource {
        ArchitectureGraph build() throws Exception;
    }

    private void startLoading(Source s, GraphSource source) {
        cancelLoading();
        Task<Loaded> task = new Task<>() {
            @Override
            protected Loaded call() throws Exception {
                updateMessage(String.format(text.getString("architecture.loading"), s.label()));
                updateProgress(0, 2);
                ArchitectureGraph g = source.build();
                if (isCancelled()) {
                    return null;
                }
                updateMessage(String.format(text.getString("architecture.loading.layout"), g.nodes().size()));
                updateProgress(1, 2);
                VisibleGraph v = VisibleGraph.expanded(g);
                GraphLayout layout = LayeredLayout.of(v, boxWidths, LayoutMetrics.DEFAULT);
                updateProgress(2, 2);
                return new Loaded(g, v, layout);
            }
        };
        loading = task;
        progress.progressProperty().bind(task.progressProperty());
        progressText.textProperty().bind(task.messageProperty());
        loadingBox.setVisible(true);
        loadingBox.toFront();
        task.setOnSucceeded(e -> {
            if (loading != task) {
                return;
            }
            finishLoading();
            Loaded l = task.getValue();
            if (l != null) {
                shownSource = s;
                collapsed.clear();
                apply(l, null, null);
                hideNotice();
            }
        });
        task.setOnFailed(e -> {
            if (loading != task) {
                return;
            }
            finishLoading();
            Throwable t = task.getException();
            String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            showNotice(String.format(text.getString("architecture.error.load"), s.label(), why));
            restoreSourceSelection();
        });
        task.setOnCancelled(e -> {
            finishLoading();
            showNotice(String.format(text.getString("architecture.cancelled"),
                    shownSource == null ? "" : shownSource.label()));
            restoreSourceSelection();
        });
        worker.submit(task);
    }

    private void finishLoading() {
        loading = null;
        progress.progressProperty().unbind();
        progressText.textProperty().unbind();
        loadingBox.setVisible(false);
    }

    private void cancelLoading() {
        Task<Loaded> t = loading;
        if (t != null) {
            t.cancel(true);
        }
    }

    /** After a failure the chooser goes back to what is still shown. */
    private void restoreSourceSelection() {
        choosingSource = true;
        try {
            if (shownSource == null) {
                sources.getSelectionModel().clearSelection();
            } else {
                sources.getSelectionModel().select(shownSource);
            }
        } finally {
            choosingSource = false;
        }
    }

    private void apply(Loaded l, String oldAnchor, String anchor) {
        boolean newGraph = loaded == null || loaded.graph() != l.graph();
        loaded = l;
        if (newGraph) {
            table.show(l.graph());
            card.graph(l.graph());
            legend(l.graph());
            stage.setTitle(String.format(text.getString("architecture.title"), l.graph().name()));
            String summary = String.format(text.getString("architecture.status"), l.graph().name(),
                    l.graph().nodes().size(), figures.count(l.graph().params()),
                    figures.count(l.graph().multiplyAccumulates()));
            if (l.graph().warnings().isEmpty()) {
                status.setText(summary);
                status.setTooltip(null);
            } else {
                status.setText(String.format(text.getString("architecture.status.warnings"), summary,
                        l.graph().warnings().size()));
                status.setTooltip(new Tooltip(String.join("\n", l.graph().warnings())));
            }
            search.clear();
            matchInfo.setText("");
        }
        view.show(l.layout(), oldAnchor, anchor);
        String sel = view.selectedProperty().get();
        if (sel != null) {
            view.selectedProperty().set(view.visibleId(sel));
        }
    }

    private void legend(ArchitectureGraph g) {
        legend.getChildren().clear();
        Label title = new Label(text.getString("architecture.legend.title"));
        title.getStyleClass().add("architecture-legend-title");
        legend.getChildren().add(title);
        EnumSet<NodeType> present = EnumSet.noneOf(NodeType.class);
        g.nodes().forEach(n -> present.add(n.type()));
        for (NodeType t : present) {
            Rectangle swatch = new Rectangle(14, 10);
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            swatch.setFill(Palette.fx(NodeColors.fill(t, false, dark)));
            swatch.setStroke(Palette.fx(NodeColors.stroke(t, false)));
            Label l = new Label(text.getString("architecture.type." + t.name()), swatch);
            l.getStyleClass().add("architecture-legend-item");
            legend.getChildren().add(l);
        }
        if (g.nodes().stream().anyMatch(n -> n.inPlace())) {
            Rectangle dashed = new Rectangle(14, 10);
            dashed.setFill(Color.TRANSPARENT);
            dashed.setStroke(Palette.fx(NodeColors.edge(dark)));
            dashed.getStrokeDashArray().addAll(3.0, 2.0);
            Label l = new Label(text.getString("architecture.legend.inPlace"), dashed);
            l.getStyleClass().add("architecture-legend-item");
            legend.getChildren().add(l);
        }
        if (!VisibleGraph.collapsibleBlocks(g).isEmpty()) {
            Label l = new Label(text.getString("architecture.legend.block"), new FontIcon(Material2AL.LAYERS));
            l.getStyleClass().add("architecture-legend-item");
            legend.getChildren().add(l);
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(text.getString("architecture.filter.all"),
                        "*.prototxt", "*.zip", "*.h5", "*.hdf5", "*.json"),
                new FileChooser.ExtensionFilter(text.getString("architecture.filter.prototxt"), "*.prototxt"),
                new FileChooser.ExtensionFilter(text.getString("architecture.filter.models"),
                        "*.zip", "*.h5", "*.hdf5", "*.json"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /** Adds {@code file} to the chooser and loads it (the previous graph stays if it cannot be read). */
    void openFile(Path file) {
        Source s = new Source(String.format(text.getString("architecture.source.file"), file.getFileName()), null,
                file, null, null);
        choosingSource = true;
        try {
            sources.getItems().add(s);
            sources.getSelectionModel().select(s);
        } finally {
            choosingSource = false;
        }
        load(s);
    }

    /** Selects the preset {@code id} in the chooser, which loads it. */
    void openPreset(String id) {
        for (Source s : sources.getItems()) {
            if (id.equals(s.presetId())) {
                sources.getSelectionModel().select(s);
                return;
            }
        }
        throw new IllegalArgumentException("no preset " + id);
    }

    // ------------------------------------------------------------------ blocks and search

    /** Double-click: a collapsed block opens; a layer of a block closes that block. */
    void toggleBlock(String visibleId) {
        if (loaded == null) {
            return;
        }
        VisibleGraph.Node n = loaded.visible().node(visibleId);
        if (n.collapsedBlock()) {
            collapsed.remove(n.block());
            relayout(visibleId, n.members().get(0).id());
        } else if (!n.block().isEmpty() && VisibleGraph.collapsibleBlocks(loaded.graph()).contains(n.block())) {
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

    private void searchNext() {
        String hit = view.searchNext(search.getText());
        matchInfo.setText(hit == null ? (search.getText().isBlank() ? "" : text.getString("architecture.search.none"))
                : String.format(text.getString("architecture.search.matches"), view.matchPosition(), view.matchCount()));
    }

    // ------------------------------------------------------------------ exports

    /** What the export menu offers; the extension doubles as the resource key suffix. */
    enum ExportFormat {
        CSV("csv"), JSON("json"), PNG("png"), SVG("svg");

        final String extension;

        ExportFormat(String extension) {
            this.extension = extension;
        }
    }

    private void chooseExport(ExportFormat f) {
        if (loaded == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(loaded.graph().name().replaceAll("[^A-Za-z0-9._-]+", "-") + "." + f.extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("architecture.export." + f.extension),
                "*." + f.extension));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            export(f, file.toPath());
        }
    }

    /**
     * Writes the table (CSV, JSON: the graph, all layers) or the graph as drawn (PNG, SVG: collapsed blocks stay
     * collapsed) to {@code target}, atomically, off the JavaFX thread (a PNG is rasterised here first).
     */
    CompletableFuture<Path> export(ExportFormat f, Path target) {
        Loaded l = loaded;
        CompletableFuture<Path> done = new CompletableFuture<>();
        if (l == null) {
            done.completeExceptionally(new IllegalStateException("nothing loaded"));
            return done;
        }
        BufferedImage png = f == ExportFormat.PNG ? rasterize(l.layout()) : null;
        worker.submit(() -> {
            try {
                AtomicFiles.write(target, out -> {
                    if (png != null) {
                        ImageIO.write(png, "png", out);
                        return;
                    }
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    switch (f) {
                        case CSV -> ArchitectureCsv.write(l.graph(), w);
                        case JSON -> ArchitectureJson.write(l.graph(), w);
                        case SVG -> ArchitectureSvg.write(l.layout(), labels, dark, w);
                        default -> throw new IllegalStateException(f.name());
                    }
                    w.flush();
                });
                javafx.application.Platform.runLater(() -> showInfo(String.format(
                        text.getString("architecture.export.done"), target.getFileName())));
                done.complete(target);
            } catch (Exception e) {
                javafx.application.Platform.runLater(() -> showNotice(String.format(
                        text.getString("architecture.export.failed"), target.getFileName(), e.getMessage())));
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The whole graph at up to 2× scale, the longer side at most {@value #PNG_MAX_SIDE} px, drawn tile by tile. */
    BufferedImage rasterize(GraphLayout layout) {
        double scale = Math.min(PNG_PREFERRED_SCALE, PNG_MAX_SIDE / Math.max(layout.width(), layout.height()));
        int w = Math.max(1, (int) Math.floor(layout.width() * scale));
        int h = Math.max(1, (int) Math.floor(layout.height() * scale));
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Canvas tile = new Canvas(PNG_TILE, PNG_TILE);
        var edgeLabels = io.convscope.explain.graph.EdgeLabels.of(layout);
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Palette.fx(NodeColors.background(dark)));
        int[] row = new int[PNG_TILE * PNG_TILE];
        for (int ty = 0; ty < h; ty += PNG_TILE) {
            for (int tx = 0; tx < w; tx += PNG_TILE) {
                painter.paint(tile.getGraphicsContext2D(), layout, edgeLabels, scale, -tx, -ty, PNG_TILE, PNG_TILE,
                        dark, ArchitecturePainter.Highlight.NONE);
                WritableImage shot = tile.snapshot(params, null);
                int tw = Math.min(PNG_TILE, w - tx);
                int th = Math.min(PNG_TILE, h - ty);
                shot.getPixelReader().getPixels(0, 0, tw, th, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                        row, 0, tw);
                image.setRGB(tx, ty, tw, th, row, 0, tw);
            }
        }
        return image;
    }

    private void showNotice(String message) {
        notice.getStyleClass().setAll("notice", "danger");
        notice.setText(message);
        notice.setVisible(true);
        notice.setManaged(true);
        noticeTimer.playFromStart();
    }

    private void showInfo(String message) {
        notice.getStyleClass().setAll("notice", "architecture-info");
        notice.setText(message);
        notice.setVisible(true);
        notice.setManaged(true);
        noticeTimer.playFromStart();
    }

    void hideNotice() {
        notice.setVisible(false);
        notice.setManaged(false);
    }

    // ------------------------------------------------------------------ for tests and the benchmark

    ArchitectureView view() {
        return view;
    }

    ArchitectureTable table() {
        return table;
    }

    TextField searchField() {
        return search;
    }

    Label matchInfo() {
        return matchInfo;
    }

    Label notice() {
        return notice;
    }

    ComboBox<Source> sources() {
        return sources;
    }

    /** The graph shown, or null while the first one loads. */
    ArchitectureGraph graph() {
        return loaded == null ? null : loaded.graph();
    }

    boolean isLoading() {
        return loading != null;
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
