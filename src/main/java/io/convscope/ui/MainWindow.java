package io.convscope.ui;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.PresetModels;
import javafx.scene.control.Menu;

import io.convscope.engine.ImageInputException;
import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.ByteBoundedCache;
import io.convscope.engine.Inference;
import io.convscope.engine.ModelTooBigException;
import io.convscope.engine.PassMemory;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.ExplanationNavigator;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.OutputMap;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The main window: gallery and controls on top, the overview in the middle, the input beside it, a status bar below.
 * Decoding, preprocessing and the forward pass run on the engine thread; this class only wires results to views.
 */
final class MainWindow extends BorderPane {

    /** The image being shown and everything computed for it. */
    record Shown(String key, String title, String sample, BufferedImage upright, BufferedImage input,
                 ActivationSnapshot snapshot) {

        /** The same image with another snapshot: null in {@link #recentSamples}, whose snapshots the engine caches. */
        Shown with(ActivationSnapshot snapshot) {
            return new Shown(key, title, sample, upright, input, snapshot);
        }

        /** What the two decoded images hold. */
        long imageBytes() {
            return bytes(upright) + bytes(input);
        }

        private static long bytes(BufferedImage image) {
            DataBuffer data = image.getRaster().getDataBuffer();
            return (long) data.getSize() * data.getNumBanks() * DataBuffer.getDataTypeSize(data.getDataType()) / 8;
        }
    }

    static final double NOTICE_SECONDS = 6;
    /** How far one wheel notch pans a wide overview sideways, in pixels (about two columns of 36 px neurons). */
    static final double WHEEL_PAN_PX = 90;
    /** Where the divider between the network and the Learn panel starts (fraction of the width). */
    static final double LEARN_DIVIDER = 0.62;
    /** The heap share of the decoded samples kept to show again without decoding (a 2 GB heap keeps 64 MB). */
    static final double SHOWN_CACHE_HEAP_FRACTION = 1 / 32.0;

    private final Language language;
    private final ResourceBundle text;
    private final ResourceBundle samples;
    private final AppSettings settings;
    private final EngineService engine;
    private final OverviewPane overview;
    private final InputPanel inputPanel;
    private final GalleryStrip gallery;
    private final Label status = new Label();
    private final Label readout = new Label();
    private final Label notice = new Label();
    private final ProgressBar busy = new ProgressBar();
    /** Where a preset load's progress is when it starts its first forward pass (init and compile take the rest). */
    static final double FIRST_PASS_PROGRESS = 0.85;
    private final ProgressBar loadProgress = new ProgressBar(0);
    private final Label loadPhase = new Label();
    private final HBox loadBox = new HBox(6);
    private Button cancelButton;
    private final FirstStepsHint firstSteps;
    private final RandomWeightsBadge randomBadge;
    private final ComboBox<RangeMode> rangeMode = new ComboBox<>();
    private final ToggleButton details = new ToggleButton();
    private final MenuButton recent = new MenuButton();
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Inference> inference = new SimpleObjectProperty<>();
    private final Palette palette;
    private final Consumer<Boolean> themeSwitch;
    private final Consumer<Language> languageSwitch;
    private final LearnPanel learnPanel;
    private final ToggleButton learn = new ToggleButton();
    private final javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane();
    private final StackPane networkArea;
    private HyperparameterView playground;
    private PauseTransition noticeTimer;
    private final StackPane explanationLayer = new StackPane();
    private ElementwiseFormulaPanel elementwisePanel;
    private ConvolutionView convolutionView;
    private ConvolutionFormulaPanel convolutionFormula;
    private FlattenView flattenView;
    private FitToSize convolutionFit;
    private FitToSize flattenFit;
    private FitToSize convolutionFormulaFit;
    private SoftmaxPanel softmaxPanel;
    private ExplanationNavigator navigator;
    private final java.util.List<javafx.scene.Node> overviewControls = new java.util.ArrayList<>();
    /**
     * Samples shown recently, decoded and bounded by their pixels' bytes (JavaFX thread only). Their snapshots are
     * not kept here (null): the engine's byte-bounded cache holds them, so there is one snapshot cache, not two.
     */
    private final ByteBoundedCache<Shown> recentSamples =
            new ByteBoundedCache<>(ByteBoundedCache.heapFraction(SHOWN_CACHE_HEAP_FRACTION), Shown::imageBytes);

