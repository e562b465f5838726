package io.convscope.ui;

import atlantafx.base.theme.Tweaks;
import io.convscope.engine.Inference;
import io.convscope.explain.ExplanationState;
import io.convscope.ui.architecture.ArchitectureWindow;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.RandomWeightsBadge;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import io.convscope.ui.explorer.ExplorerWindow;
import io.convscope.ui.input.GalleryStrip;
import io.convscope.ui.input.ImageSources;
import io.convscope.ui.input.InputPanel;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.learn.LearnPanel;
import io.convscope.ui.overview.OverviewPane;
import io.convscope.ui.overview.OverviewScroll;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.animation.FadeTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The main window, a shell that wires its parts: the toolbar and gallery on top ({@link MainToolbar}), the overview
 * with the explanation views over it ({@link ExplanationHost}) in the middle, the Learn panel beside it
 * ({@link LearnDock}), the input on the right, the status bar below ({@link StatusBar}). What it shows is its
 * {@link Workspace}: images come from {@link ImageSources} and run through {@link EngineRequests}, which put their
 * results there; this class shows them. The window lives as long as the app: a change of language makes its
 * word-bearing views again, bound to the same workspace, and a change of theme draws them again.
 */
final class MainWindow extends BorderPane {

    private final Workspace workspace;
    private final AppSettings settings;
    private final EngineRequests requests;
    private final ImageSources sources;
    private final ExplanationHost explanation;
    private final LearnDock learn;
    private final StatusBar statusBar;
    private final Consumer<Boolean> themeSwitch;
    private final Notice notice = new Notice();
    private final ProgressBar busy = new ProgressBar();
    private final SplitPane split = new SplitPane();
    private final StackPane networkArea = new StackPane();
    private final ModeViews modes;
    private final ScrollPane side = new ScrollPane();
    // Made in the workspace's language, again when it changes; each shows the workspace.
    private OverviewPane overview;
    private OverviewScroll overviewScroll;
    private InputPanel inputPanel;
    private GalleryStrip gallery;
    private RandomWeightsBadge randomBadge;
    private FirstStepsHint firstSteps;
    private MainToolbar toolbar;

    /** {@code themeSwitch} sets the application's light or dark stylesheet. */
    MainWindow(Workspace workspace, AppSettings settings, EngineService engine, Consumer<Boolean> themeSwitch) {
        this.workspace = workspace;
        this.settings = settings;
        this.themeSwitch = themeSwitch;
        busy.visibleProperty().bind(engine.busyProperty()); // on until the latest model or image request has finished
        busy.setPrefWidth(90);
        busy.managedProperty().bind(busy.visibleProperty()); // hidden, it must not take tool bar room
        workspace.rangeModeProperty().set(MainToolbar.parseMode(settings.rangeMode()));
        workspace.detailsProperty().set(settings.showDetails());
        requests = new EngineRequests(settings, engine, workspace, notice::show);
        sources = new ImageSources(
                workspace::text, settings, requests, () -> getScene().getWindow());
        explanation = new ExplanationHost(workspace, () -> overview, () -> firstSteps.used());
        statusBar = new StatusBar(workspace, explanation.readoutProperty());
        learn = new LearnDock(workspace, settings, split, this::showLayer);
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        StackPane.setMargin(notice, new Insets(8));
        split.getItems().add(0, networkArea);
        split.setId("main-split");
        modes = ModeViews.wire(workspace, requests, networkArea, split, side, learn.panel());
        setCenter(split);
        side.setFitToWidth(true);
        side.setFitToHeight(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        setRight(side);
        setBottom(statusBar);
        speak();
        workspace.languageProperty().addListener((o, was, language) -> {
            settings.language(language.tag());
            speak();
            overview.requestFocus();
        });
        workspace.darkProperty().addListener((o, was, dark) -> themeChanged(dark));
        workspace.rangeModeProperty().addListener((o, was, mode) -> {
            settings.rangeMode(mode.name());
            if (workspace.shown() != null) {
                overview.recolour(mode);
            }
        });
        workspace.detailsProperty().addListener((o, was, on) -> {
            settings.showDetails(on);
            overview.showDetails(on);
        });
        workspace.shownProperty().addListener((o, was, now) -> show(was, now));
        addEventHandler(LearnRequest.OPEN, e -> {
            openLearn(e.section());
            e.consume();
        });
        sources.acceptDrops(this);
    }

    /**
     * Makes the views that carry words in the workspace's language (the overview, the tool bar and gallery, the input
     * panel, the badge and the first-steps hint) and shows the workspace in them; the explanation host makes its
     * views again over the explanation that is open.
     */
    private void speak() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        firstSteps = new FirstStepsHint(text, settings, workspace.modeProperty());
        statusBar.showHint(firstSteps);
        gallery = new GalleryStrip(workspace.samples(), requests::showSample);
        inputPanel = new InputPanel(text);
        side.setContent(inputPanel);
        randomBadge = new RandomWeightsBadge(text, "random-weights-badge");
        StackPane.setAlignment(randomBadge, Pos.TOP_RIGHT);
        StackPane.setMargin(randomBadge, new Insets(28, 8, 8, 8));
        overview = new OverviewPane(text, workspace.palette());
        overview.setId("overview");
        overview.setOnNeuronChosen(explanation::explain);
        overview.showDetails(workspace.detailsProperty().get());
        overviewScroll = new OverviewScroll(overview);
        overviewScroll.hvalueProperty().bindBidirectional(workspace.overviewScrollProperty());
        networkArea.getChildren().setAll(overviewScroll, explanation, notice, randomBadge);
        toolbar = new MainToolbar(
                workspace,
                gallery,
                sources,
                requests,
                this::openArchitecture,
                this::openExplorer,
                busy,
                modes.available());
        toolbar.learnToggle().selectedProperty().bindBidirectional(learn.openProperty());
        setTop(toolbar);
        Shown s = workspace.shown();
        if (s != null) {
            showImage(s, true);
        }
        explanation.relabel();
        showTitle();
    }

