package io.convscope.ui;

import io.convscope.engine.Inference;
import io.convscope.explain.ExplanationState;
import io.convscope.ui.architecture.ArchitectureWindow;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import io.convscope.ui.common.RandomWeightsBadge;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import io.convscope.ui.input.GalleryStrip;
import io.convscope.ui.input.ImageSources;
import io.convscope.ui.input.InputPanel;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.learn.LearnPanel;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.overview.OverviewPane;
import io.convscope.ui.overview.OverviewScroll;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.animation.FadeTransition;
import javafx.beans.property.ObjectProperty;
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
 * with the explanation views over it ({@link ExplanationHost}) in the middle, the input beside it, the status bar below
 * ({@link StatusBar}). What it shows is its {@link Workspace}; images come from {@link ImageSources} and run through
 * {@link EngineRequests} on the engine thread; this class shows their results.
 */
final class MainWindow extends BorderPane {

    /** Where the divider between the network and the Learn panel starts (fraction of the width). */
    static final double LEARN_DIVIDER = 0.62;

    private final Language language;
    private final ResourceBundle text;
    private final ResourceBundle samples;
    private final AppSettings settings;
    private final EngineRequests requests;
    private final OverviewPane overview;
    private final InputPanel inputPanel;
    private final GalleryStrip gallery;
    private final Workspace workspace;
    private final StatusBar statusBar;
    private final Notice notice = new Notice();
    private final ProgressBar busy = new ProgressBar();
    private final FirstStepsHint firstSteps;
    private final RandomWeightsBadge randomBadge;
    private final ImageSources sources;
    private final ObjectProperty<Shown> shown;
    private final ObjectProperty<Inference> inference;
    private final Palette palette;
    private final Consumer<Boolean> themeSwitch;
    private final Consumer<Language> languageSwitch;
    private final LearnPanel learnPanel;
    private final MainToolbar toolbar;
    private final SplitPane split = new SplitPane();
    private final ExplanationHost explanation;
    private HyperparameterView playground;

    MainWindow(
            Language language,
            AppSettings settings,
            EngineService engine,
            Palette palette,
            Consumer<Boolean> themeSwitch,
            Consumer<Language> languageSwitch,
            boolean dark) {
        this.language = language;
        this.workspace = new Workspace(language);
        this.shown = workspace.shownProperty();
        this.inference = workspace.modelProperty();
        workspace.darkProperty().set(dark);
        this.text = language.messages();
        this.samples = language.samples();
        this.languageSwitch = languageSwitch;
        this.settings = settings;
        this.palette = palette;
        this.themeSwitch = themeSwitch;
        this.overview = new OverviewPane(text, palette);
        this.inputPanel = new InputPanel(text);
        this.gallery = new GalleryStrip(samples, this::showSample);
        this.learnPanel = new LearnPanel(text, language, palette, this::showLayer, this::playground, this::closeLearn);
        overview.setId("overview");
        busy.visibleProperty().bind(engine.busyProperty()); // on until the latest model or image request has finished
        busy.setPrefWidth(90);
        busy.managedProperty().bind(busy.visibleProperty()); // hidden, it must not take tool bar room

        firstSteps = new FirstStepsHint(text, settings);
        statusBar = new StatusBar(text, workspace, firstSteps);
        requests = new EngineRequests(language, settings, engine, workspace, statusBar, new EngineRequests.Screen() {
            @Override
            public void display(Shown shown) {
                MainWindow.this.display(shown);
            }

            @Override
            public void setNotice(String message) {
                notice.show(message);
            }
        });
        sources = new ImageSources(text, settings, requests, () -> getScene().getWindow());
        explanation = new ExplanationHost(
                text,
                overview,
                () -> shown.get() == null ? null : shown.get().snapshot(),
                firstSteps::used,
                source -> statusBar.showReadout(source));
        workspace.explanationProperty().bind(explanation.stateProperty());
        workspace.rangeModeProperty().set(MainToolbar.parseMode(settings.rangeMode()));
        toolbar = new MainToolbar(
                text,
                language,
                settings,
                workspace,
                overview,
                gallery,
                sources,
                requests,
                this::openArchitecture,
                languageSwitch,
                busy);
        explanation.disableWhileOpen(toolbar.overviewControls());
        workspace.rangeModeProperty().addListener((o, a, m) -> {
            settings.rangeMode(m.name());
            if (shown.get() != null) {
                overview.recolour(m);
            }
        });
        workspace.darkProperty().addListener((o, a, on) -> themeChanged(on));
        setTop(toolbar);
        overview.setOnNeuronChosen(explanation::explain);
        OverviewScroll overviewScroll = new OverviewScroll(overview);
        shown.addListener((o, was, now) -> {
            if (now != null
                    && (was == null
                            || was.snapshot().network() != now.snapshot().network())) {
                overviewScroll.toStart();
            }
        });
        randomBadge = new RandomWeightsBadge(text, "random-weights-badge");
        StackPane networkArea = new StackPane(overviewScroll, explanation, notice, randomBadge);
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        StackPane.setMargin(notice, new Insets(8));
        StackPane.setAlignment(randomBadge, Pos.TOP_RIGHT);
        StackPane.setMargin(randomBadge, new Insets(28, 8, 8, 8));
        split.getItems().add(networkArea);
        split.setId("main-split");
        setCenter(split);
        toolbar.learnToggle().selectedProperty().addListener((o, was, on) -> showLearn(on));
        toolbar.learnToggle().setSelected(settings.learnOpen());
        addEventHandler(LearnRequest.OPEN, e -> {
            openLearn(e.section());
            e.consume();
        });
        ScrollPane side = new ScrollPane(inputPanel);
        side.setFitToWidth(true);
        side.setFitToHeight(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.getStyleClass().add("edge-to-edge");
        setRight(side);
        setBottom(statusBar);
        sources.acceptDrops(this);
    }

    ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown;
    }