    MainWindow(Language language, AppSettings settings, EngineService engine, Palette palette,
               Consumer<Boolean> themeSwitch, Consumer<Language> languageSwitch, boolean dark) {
        this.language = language;
        this.text = language.messages();
        this.samples = language.samples();
        this.languageSwitch = languageSwitch;
        this.settings = settings;
        this.engine = engine;
        this.palette = palette;
        this.themeSwitch = themeSwitch;
        this.overview = new OverviewPane(text, palette);
        this.inputPanel = new InputPanel(text);
        this.gallery = new GalleryStrip(samples, this::showSample);
        this.learnPanel = new LearnPanel(text, language, palette, this::showLayer, this::playground,
                () -> learn.setSelected(false));
        overview.setId("overview");
        status.setId("status");
        notice.setId("notice");
        busy.visibleProperty().bind(engine.busyProperty()); // on until the latest model or image request has finished
        busy.setPrefWidth(90);
        busy.managedProperty().bind(busy.visibleProperty()); // hidden, it must not take tool bar room

        setTop(toolbar(dark));
        notice.getStyleClass().addAll("notice", "danger");
        notice.setVisible(false);
        notice.setWrapText(true);
        notice.setMaxWidth(560);
        explanationLayer.getStyleClass().add("explanation-layer");
        explanationLayer.setVisible(false);
        explanationLayer.setPickOnBounds(true); // catches clicks on empty space while a view is open
        explanationLayer.setMinSize(0, 0);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(explanationLayer.widthProperty());
        clip.heightProperty().bind(explanationLayer.heightProperty());
        explanationLayer.setClip(clip);
        explanationLayer.setOnMouseClicked(e -> {
            if (e.getTarget() == explanationLayer) {
                goBack(); // a click on empty space unwinds one level
            }
        });
        overview.setOnNeuronChosen(this::explain);
        // Sideways scrolling only when a big network's minimum width exceeds the window (Tiny VGG always fits).
        javafx.scene.control.ScrollPane overviewScroll = new javafx.scene.control.ScrollPane(overview);
        overviewScroll.setFitToWidth(true);
        overviewScroll.setFitToHeight(true);
        overviewScroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        overviewScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        overviewScroll.getStyleClass().addAll("edge-to-edge", "overview-scroll");
        overviewScroll.setFocusTraversable(false);
        // Wide networks render only what the scroll pane shows. The offset is worked out from the scroll value, as the
        // skin places the content: the viewport bounds' x alone lagged behind when a new, wider network replaced a
        // narrow one (YOLOv2 after Tiny VGG: scrolled to the far right, bounds still at 0, the last columns unrendered).
        Runnable syncViewport = () -> {
            double view = overviewScroll.getViewportBounds().getWidth();
            overview.setViewport(overviewScroll.getHvalue() * Math.max(0, overview.getWidth() - view), view);
        };
        overviewScroll.viewportBoundsProperty().addListener(o -> syncViewport.run());
        overviewScroll.hvalueProperty().addListener(o -> syncViewport.run());
        overview.widthProperty().addListener(o -> syncViewport.run());
        shown.addListener((o, was, now) -> {
            if (now != null && (was == null || was.snapshot().network() != now.snapshot().network())) {
                overviewScroll.setHvalue(0); // another model opens at its input, not where the last one was scrolled
            }
        });
        // The wheel (outside columns that scroll their channels) pans a wide network sideways, a column per notch:
        // the scroll pane alone would only scroll vertically, which this pane never needs.
        overview.addEventHandler(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            double extra = overview.getWidth() - overviewScroll.getViewportBounds().getWidth();
            double delta = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
            if (extra > 0 && delta != 0 && !e.isConsumed()) {
                double step = Math.signum(delta) * WHEEL_PAN_PX;
                overviewScroll.setHvalue(Math.max(0, Math.min(1, overviewScroll.getHvalue() - step / extra)));
                e.consume();
            }
        });
        overview.setOnReveal(x -> {
            double view = overviewScroll.getViewportBounds().getWidth();
            double extra = overview.getWidth() - view;
            if (extra > 0) {
                overviewScroll.setHvalue(Math.max(0, Math.min(1, (x - view / 2) / extra)));
            }
        });
        firstSteps = new FirstStepsHint(text, settings);
        randomBadge = new RandomWeightsBadge(text, "random-weights-badge");
        networkArea = new StackPane(overviewScroll, explanationLayer, notice, randomBadge);
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        StackPane.setMargin(notice, new Insets(8));
        StackPane.setAlignment(randomBadge, Pos.TOP_RIGHT);
        StackPane.setMargin(randomBadge, new Insets(28, 8, 8, 8));
        split.getItems().add(networkArea);
        split.setId("main-split");
        setCenter(split);
        learn.selectedProperty().addListener((o, was, on) -> showLearn(on));
        learn.setSelected(settings.learnOpen());
        addEventHandler(LearnRequest.OPEN, e -> {
            openLearn(e.section());
            e.consume();
        });
        javafx.scene.control.ScrollPane side = new javafx.scene.control.ScrollPane(inputPanel);
        side.setFitToWidth(true);
        side.setFitToHeight(true);
        side.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        side.getStyleClass().add("edge-to-edge");
        setRight(side);
        setBottom(statusBar());
        readout.textProperty().bind(overview.readoutProperty());
        acceptDrops();
    }

    ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    OverviewPane overview() {
        return overview;
    }

    private Region toolbar(boolean dark) {
        Button open = iconButton(Material2AL.FOLDER_OPEN, "action.open", "action.open.tooltip");
        open.setOnAction(e -> chooseImage());
        Button paste = iconButton(Material2AL.CONTENT_PASTE, "action.paste", "action.paste.tooltip");
        paste.setOnAction(e -> pasteImage());
        paste.setId("paste");
        recent.setText(text.getString("action.recent"));
        recent.setGraphic(new FontIcon(Material2AL.HISTORY));
        recent.setTooltip(new Tooltip(text.getString("action.recent.tooltip")));
        recent.setOnShowing(e -> fillRecent());
        MenuButton openModel = modelMenu();
        Button architecture = iconButton(Material2AL.DEVICE_HUB, "action.architecture", "action.architecture.tooltip");
        architecture.setId("architecture");
        architecture.setOnAction(e -> openArchitecture());

        details.setText(text.getString("action.details"));
        details.setGraphic(new FontIcon(Material2AL.INFO));
        details.setTooltip(new Tooltip(text.getString("action.details.tooltip")));
        details.setSelected(settings.showDetails());
        details.selectedProperty().addListener((o, a, on) -> {
            overview.showDetails(on);
            settings.showDetails(on);
        });
        overview.showDetails(details.isSelected());

        rangeMode.getItems().setAll(RangeMode.values());
        rangeMode.setConverter(new StringConverter<>() {
            @Override
            public String toString(RangeMode m) {
                return m == null ? "" : text.getString("range." + m.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public RangeMode fromString(String s) {
                return null;
            }
        });
        rangeMode.setValue(parseMode(settings.rangeMode()));
        rangeMode.setTooltip(new Tooltip(text.getString("range.tooltip")));
        rangeMode.setId("range-mode");
        rangeMode.valueProperty().addListener((o, a, m) -> {
            settings.rangeMode(m.name());
            Shown s = shown.get();
            if (s != null) {
                overview.recolour(m);
            }
        });

        ToggleButton theme = new ToggleButton(null, new FontIcon(Material2AL.BRIGHTNESS_4));
        theme.setSelected(dark);
        theme.setTooltip(new Tooltip(text.getString("action.theme.tooltip")));
        theme.setId("theme-toggle");
        theme.selectedProperty().addListener((o, a, on) -> {
            themeSwitch.accept(on);
            settings.theme(on ? "dark" : "light");
            palette.dark(on);
            Shown s = shown.get();
            if (s != null) {
                overview.show(s.snapshot(), rangeMode.getValue());
                learnPanel.show(s.snapshot()); // formulas and figures are drawn in the theme's ink
            }
            if (playground != null) {
                playground.themeChanged();
            }
        });

        learn.setText(text.getString("action.learn"));
        learn.setGraphic(new FontIcon(org.kordamp.ikonli.material2.Material2MZ.MENU_BOOK));
        learn.setTooltip(new Tooltip(text.getString("action.learn.tooltip")));
        learn.setId("learn-toggle");

        MenuButton languages = new MenuButton(null, new FontIcon(Material2AL.LANGUAGE));
        languages.setId("language-menu");
        languages.setTooltip(new Tooltip(text.getString("language.tooltip")));
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (Language l : Language.all()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
                    text.getString("language." + l.tag()));
            item.setId("language-" + l.tag());
            item.setToggleGroup(group);
            item.setSelected(l == language);
            item.setOnAction(e -> {
                if (l != language) {
                    languageSwitch.accept(l);
                }
            });
            languages.getItems().add(item);
        }

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label scale = new Label(text.getString("range.label"));
        Label scaleMeaning = new RangeModeCaption(text, rangeMode);
        Region load = loadBox();
        // At 1024 px (or with a preset's progress in the row) the least needed labels go first, icons and tooltips stay.
        HBox controls = new CompactingToolbar(8, List.of(paste, recent, scaleMeaning, scale, details, architecture,
                cancelButton, openModel, open, learn), open, paste, recent, openModel, architecture, spacer, load, busy,
                details, scale, rangeMode, scaleMeaning, learn, languages, theme);
        controls.setId("toolbar-row");
        overviewControls.addAll(java.util.List.of(open, paste, recent, openModel, details, rangeMode, gallery));
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(4, controls, gallery);
        bar.setPadding(new Insets(6, 10, 4, 10));
        bar.getStyleClass().add("tool-bar");
        return bar;
    }

    /**
     * "Open model": a file, the bundled Tiny VGG, or a zoo architecture with random weights. Branching architectures
     * are listed too: choosing one says why the overview cannot show it and where to look instead.
     */
    private MenuButton modelMenu() {
        MenuButton menu = new MenuButton(text.getString("action.openModel"), new FontIcon(Material2AL.ACCOUNT_TREE));
        menu.setId("open-model");
        menu.setTooltip(new Tooltip(text.getString("action.openModel.tooltip")));
        MenuItem file = new MenuItem(text.getString("model.menu.file"));
        file.setId("open-model-file");
        file.setOnAction(e -> chooseModel());
        MenuItem bundled = new MenuItem(text.getString("model.menu.bundled"));
        bundled.setId("open-model-bundled");
        bundled.setOnAction(e -> loadModel(null));
        menu.getItems().addAll(file, bundled, new javafx.scene.control.SeparatorMenuItem());
        Menu header = new Menu(text.getString("model.menu.presets"));
        header.setId("open-model-presets");
        for (ArchitecturePresets.Preset p : ArchitecturePresets.all()) {
            if (p.id().equals("tiny-vgg")) {
                continue; // the trained Tiny VGG is the item above; random weights would only confuse
            }
            MenuItem item = new MenuItem(p.displayName());
            item.setId("preset-" + p.id());
            item.setOnAction(e -> loadPreset(p.id()));
            header.getItems().add(item);
        }
        menu.getItems().add(header);
        return menu;
    }

    /** Progress of a long model load (a zoo preset's init takes seconds), with its phase and a cancel button. */
    private Region loadBox() {
        loadProgress.setPrefWidth(120);
        loadProgress.setId("load-progress");
        loadPhase.getStyleClass().add("text-muted");
        loadPhase.setId("load-phase");
        Button cancel = new Button(text.getString("load.cancel"), new FontIcon(Material2AL.CLOSE));
        cancelButton = cancel;
        loadPhase.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setId("cancel-load");
        cancel.setTooltip(new Tooltip(text.getString("load.cancel.tooltip")));
        cancel.setOnAction(e -> cancelLoad());
        loadBox.getChildren().setAll(loadPhase, loadProgress, cancel);
        loadBox.setAlignment(Pos.CENTER_LEFT);
        loadBox.setVisible(false);
        loadBox.managedProperty().bind(loadBox.visibleProperty());
        return loadBox;
    }

    /**
     * Opens a zoo architecture with seeded random weights. Configuration, init (seconds and ~550 MB for VGG-16),
     * compilation and the first forward pass of the current image all run on the engine thread; the UI shows the
     * phase and can cancel, which keeps the current model (the engine stops at the next phase boundary).
     */
    void loadPreset(String id) {
        ArchitecturePresets.Preset preset = ArchitecturePresets.find(id).orElseThrow();
        String name = String.format(text.getString("model.preset.name"), preset.displayName());
        Shown current = shown.get();
        cancelLoad();
        Task<Loaded> task = new Task<>() {
            @Override
            protected Loaded call() throws Exception {
                PresetModels.Progress progress = new PresetModels.Progress() {
                    @Override
                    public void phase(PresetModels.Phase p) {
                        updateProgress(p.start, 1);
                        updateMessage(text.getString("load.phase." + p.name().toLowerCase(java.util.Locale.ROOT)));
                    }

                    @Override
                    public boolean cancelled() {
                        return isCancelled();
                    }
                };
                LoadedModel model = Inference.requireFits(PresetModels.load(preset, name, progress));
                updateProgress(FIRST_PASS_PROGRESS, 1);
                updateMessage(text.getString("load.phase.firstpass"));
                Inference inf = new Inference(model);
                if (current == null || current.sample() != null) {
                    String sample = current == null ? SampleGallery.DEFAULT : current.sample();
                    byte[] bytes;
                    try (InputStream in = MainWindow.class.getResourceAsStream(SampleGallery.RESOURCE_DIR + sample)) {
                        if (in == null) {
                            throw new ImageInputException(ImageInputException.Problem.MISSING_FROM_BUILD, sample);
                        }
                        bytes = in.readAllBytes();
                    }
                    return new Loaded(inf, compute(inf, "sample:" + sample, SampleGallery.title(samples, sample), sample,
                            ImagePreprocessor.decode(bytes, sample)));
                }
                return new Loaded(inf, compute(inf, current.key(), current.title(), null, current.upright()));
            }
        };
        loadProgress.progressProperty().bind(task.progressProperty());
        loadPhase.textProperty().bind(task.messageProperty());
        loadBox.setVisible(true);
        status.setText(String.format(text.getString("status.loadingPreset"), name));
        engine.run(RequestLedger.Kind.PRESET, task, loaded -> {
            endLoad();
            inference.set(loaded.inference());
            display(loaded.shown());
        }, failure -> {
            endLoad();
            setNotice(message(failure));
            updateStatus(shown.get());
        });
    }

    /** A loaded preset with the current image's result through it. */
    private record Loaded(Inference inference, Shown shown) {
    }

    private void endLoad() {
        loadProgress.progressProperty().unbind();
        loadPhase.textProperty().unbind();
        loadBox.setVisible(false);
    }

    /** Stops a preset load: its result is dropped and the current model stays. */
    void cancelLoad() {
        if (loading()) {
            engine.cancel(RequestLedger.Kind.PRESET);
            endLoad();
            updateStatus(shown.get());
        }
    }

    boolean loading() {
        return engine.outstanding(RequestLedger.Kind.PRESET);
    }

    private Button iconButton(org.kordamp.ikonli.Ikon icon, String textKey, String tooltipKey) {
        Button b = new Button(text.getString(textKey), new FontIcon(icon));
        b.setTooltip(new Tooltip(text.getString(tooltipKey)));
        return b;
    }

    private Region statusBar() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readout.setId("readout");
        readout.getStyleClass().add("readout");
        HBox bar = new HBox(12, status, spacer, firstSteps, readout);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static RangeMode parseMode(String s) {
        try {
            return RangeMode.valueOf(s);
        } catch (IllegalArgumentException e) {
            return RangeMode.UNIT;
        }
    }

    /** Loads a model off the UI thread; on success shows the current (or default) image through it. */
    void loadModel(Path file) {
        run(RequestLedger.Kind.MODEL, text.getString("status.loadingModel"),
                () -> Inference.requireFits(file == null ? ModelLoader.loadBundled() : ModelLoader.load(file)),
                model -> {
                    inference.set(new Inference(model));
                    Shown s = shown.get();
                    if (s == null || s.sample() != null) {
                        showSample(s == null ? SampleGallery.DEFAULT : s.sample());
                    } else {
                        setNotice(null);
                        updateStatus(null);
                    }
                });
    }

    void showSample(String file) {
        Inference inf = inference.get();
        if (inf == null) {
            return;
        }
        Shown again = recentSamples.get("sample:" + file);
        ActivationSnapshot cached = again == null ? null : inf.cached(again.key());
        if (cached != null && cached.network() == inf.model().description()) {
            engine.cancel(RequestLedger.Kind.IMAGE); // an image still computing must not replace this one later
            display(again.with(cached));
            return;
        }
        run(RequestLedger.Kind.IMAGE, null, () -> {
            if (again != null) { // decoded, but its snapshot was dropped from the engine's cache
                return compute(inf, again.key(), again.title(), file, again.upright());
            }
            byte[] bytes;
            try (InputStream in = MainWindow.class.getResourceAsStream(SampleGallery.RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new ImageInputException(ImageInputException.Problem.MISSING_FROM_BUILD, file);
                }
                bytes = in.readAllBytes();
            }
            BufferedImage upright = ImagePreprocessor.decode(bytes, file);
            return compute(inf, "sample:" + file, SampleGallery.title(samples, file), file, upright);
        }, this::display);
    }

    void showFile(Path file) {
        Inference inf = inference.get();
        if (inf == null) {
            return;
        }
        run(RequestLedger.Kind.IMAGE, null, () -> {
            BufferedImage upright = ImagePreprocessor.decode(file);
            return compute(inf, "file:" + file.toAbsolutePath().normalize(), file.getFileName().toString(), null, upright);
        }, s -> {
            settings.addRecent(file);
            display(s);
        });
    }

    private void showPasted(BufferedImage image) {
        Inference inf = inference.get();
        if (inf == null) {
            return;
        }
        String title = text.getString("image.pasted");
        run(RequestLedger.Kind.IMAGE, null, () -> compute(inf, "paste:" + System.identityHashCode(image), title, null, image), this::display);
    }

    private Shown compute(Inference inf, String key, String title, String sample, BufferedImage upright) {
        BufferedImage input = inf.resized(upright); // once: the same pixels are shown and run
        return new Shown(key, title, sample, upright, input, inf.runResized(key, input));
    }

    /** Shows a result at once (state first), then fades the overview in as CNN Explainer does. */
    private void display(Shown s) {
        Inference current = inference.get();
        if (current != null && s.snapshot().network() != current.model().description()) {
            return; // computed by a model that was replaced while it ran (a preset opened meanwhile): stale
        }
        boolean sameNetwork = shown.get() != null && shown.get().snapshot().network() == s.snapshot().network();
        shown.set(s);
        if (!sameNetwork) {
            recentSamples.clear(); // another model: old results would only pin its weights (VGG-16's are 550 MB)
        }
        if (s.sample() != null) {
            recentSamples.put(s.key(), s.with(null));
        }
        overview.show(s.snapshot(), rangeMode.getValue());
        learnPanel.show(s.snapshot());
        List<String> classes = s.snapshot().network().classes();
        int width = s.input().getWidth();
        int height = s.input().getHeight();
        if (!sameNetwork) {
            gallery.describeFor(classes, width, height);
        }
        inputPanel.show(s.title(), s.upright(), s.input(),
                s.sample() == null ? null : SampleGallery.caption(samples, s.sample(), classes, width, height));
        inputPanel.showOutput(s.snapshot());
        boolean random = current != null && current.model().randomWeights();
        randomBadge.showFor(random);
        inputPanel.showRandomWeights(random);
        gallery.select(s.sample());
        setNotice(null);
        updateStatus(s);
        if (sameNetwork) {
            FadeTransition fade = new FadeTransition(Duration.millis(Motion.IMAGE_FADE_IN_MS), overview);
            fade.setFromValue(0.35);
            fade.setToValue(1);
            fade.play();
        }
        Window w = getScene() == null ? null : getScene().getWindow();
        if (w instanceof javafx.stage.Stage stage) {
            stage.setTitle(s.title() + " — " + text.getString("app.title"));
        }
        StartupProbe.predictionShown();
    }

    private void updateStatus(Shown s) {
        Inference inf = inference.get();
        String model = inf == null ? "" : inf.model().source();
        if (s == null) {
            status.setText(model);
            return;
        }
        ActivationSnapshot snap = s.snapshot();
        showPrediction(s, model, snap);
        if (inf.model().randomWeights()) {
            status.setText(String.format(text.getString("status.random"), status.getText()));
        }
    }

    private void showPrediction(Shown s, String model, ActivationSnapshot snap) {
        if (OutputMap.isDetection(snap.network())) {
            OutputMap.Detection best = OutputMap.detections(snap).get(0);
            status.setText(String.format(text.getString("status.detection"), model, s.title(),
                    OutputMap.className(snap.network(), best.classIndex()), 100 * best.score()));
        } else if (OutputMap.isMask(snap.network())) {
            status.setText(String.format(text.getString("status.mask"), model, s.title(),
                    100 * OutputMap.maskCoverage(snap)));
        } else if (!snap.network().predictsClasses()) {
            status.setText(String.format(text.getString("status.map"), model, s.title(),
                    snap.layer(snap.layerCount() - 1).shape()));
        } else {
            status.setText(String.format(text.getString("status.prediction"), model, s.title(),
                    ClassNames.display(text, snap.topLabel()), 100 * snap.probability(snap.topClass())));
        }
    }

    private void chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("action.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("filter.images"),
                "*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.tif", "*.tiff", "*.webp",
                "*.JPG", "*.JPEG", "*.PNG", "*.GIF", "*.BMP", "*.TIF", "*.TIFF", "*.WEBP"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            showFile(f.toPath());
        }
    }

    private void chooseModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("action.openModel"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("filter.models"),
                "*.zip", "*.json", "*.h5", "*.hdf5"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            loadModel(f.toPath());
        }
    }

    private void pasteImage() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles() && !cb.getFiles().isEmpty()) {
            showFile(cb.getFiles().get(0).toPath());
        } else if (cb.hasImage()) {
            showPasted(SwingFXUtils.fromFXImage(cb.getImage(), null));
        } else {
            setNotice(text.getString("error.clipboardEmpty"));
        }
    }

    private void fillRecent() {
        List<Path> files = settings.recentImages();
        recent.getItems().clear();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem(text.getString("action.recent.none"));
            none.setDisable(true);
            recent.getItems().add(none);
        }
        for (Path p : files) {
            MenuItem item = new MenuItem(p.getFileName().toString());
            item.setOnAction(e -> showFile(p));
            recent.getItems().add(item);
        }
    }

    private void acceptDrops() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            var db = e.getDragboard();
            boolean ok = true;
            if (db.hasFiles() && !db.getFiles().isEmpty()) {
                showFile(db.getFiles().get(0).toPath());
            } else if (db.hasImage()) {
                showPasted(SwingFXUtils.fromFXImage(db.getImage(), null));
            } else {
                ok = false;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** A neuron was clicked (or Enter pressed on it): opens, switches or closes its explanation. */
    void explain(int layer, int neuron) {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        if (navigator == null || navigator.network() != s.snapshot().network()) {
            navigator = new ExplanationNavigator(s.snapshot().network());
        }
        boolean fromOverview = navigator.state().controlsEnabled();
        firstSteps.used();
        apply(navigator.choose(layer, neuron));
        if (fromOverview && !navigator.state().controlsEnabled()) {
            growFrom(overview.neuronCentre(layer, neuron));
        }
    }

    /**
     * The view grows out of the neuron that was chosen while the network fades back, so the student sees where the
     * explanation comes from.
     */
    private void growFrom(javafx.geometry.Point2D neuron) {
        overview.setOpacity(1);
        FadeTransition fade = new FadeTransition(Duration.millis(Motion.VIEW_OPEN_MS), overview);
        fade.setToValue(Motion.FADED_OPACITY);
        fade.setInterpolator(Motion.EASE);
        fade.play();
        if (neuron == null || explanationLayer.getChildren().isEmpty()) {
            return;
        }
        javafx.scene.Node view = explanationLayer.getChildren().get(0);
        // The overview may be scrolled sideways: take the neuron's place as the explanation layer sees it.
        javafx.geometry.Point2D at = explanationLayer.sceneToLocal(overview.localToScene(neuron));
        double dx = at.getX() - explanationLayer.getWidth() / 2;
        double dy = at.getY() - explanationLayer.getHeight() / 2;
        javafx.animation.Timeline grow = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(Duration.ZERO,
                        new javafx.animation.KeyValue(view.scaleXProperty(), Motion.VIEW_START_SCALE),
                        new javafx.animation.KeyValue(view.scaleYProperty(), Motion.VIEW_START_SCALE),
                        new javafx.animation.KeyValue(view.translateXProperty(), dx),
                        new javafx.animation.KeyValue(view.translateYProperty(), dy),
                        new javafx.animation.KeyValue(view.opacityProperty(), 0)),
                new javafx.animation.KeyFrame(Duration.millis(Motion.VIEW_OPEN_MS),
                        new javafx.animation.KeyValue(view.scaleXProperty(), 1, Motion.EASE),
                        new javafx.animation.KeyValue(view.scaleYProperty(), 1, Motion.EASE),
                        new javafx.animation.KeyValue(view.translateXProperty(), 0, Motion.EASE),
                        new javafx.animation.KeyValue(view.translateYProperty(), 0, Motion.EASE),
                        new javafx.animation.KeyValue(view.opacityProperty(), 1, Motion.EASE)));
        grow.play();
    }

    /** The Learn panel beside the network, opened and closed with the Learn button or F1. */
    private void showLearn(boolean on) {
        settings.learnOpen(on);
        if (on && !split.getItems().contains(learnPanel)) {
            split.getItems().add(learnPanel);
            split.setDividerPositions(LEARN_DIVIDER);
        } else if (!on) {
            split.getItems().remove(learnPanel);
        }
    }

    /** Opens the Learn panel at a section (an info button or a layer label asked for it). */
    void openLearn(String section) {
        learn.setSelected(true);
        learnPanel.openSection(section);
    }

    /**
     * The architecture analyzer in its own window, on the model this window shows (converted off the UI thread);
     * it can open presets and .prototxt files from there.
     */
    ArchitectureWindow openArchitecture() {
        Inference inf = inference.get();
        Window owner = getScene().getWindow();
        return inf == null ? ArchitectureWindow.show(owner, text) : ArchitectureWindow.show(owner, text, inf.model());
    }

    /** A "show me" link: back to the overview, with the focus ring on the layer's first neuron. */
    void showLayer(int layerIndex) {
        backToOverview();
        overview.focusLayer(layerIndex);
    }

    /** Closes every open view: a view's × button. */
    private void backToOverview() {
        while (!explanationState().controlsEnabled()) {
            goBack();
        }
    }

    LearnPanel learnPanel() {
        return learnPanel;
    }

    boolean learnShown() {
        return split.getItems().contains(learnPanel);
    }

    Language language() {
        return language;
    }

    /** One playground per window, made when the article first shows it. */
    private javafx.scene.Node playground() {
        if (playground == null) {
            playground = new HyperparameterView(text, palette);
        }
        return playground;
    }

    /**
     * Takes over what another window showed (the language changed): the model, the image with its snapshot, the
     * recent samples and the range mode, so nothing is recomputed and the student keeps their place.
     */
    void adopt(MainWindow previous) {
        inference.set(previous.inference.get());
        previous.recentSamples.forEach((k, v) -> recentSamples.put(k, retitle(v)));
        Shown s = previous.shown.get();
        if (s != null) {
            display(retitle(s));
        } else {
            updateStatus(null);
        }
        if (previous.playground != null) {
            ((HyperparameterView) playground()).apply(previous.playground.model(), -1);
        }
        learnPanel.continueFrom(previous.learnPanel);
    }

    /** A sample's title is in the language of the window showing it. */
    private Shown retitle(Shown s) {
        return s.sample() == null ? s : new Shown(s.key(), SampleGallery.title(samples, s.sample()), s.sample(),
                s.upright(), s.input(), s.snapshot());
    }

    /** Esc or a click on empty space: one level back. */
    void goBack() {
        if (navigator != null) {
            apply(navigator.back());
        }
    }

    ExplanationState explanationState() {
        return navigator == null ? ExplanationState.OVERVIEW : navigator.state();
    }

    /** Stops every running animation of the views, e.g. when the window is minimised: nothing animates unseen. */
    void pauseAnimations() {
        if (elementwisePanel != null) {
            elementwisePanel.setPlaying(false);
        }
        if (convolutionFormula != null) {
            convolutionFormula.setPlaying(false);
        }
        if (convolutionView != null) {
            convolutionView.stopSliding();
        }
        if (playground != null) {
            playground.setPlaying(false);
        }
    }

    ElementwiseFormulaPanel elementwisePanel() {
        return elementwisePanel;
    }

    private void apply(ExplanationState state) {
        boolean overviewOnly = state.controlsEnabled();
        overviewControls.forEach(n -> n.setDisable(!overviewOnly));
        overview.setOpacity(overviewOnly ? 1 : Motion.FADED_OPACITY);
        explanationLayer.setVisible(!overviewOnly);
        readout.textProperty().unbind();
        readout.textProperty().bind(overview.readoutProperty());
        ActivationSnapshot snap = shown.get().snapshot();
        if (state instanceof ExplanationState.Activation a) {
            showElementwise(a.layer(), a.neuron());
        } else if (state instanceof ExplanationState.Pooling p) {
            showElementwise(p.layer(), p.neuron());
        } else if (state instanceof ExplanationState.Convolution c) {
            showConvolution(snap, c.layer(), c.neuron());
            explanationLayer.getChildren().setAll(convolutionFit);
        } else if (state instanceof ExplanationState.ConvolutionFormula f) {
            showConvolution(snap, f.layer(), f.neuron());
            if (convolutionFormula == null) {
                convolutionFormula = new ConvolutionFormulaPanel(text, this::goBack);
            }
            convolutionFormula.show(snap, f.layer(), f.neuron(), f.channel(),
                    overview.range(snap.network().inputOf(f.layer())),
                    overview.range(f.layer()));
            if (convolutionFormulaFit == null) {
                // Its three columns are wider than a 1024 px window's network area: scaled down, never cut.
                convolutionFormulaFit = new FitToSize(convolutionFormula, 1, Pos.BOTTOM_CENTER);
            }
            explanationLayer.getChildren().setAll(convolutionFit, convolutionFormulaFit);
        } else if (state instanceof ExplanationState.Flatten f) {
            showFlatten(snap, f.layer(), f.neuron());
            explanationLayer.getChildren().setAll(flattenFit);
        } else if (state instanceof ExplanationState.Softmax sm) {
            showFlatten(snap, sm.layer(), sm.neuron());
            if (softmaxPanel == null) {
                softmaxPanel = new SoftmaxPanel(text, this::goBack);
            }
            softmaxPanel.show(snap, sm.neuron());
            StackPane.setAlignment(softmaxPanel, Pos.CENTER_RIGHT);
            explanationLayer.getChildren().setAll(flattenFit, softmaxPanel);
            readout.textProperty().unbind();
            readout.textProperty().bind(softmaxPanel.readoutProperty());
        } else if (state instanceof ExplanationState.OutputSoftmax sm) {
            if (softmaxPanel == null) {
                softmaxPanel = new SoftmaxPanel(text, this::goBack);
            }
            softmaxPanel.show(snap, sm.neuron());
            StackPane.setAlignment(softmaxPanel, Pos.CENTER);
            explanationLayer.getChildren().setAll(softmaxPanel);
            readout.textProperty().unbind();
            readout.textProperty().bind(softmaxPanel.readoutProperty());
        } else {
            explanationLayer.getChildren().clear();
            overview.requestFocus();
        }
    }

    private void showConvolution(ActivationSnapshot snap, int layer, int neuron) {
        if (convolutionView == null) {
            convolutionView = new ConvolutionView(text);
            convolutionView.getStyleClass().add("explanation-view");
            convolutionFit = new FitToSize(convolutionView, FitToSize.VIEW_MAX_SCALE, Pos.CENTER);
            convolutionView.setOnChannelChosen(c -> apply(navigator.chooseChannel(c)));
            convolutionView.setOnClose(this::backToOverview);
        }
        convolutionView.show(snap, layer, neuron, overview.range(snap.network().inputOf(layer)), overview.range(layer));
        readout.textProperty().unbind();
        readout.textProperty().bind(convolutionView.readoutProperty());
    }

    private void showFlatten(ActivationSnapshot snap, int layer, int neuron) {
        if (flattenView == null) {
            flattenView = new FlattenView(text);
            flattenView.getStyleClass().add("explanation-view");
            flattenFit = new FitToSize(flattenView, FitToSize.VIEW_MAX_SCALE, Pos.CENTER);
            flattenView.setOnSoftmaxChosen(() -> apply(navigator.chooseSoftmax()));
            flattenView.setOnClose(this::backToOverview);
        }
        int maps = snap.network().inputOf(layer);
        while (maps > 0 && snap.network().layer(maps).outputShape().isVector()) {
            maps = snap.network().inputOf(maps); // back over flatten to the last map layer, whose colours the maps keep
        }
        flattenView.show(snap, layer, neuron, overview.range(maps));
        readout.textProperty().unbind();
        readout.textProperty().bind(flattenView.readoutProperty());
    }

    private void showElementwise(int layer, int neuron) {
        if (elementwisePanel == null) {
            elementwisePanel = new ElementwiseFormulaPanel(text, this::goBack);
        }
        explanationLayer.getChildren().setAll(elementwisePanel);
        elementwisePanel.show(shown.get().snapshot(), layer, neuron, overview::range, overview.range(layer));
    }

    /** Keyboard shortcuts: Ctrl+O open, Ctrl+V paste, Esc back one level. */
    void installShortcuts() {
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !explanationState().controlsEnabled()) {
                goBack();
                e.consume();
            }
        });
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseImage);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN), this::pasteImage);
        getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F1), () -> learn.setSelected(!learn.isSelected()));
    }

    /**
     * Runs {@code call} on the engine thread, superseding the earlier request of its kind; a failure shows its message
     * and leaves the current state as it was.
     */
    private <T> void run(RequestLedger.Kind kind, String busyText, EngineService.EngineCall<T> call,
                         Consumer<T> onSuccess) {
        if (busyText != null) {
            status.setText(busyText);
        }
        engine.run(kind, call, onSuccess, t -> {
            setNotice(message(t));
            updateStatus(shown.get());
        });
    }

    /**
     * What to tell the student about a failure, in their language: image problems have their own sentences; a model
     * that cannot be loaded gets a sentence with the loader's (technical, English) reason; anything else is a bug.
     */
    String message(Throwable t) {
        if (t instanceof ImageInputException e) {
            return String.format(text.getString(e.problem().messageKey()), e.arguments().toArray());
        }
        if (t instanceof ModelTooBigException e) {
            return String.format(text.getString("error.memory"), e.model(), PassMemory.readable(e.neededBytes()),
                    PassMemory.readable(Math.max(0, e.freeBytes())), PassMemory.readable(e.maxBytes()),
                    e.suggestedHeapGb());
        }
        if (t instanceof io.convscope.engine.ModelLoadException) {
            return String.format(text.getString("error.model"), t.getMessage());
        }
        return String.format(text.getString("error.unexpected"), t);
    }

    /** A message over the overview that fades after a while; null hides it. */
    void setNotice(String message) {
        if (noticeTimer != null) {
            noticeTimer.stop();
        }
        notice.setText(message == null ? "" : message);
        notice.setVisible(message != null);
        if (message != null) {
            noticeTimer = new PauseTransition(Duration.seconds(NOTICE_SECONDS));
            noticeTimer.setOnFinished(e -> notice.setVisible(false));
            noticeTimer.play();
        }
    }

    String noticeText() {
        return notice.isVisible() ? notice.getText() : "";
    }

}