    /** Another image (or the same through another model) has run: shown at once, then the overview fades in. */
    private void show(Shown was, Shown now) {
        if (now == null) {
            return;
        }
        boolean newNetwork =
                was == null || was.snapshot().network() != now.snapshot().network();
        if (newNetwork) {
            overviewScroll.toStart();
        }
        showImage(now, newNetwork);
        if (!newNetwork) { // as CNN Explainer does
            FadeTransition fade = new FadeTransition(Duration.millis(Motion.IMAGE_FADE_IN_MS), overview);
            fade.setFromValue(0.35);
            fade.setToValue(1);
            fade.play();
        }
        showTitle();
        StartupProbe.predictionShown();
    }

    private void showImage(Shown s, boolean newNetwork) {
        overview.show(s.snapshot(), workspace.rangeModeProperty().get());
        List<String> classes = s.snapshot().network().classes();
        int width = s.input().getWidth();
        int height = s.input().getHeight();
        if (newNetwork) {
            gallery.describeFor(classes, width, height);
        }
        ResourceBundle samples = workspace.samples();
        inputPanel.show(
                s.titleIn(file -> SampleGallery.title(samples, file)),
                s.upright(),
                s.input(),
                s.sample() == null ? null : SampleGallery.caption(samples, s.sample(), classes, width, height));
        inputPanel.showOutput(s.snapshot());
        Inference model = workspace.model();
        boolean random = model != null && model.model().randomWeights();
        randomBadge.showFor(random);
        inputPanel.showRandomWeights(random);
        gallery.select(s.sample());
    }

    /** The window's title: the image shown and the app, in the workspace's language. */
    private void showTitle() {
        Window w = getScene() == null ? null : getScene().getWindow();
        if (w instanceof Stage stage) {
            Shown s = workspace.shown();
            String app = workspace.text().getString("app.title");
            stage.setTitle(
                    s == null ? app : s.titleIn(file -> SampleGallery.title(workspace.samples(), file)) + " — " + app);
        }
    }

    /** The theme changed: everything drawn in the theme's ink is drawn again (the palette has changed already). */
    private void themeChanged(boolean dark) {
        themeSwitch.accept(dark);
        settings.theme(dark ? "dark" : "light");
        Shown s = workspace.shown();
        if (s != null) {
            overview.show(s.snapshot(), workspace.rangeModeProperty().get());
        }
    }