    /** What this window shows, for its parts to read and listen to. */
    Workspace workspace() {
        return workspace;
    }

    OverviewPane overview() {
        return overview;
    }

    /** The theme changed: everything drawn in the theme's ink is drawn again. */
    private void themeChanged(boolean dark) {
        themeSwitch.accept(dark);
        settings.theme(dark ? "dark" : "light");
        palette.dark(dark);
        Shown s = shown.get();
        if (s != null) {
            overview.show(s.snapshot(), workspace.rangeModeProperty().get());
            learnPanel.show(s.snapshot()); // formulas and figures are drawn in the theme's ink
        }
        if (playground != null) {
            playground.themeChanged();
        }
    }

    /** Shows a result at once (state first), then fades the overview in as CNN Explainer does. */
    private void display(Shown s) {
        Inference current = inference.get();
        if (current != null && s.snapshot().network() != current.model().description()) {
            return; // computed by a model that was replaced while it ran (a preset opened meanwhile): stale
        }
        boolean sameNetwork = shown.get() != null
                && shown.get().snapshot().network() == s.snapshot().network();
        shown.set(s);
        if (!sameNetwork) {
            requests.recentSamples()
                    .clear(); // another model: old results would only pin its weights (VGG-16's are 550 MB)
        }
        if (s.sample() != null) {
            requests.recentSamples().put(s.key(), s.with(null));
        }
        overview.show(s.snapshot(), workspace.rangeModeProperty().get());
        learnPanel.show(s.snapshot());
        List<String> classes = s.snapshot().network().classes();
        int width = s.input().getWidth();
        int height = s.input().getHeight();
        if (!sameNetwork) {
            gallery.describeFor(classes, width, height);
        }
        inputPanel.show(
                s.title(),
                s.upright(),
                s.input(),
                s.sample() == null ? null : SampleGallery.caption(samples, s.sample(), classes, width, height));
        inputPanel.showOutput(s.snapshot());
        boolean random = current != null && current.model().randomWeights();
        randomBadge.showFor(random);
        inputPanel.showRandomWeights(random);
        gallery.select(s.sample());
        notice.show(null);
        statusBar.update(s);
        if (sameNetwork) {
            FadeTransition fade = new FadeTransition(Duration.millis(Motion.IMAGE_FADE_IN_MS), overview);
            fade.setFromValue(0.35);
            fade.setToValue(1);
            fade.play();
        }
        Window w = getScene() == null ? null : getScene().getWindow();
        if (w instanceof Stage stage) {
            stage.setTitle(s.title() + " — " + text.getString("app.title"));
        }
        StartupProbe.predictionShown();
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

    private void closeLearn() {
        toolbar.learnToggle().setSelected(false);
    }

    /** Opens the Learn panel at a section (an info button or a layer label asked for it). */
    void openLearn(String section) {
        toolbar.learnToggle().setSelected(true);
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
        explanation.backToOverview();
        overview.focusLayer(layerIndex);
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
    private Node playground() {
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
        previous.requests.recentSamples().forEach((k, v) -> requests.recentSamples()
                .put(k, retitle(v)));
        Shown s = previous.shown.get();
        if (s != null) {
            display(retitle(s));
        } else {
            statusBar.update(null);
        }
        if (previous.playground != null) {
            ((HyperparameterView) playground()).apply(previous.playground.model(), -1);
        }
        learnPanel.continueFrom(previous.learnPanel);
    }

    /** A sample's title is in the language of the window showing it. */
    private Shown retitle(Shown s) {
        return s.sample() == null
                ? s
                : new Shown(
                        s.key(),
                        SampleGallery.title(samples, s.sample()),
                        s.sample(),
                        s.upright(),
                        s.input(),
                        s.snapshot());
    }

    /** Stops every running animation of the views, e.g. when the window is minimised: nothing animates unseen. */
    void pauseAnimations() {
        explanation.pauseAnimations();
        if (playground != null) {
            playground.setPlaying(false);
        }
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

    /** Keyboard shortcuts: Ctrl+O open, Ctrl+V paste, Esc back one level. */
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
        accelerators.put(new KeyCodeCombination(KeyCode.F1), () -> toolbar.learnToggle()
                .setSelected(!toolbar.learnToggle().isSelected()));
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
