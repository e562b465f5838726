package io.convscope.ui.attribution;

import io.convscope.engine.Inference;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.SanityStep;
import io.convscope.ui.attribution.gradcam.GradCamSteps;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.tasks.RequestLedger.Kind;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Consumer;

/**
 * "Why did it decide?": the attribution mode's view, on the workspace's current image and model (it follows both).
 * The student picks a method, a class (the prediction by default; any other, to ask "why not koala?") and the
 * method's parameters, and sees the map over the photo and on its own with its legend, its formula with the real
 * values, a comparison of several methods, the occlusion probe and the sanity check. Engine work runs off the FX
 * thread ({@link AttributionWork}); Cancel or a newer request stops it at its next step, and a superseded result is
 * dropped. What the student chose lives in properties here, not in the controls, so a change of language or theme
 * remakes the labelled parts and keeps it.
 */
public final class AttributionView extends BorderPane {

    /** What the maps area shows. */
    public enum Display {
        SINGLE,
        COMPARE,
        PROBE,
        SANITY
    }

    private final Workspace workspace;
    private final AttributionWork work;
    private final WorkProgress progress = new WorkProgress();
    private final ObjectProperty<AttributionChoice> choice =
            new SimpleObjectProperty<>(this, "choice", AttributionChoice.DEFAULT);
    private final ObjectProperty<Display> display = new SimpleObjectProperty<>(this, "display", Display.SINGLE);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.7);
    private final IntegerProperty probeSize = new SimpleIntegerProperty(this, "probeSize", 8);
    private final ReadOnlyObjectWrapper<AttributionResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<List<AttributionResult>> compared = new ReadOnlyObjectWrapper<>(this, "cmp");
    private final ReadOnlyObjectWrapper<List<SanityStep>> sanity = new ReadOnlyObjectWrapper<>(this, "sanity");
    private final ReadOnlyObjectWrapper<MapReadout> readout = new ReadOnlyObjectWrapper<>(this, "readout");
    private final ReadOnlyObjectWrapper<String> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyIntegerWrapper probeUpdates = new ReadOnlyIntegerWrapper(this, "probeUpdates");
    private final StackPane mapsArea = new StackPane();
    private final DetailLayer detail = new DetailLayer();
    private Consumer<CamRequest> onCamSteps = this::showCamSteps;
    private AttributionBar bar;
    private MapPanel single;
    private ComparePanel comparePanel;
    private SanityPanel sanityPanel;
    private OcclusionProbe probe;
    private boolean stale = true;

    public AttributionView(Workspace workspace, EngineService engine) {
        this.workspace = workspace;
        this.work = new AttributionWork(engine);
        setId("attribution-view");
        getStyleClass().add("attribution-view");
        mapsArea.setId("attribution-maps");
        setCenter(new StackPane(mapsArea, detail));
        build();
        workspace.shownProperty().addListener((o, was, now) -> refresh());
        workspace.modelProperty().addListener((o, was, now) -> {
            choice.set(choice.get()
                    .withClass(-1)
                    .withSettings(choice.get().settings().withLayer(null)));
            result.set(null);
        });
        workspace.modeProperty().addListener((o, was, now) -> {
            if (now == WorkspaceMode.ATTRIBUTION && stale) {
                refresh();
            }
        });
        workspace.languageProperty().addListener((o, was, now) -> build());
        workspace.darkProperty().addListener((o, was, now) -> showResults());
        mapsArea.widthProperty().addListener((o, was, now) -> showResults());
        mapsArea.heightProperty().addListener((o, was, now) -> showResults());
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && detail.isShowing()) {
                detail.close();
                e.consume();
            }
        });
        refresh();
    }

    /** Makes the labelled parts in the workspace's language from the state, and shows what was computed. */
    private void build() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        bar = new AttributionBar(text, this, progress);
        setTop(bar);
        single = new MapPanel(text, opacity, readout::set);
        comparePanel = new ComparePanel(readout::set);
        sanityPanel = new SanityPanel(readout::set);
        probe = new OcclusionProbe(text, work, probeSize, this::failed);
        probe.updatesProperty().addListener((o, was, now) -> probeUpdates.set(probeUpdates.get() + 1));
        setBottom(AttributionBar.readoutLine(text, readout));
        detail.relabel(text);
        bar.controls(controls());
        showResults();
        if (display.get() == Display.PROBE) {
            showProbe();
        }
    }

    private AttributionControls controls() {
        Inference model = workspace.model();
        Shown shown = workspace.shown();
        AttributionResult r = result.get();
        return new AttributionControls(
                workspace.text(),
                choice.get(),
                model == null ? null : model.model().description(),
                shown == null || !shown.snapshot().network().predictsClasses()
                        ? -1
                        : shown.snapshot().topClass(),
                r == null ? null : r.map().layer(),
                this::choose);
    }

    private void choose(AttributionChoice next) {
        boolean newMethod = next.method() != choice.get().method();
        choice.set(next);
        if (newMethod) {
            bar.controls(controls());
        }
        refresh();
    }

    /** Computes what the maps area shows for the current image, model and choice (when the mode is on screen). */
    void refresh() {
        Shown shown = workspace.shown();
        Inference model = workspace.model();
        if (shown == null || model == null) {
            return;
        }
        if (workspace.modeProperty().get() != WorkspaceMode.ATTRIBUTION) {
            stale = true;
            return;
        }
        stale = false;
        failure.set(null);
        ActivationSnapshot snapshot = shown.snapshot();
        AttributionChoice c = choice.get();
        switch (display.get()) {
            case SINGLE, SANITY -> {
                if (display.get() == Display.SANITY) {
                    display.set(Display.SINGLE);
                }
                work.map(
                        model,
                        snapshot,
                        c,
                        progress.start(Kind.ATTRIBUTION),
                        r -> {
                            progress.done();
                            result.set(r);
                            bar.controls(
                                    controls()); // the class box names the prediction, the layer box the CAM's layer
                            showResults();
                        },
                        this::failed);
            }
            case COMPARE -> {
                work.compare(
                        model,
                        snapshot,
                        c,
                        progress.start(Kind.ATTRIBUTION),
                        list -> {
                            progress.done();
                            compared.set(list);
                            showResults();
                        },
                        this::failed);
            }
            case PROBE -> showProbe();
        }
    }

    /** The sanity check of the current method on the current image. */
    void runSanity() {
        Shown shown = workspace.shown();
        if (shown == null || workspace.model() == null || result.get() == null) {
            return;
        }
        work.sanity(
                workspace.model(),
                shown.snapshot(),
                choice.get(),
                progress.start(Kind.SANITY),
                steps -> {
                    progress.done();
                    sanity.set(steps);
                    display.set(Display.SANITY);
                    showResults();
                },
                this::failed);
    }

    /** The comparison draws {@code methods} from now on. */
    void compare(Set<AttributionMethod> methods) {
        choice.set(choice.get().withCompared(methods));
        refresh();
    }

    /** Stops the running work of {@code kind} at its next step; the maps on screen stay. */
    void cancel(Kind kind) {
        work.cancel(kind);
        progress.done();
    }

    void show(Display d) {
        display.set(d);
        if (d == Display.PROBE) {
            showProbe();
        } else {
            refresh();
        }
    }

    private void showProbe() {
        Shown shown = workspace.shown();
        if (shown != null && workspace.model() != null) {
            probe.show(
                    workspace.model(), shown.snapshot(), choice.get().settings().fill(), mapSide());
        }
        mapsArea.getChildren().setAll(probe);
        bar.showing(display.get(), result.get());
    }

    /** Draws what was computed, again (after a change of language, theme or size): nothing is recomputed. */
    private void showResults() {
        if (single == null) {
            return;
        }
        ResourceBundle text = workspace.text();
        Node content = null;
        AttributionResult r = result.get();
        switch (display.get()) {
            case SINGLE -> {
                if (r != null) {
                    single.show(
                            r,
                            choice.get().plane(),
                            AttributionControls.baselineName(
                                    text, r.choice().settings().baseline()),
                            workspace.palette(),
                            mapSide());
                    content = single;
                }
            }
            case COMPARE -> {
                if (compared.get() != null) {
                    comparePanel.show(
                            compared.get(),
                            choice.get().plane(),
                            text,
                            Math.max(200, mapsArea.getWidth() - 24),
                            Math.max(200, mapsArea.getHeight() - 24));
                    content = comparePanel;
                }
            }
            case SANITY -> {
                if (r != null && sanity.get() != null) {
                    sanityPanel.show(r.map(), sanity.get(), text);
                    content = sanityPanel;
                }
            }
            case PROBE -> content = probe;
        }
        boolean random = workspace.model() != null && workspace.model().model().randomWeights();
        mapsArea.getChildren()
                .setAll(AttributionBar.stack(content, random ? text.getString("attr.random") : null, failure.get()));
        bar.showing(display.get(), r);
    }

    private double mapSide() {
        return MapPanel.side(mapsArea.getWidth(), mapsArea.getHeight());
    }

    private void failed(Throwable t) {
        progress.done();
        failure.set(AttributionBar.sentence(workspace.text(), t));
        showResults();
    }

    void camSteps() {
        AttributionResult r = result.get();
        if (r != null && r.camLayer() >= 0) {
            onCamSteps.accept(new CamRequest(r.model(), r.image(), r.target().index(), r.camLayer()));
        }
    }

    /** Called with the Grad-CAM on screen to see it step by step; by default its walkthrough is laid over the maps. */
    public void setOnCamSteps(Consumer<CamRequest> handler) {
        onCamSteps = handler == null ? this::showCamSteps : handler;
    }

    private void showCamSteps(CamRequest request) {
        progress.start(Kind.ATTRIBUTION);
        work.camSteps(
                request,
                walkthrough -> {
                    progress.done();
                    showDetail(new GradCamSteps(workspace, walkthrough));
                },
                this::failed);
    }

    /** Lays {@code node} over the maps area with a close button; Esc or the button goes back to the maps. */
    public void showDetail(Node node) {
        detail.show(node);
    }

    public ObjectProperty<AttributionChoice> choiceProperty() {
        return choice;
    }

    public ObjectProperty<Display> displayProperty() {
        return display;
    }

    /** How opaque the map is over the photo (the slider). */
    public DoubleProperty overlayOpacityProperty() {
        return opacity;
    }

    /** The single map on screen (null until the first has been computed). */
    public ReadOnlyObjectProperty<AttributionResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<AttributionResult>> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<SanityStep>> sanityProperty() {
        return sanity.getReadOnlyProperty();
    }

    /** What the pointer reads over a map, or null. */
    public ReadOnlyObjectProperty<MapReadout> readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** The sentence shown when a map could not be computed, or null. */
    public ReadOnlyObjectProperty<String> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** How many occluded copies have reached the probe's bars (the benchmark counts them). */
    public ReadOnlyIntegerProperty probeUpdatesProperty() {
        return probeUpdates.getReadOnlyProperty();
    }

    MapPanel single() {
        return single;
    }

    OcclusionProbe probe() {
        return probe;
    }

    AttributionWork work() {
        return work;
    }

    AttributionChoice choice() {
        return choice.get();
    }
}