    ReadOnlyObjectProperty<Shown> shownProperty() {
        return workspace.shownProperty();
    }

    /** What this window shows, for its parts to read and listen to. */
    Workspace workspace() {
        return workspace;
    }

    /** The view a mode shows in the network area, once the student has been there; else null. */
    Node modeView(WorkspaceMode mode) {
        return modes.madeView(mode);
    }

    OverviewPane overview() {
        return overview;
    }

    /** Opens the Learn panel at a section (an info button or a layer label asked for it). */
    void openLearn(String section) {
        learn.openSection(section);
    }

    /**
     * The architecture analyzer in its own window, on the model this window shows (converted off the UI thread);
     * it can open presets and .prototxt files from there, and follows the theme while it is open.
     */
    ArchitectureWindow openArchitecture() {
        Inference inf = workspace.model();
        Window owner = getScene().getWindow();
        ResourceBundle text = workspace.text();
        ArchitectureWindow w =
                inf == null ? ArchitectureWindow.show(owner, text) : ArchitectureWindow.show(owner, text, inf.model());
        return w.followTheme(workspace.darkProperty())
                .followLanguage(workspace.languageProperty().map(Language::messages));
    }

    /** The data-set explorer on the model this window shows; an image clicked there opens here. */
    ExplorerWindow openExplorer() {
        Inference inf = workspace.model();
        if (inf == null) {
            return null;
        }
        Window owner = getScene().getWindow();
        return ExplorerWindow.show(
                        owner, workspace.text(), inf.model(), requests.modelFile(), requests.explorerActions())
                .followTheme(workspace.darkProperty());
    }

    /** A "show me" link: back to the overview, with the focus ring on the layer's first neuron. */
    void showLayer(int layerIndex) {
        explanation.backToOverview();
        overview.focusLayer(layerIndex);
    }

    LearnPanel learnPanel() {
        return learn.panel();
    }

    boolean learnShown() {
        return learn.shown();
    }

    Language language() {
        return workspace.language();
    }

    /** Stops every running animation of the views, e.g. when the window is minimised: nothing animates unseen. */
    void pauseAnimations() {
        explanation.pauseAnimations();
        learn.pauseAnimations();
    }

    /** A neuron was clicked (or Enter pressed on it): opens, switches or closes its explanation. */
    void explain(int layer, int neuron) {
        explanation.explain(layer, neuron);
    }

    /** Esc or a click on empty space: one level back. */
    void goBack() {
        explanation.goBack();
    }

    ExplanationState explanationState() {
        return explanation.explanationState();
    }

    ElementwiseFormulaPanel elementwisePanel() {
        return explanation.elementwisePanel();
    }

    /** Keyboard shortcuts: Ctrl+O open, Ctrl+V paste, F1 Learn, Esc back one level. */
    void installShortcuts() {
        // On the scene, not on this pane: with no focus owner (every focused control disabled while a view is open)
        // a key event targets the scene itself and never passes through this pane's filters.
        getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !explanationState().controlsEnabled()) {
                goBack();
                e.consume();
            }
        });
        var accelerators = getScene().getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), sources::chooseImage);
        accelerators.put(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN), sources::pasteImage);
        accelerators.put(new KeyCodeCombination(KeyCode.F1), () -> learn.openProperty()
                .set(!learn.openProperty().get()));
    }

    /** A message over the overview that fades after a while; null hides it. */
    void setNotice(String message) {
        notice.show(message);
    }

    String noticeText() {
        return notice.shownText();
    }

    /** Opens a zoo architecture with seeded random weights (see {@link EngineRequests#loadPreset}). */
    void loadPreset(String id) {
        requests.loadPreset(id);
    }

    /** Stops a preset load: its result is dropped and the current model stays. */
    void cancelLoad() {
        requests.cancelLoad();
    }

    boolean loading() {
        return requests.loading();
    }

    /** Loads a model off the UI thread; on success shows the current (or default) image through it. */
    void loadModel(Path file) {
        requests.loadModel(file);
    }

    void showSample(String file) {
        requests.showSample(file);
    }

    void showFile(Path file) {
        requests.showFile(file);
    }

    /** What to tell the student about a failure, in their language. */
    String message(Throwable t) {
        return requests.message(t);
    }
}
