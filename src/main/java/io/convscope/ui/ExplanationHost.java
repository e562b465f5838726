package io.convscope.ui;

import io.convscope.explain.ExplanationNavigator;
import io.convscope.explain.ExplanationState;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.FitToSize;
import io.convscope.ui.common.Motion;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.SoftmaxPanel;
import io.convscope.ui.explanation.flatten.FlattenView;
import io.convscope.ui.explanation.formula.ConvolutionFormulaPanel;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import io.convscope.ui.overview.OverviewPane;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.animation.FadeTransition;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The layer over the overview that shows the explanation views: it opens, switches and closes them as the
 * {@link ExplanationNavigator} says, grows a view out of its neuron, and offers the status bar the open view's readout.
 * It explains the {@link Workspace}'s shown snapshot and publishes what is open to it; the views speak the workspace's
 * language, and a change of language re-creates them on the explanation that stays open.
 */
final class ExplanationHost extends StackPane {

    private final Workspace workspace;
    private final Supplier<OverviewPane> overviewOnScreen;
    private final Runnable onChosen;
    private final ReadOnlyObjectWrapper<ObservableValue<String>> readout = new ReadOnlyObjectWrapper<>();

    private ExplanationNavigator navigator;
    private ElementwiseFormulaPanel elementwisePanel;
    private ConvolutionView convolutionView;
    private ConvolutionFormulaPanel convolutionFormula;
    private FlattenView flattenView;
    private FitToSize convolutionFit;
    private FitToSize flattenFit;
    private FitToSize convolutionFormulaFit;
    private SoftmaxPanel softmaxPanel;

    /** {@code overview} is the overview on screen now; {@code onChosen} runs when the student chooses a neuron. */
    ExplanationHost(Workspace workspace, Supplier<OverviewPane> overview, Runnable onChosen) {
        this.workspace = workspace;
        this.overviewOnScreen = overview;
        this.onChosen = onChosen;
        getStyleClass().add("explanation-layer");
        setVisible(false);
        setPickOnBounds(true); // catches clicks on empty space while a view is open
        setMinSize(0, 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                goBack(); // a click on empty space unwinds one level
            }
        });
    }

    /** The readout the status bar shows: the overview's, or the open view's. */
    ReadOnlyObjectProperty<ObservableValue<String>> readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /**
     * The language changed (or the overview was made again in it): the views, whose words are set when they are made,
     * are made again, and what was open is shown again in them.
     */
    void relabel() {
        pauseAnimations();
        elementwisePanel = null;
        convolutionView = null;
        convolutionFormula = null;
        flattenView = null;
        convolutionFit = null;
        flattenFit = null;
        convolutionFormulaFit = null;
        softmaxPanel = null;
        apply(explanationState());
    }

    /** Stops the views' animations, e.g. when the window is minimised: nothing animates unseen. */
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
    }

    /** A neuron was clicked (or Enter pressed on it): opens, switches or closes its explanation. */
    void explain(int layer, int neuron) {
        ActivationSnapshot snap = snapshot();
        if (snap == null) {
            return;
        }
        if (navigator == null || navigator.network() != snap.network()) {
            navigator = new ExplanationNavigator(snap.network());
        }
        boolean fromOverview = navigator.state().controlsEnabled();
        onChosen.run();
        apply(navigator.choose(layer, neuron));
        if (fromOverview && !navigator.state().controlsEnabled()) {
            growFrom(overview().neuronCentre(layer, neuron));
        }
    }

    /**
     * The view grows out of the neuron that was chosen while the network fades back, so the student sees where the
     * explanation comes from.
     */
    private void growFrom(Point2D neuron) {
        OverviewPane overview = overview();
        overview.setOpacity(1);
        FadeTransition fade = new FadeTransition(Duration.millis(Motion.VIEW_OPEN_MS), overview);
        fade.setToValue(Motion.FADED_OPACITY);
        fade.setInterpolator(Motion.EASE);
        fade.play();
        if (neuron == null || getChildren().isEmpty()) {
            return;
        }
        Node view = getChildren().get(0);
        // The overview may be scrolled sideways: take the neuron's place as the explanation layer sees it.
        Point2D at = sceneToLocal(overview.localToScene(neuron));
        double dx = at.getX() - getWidth() / 2;
        double dy = at.getY() - getHeight() / 2;
        Timeline grow = new Timeline(
                new KeyFrame(
                        Duration.ZERO,
                        new KeyValue(view.scaleXProperty(), Motion.VIEW_START_SCALE),
                        new KeyValue(view.scaleYProperty(), Motion.VIEW_START_SCALE),
                        new KeyValue(view.translateXProperty(), dx),
                        new KeyValue(view.translateYProperty(), dy),
                        new KeyValue(view.opacityProperty(), 0)),
                new KeyFrame(
                        Duration.millis(Motion.VIEW_OPEN_MS),
                        new KeyValue(view.scaleXProperty(), 1, Motion.EASE),
                        new KeyValue(view.scaleYProperty(), 1, Motion.EASE),
                        new KeyValue(view.translateXProperty(), 0, Motion.EASE),
                        new KeyValue(view.translateYProperty(), 0, Motion.EASE),
                        new KeyValue(view.opacityProperty(), 1, Motion.EASE)));
        grow.play();
    }

    /** Closes every open view: a view's × button. */
    void backToOverview() {
        while (!explanationState().controlsEnabled()) {
            goBack();
        }
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

    private OverviewPane overview() {
        return overviewOnScreen.get();
    }

    private ActivationSnapshot snapshot() {
        Shown s = workspace.shown();
        return s == null ? null : s.snapshot();
    }

    ElementwiseFormulaPanel elementwisePanel() {
        return elementwisePanel;
    }

    private void apply(ExplanationState state1) {
        boolean overviewOnly = state1.controlsEnabled();
        workspace.explanationProperty().set(state1);
        OverviewPane overview = overview();
        overview.setOpacity(overviewOnly ? 1 : Motion.FADED_OPACITY);
        setVisible(!overviewOnly);
        readout.set(overview.readoutProperty());
        ActivationSnapshot snap = snapshot();
        ResourceBundle text = workspace.text();
        if (state1 instanceof ExplanationState.Activation a) {
            showElementwise(a.layer(), a.neuron());
        } else if (state1 instanceof ExplanationState.Pooling p) {
            showElementwise(p.layer(), p.neuron());
        } else if (state1 instanceof ExplanationState.Convolution c) {
            showConvolution(snap, c.layer(), c.neuron());
            getChildren().setAll(convolutionFit);
        } else if (state1 instanceof ExplanationState.ConvolutionFormula f) {
            showConvolution(snap, f.layer(), f.neuron());
            if (convolutionFormula == null) {
                convolutionFormula = new ConvolutionFormulaPanel(text, this::goBack);
            }
            convolutionFormula.show(
                    snap,
                    f.layer(),
                    f.neuron(),
                    f.channel(),
                    overview.range(snap.network().inputOf(f.layer())),
                    overview.range(f.layer()));
            if (convolutionFormulaFit == null) {
                // Its three columns are wider than a 1024 px window's network area: scaled down, never cut.
                convolutionFormulaFit = new FitToSize(convolutionFormula, 1, Pos.BOTTOM_CENTER);
            }
            getChildren().setAll(convolutionFit, convolutionFormulaFit);
        } else if (state1 instanceof ExplanationState.Flatten f) {
            showFlatten(snap, f.layer(), f.neuron());
            getChildren().setAll(flattenFit);
        } else if (state1 instanceof ExplanationState.Softmax sm) {
            showFlatten(snap, sm.layer(), sm.neuron());
            if (softmaxPanel == null) {
                softmaxPanel = new SoftmaxPanel(text, this::goBack);
            }
            softmaxPanel.show(snap, sm.neuron());
            StackPane.setAlignment(softmaxPanel, Pos.CENTER_RIGHT);
            getChildren().setAll(flattenFit, softmaxPanel);
            readout.set(softmaxPanel.readoutProperty());
        } else if (state1 instanceof ExplanationState.OutputSoftmax sm) {
            if (softmaxPanel == null) {
                softmaxPanel = new SoftmaxPanel(text, this::goBack);
            }
            softmaxPanel.show(snap, sm.neuron());
            StackPane.setAlignment(softmaxPanel, Pos.CENTER);
            getChildren().setAll(softmaxPanel);
            readout.set(softmaxPanel.readoutProperty());
        } else {
            getChildren().clear();
            overview.requestFocus();
        }
    }

    private void showConvolution(ActivationSnapshot snap, int layer, int neuron) {
        OverviewPane overview = overview();
        if (convolutionView == null) {
            convolutionView = new ConvolutionView(workspace.text());
            convolutionView.getStyleClass().add("explanation-view");
            convolutionFit = new FitToSize(convolutionView, FitToSize.VIEW_MAX_SCALE, Pos.CENTER);
            convolutionView.setOnChannelChosen(c -> apply(navigator.chooseChannel(c)));
            convolutionView.setOnClose(this::backToOverview);
        }
        convolutionView.show(snap, layer, neuron, overview.range(snap.network().inputOf(layer)), overview.range(layer));
        readout.set(convolutionView.readoutProperty());
    }

    private void showFlatten(ActivationSnapshot snap, int layer, int neuron) {
        if (flattenView == null) {
            flattenView = new FlattenView(workspace.text());
            flattenView.getStyleClass().add("explanation-view");
            flattenFit = new FitToSize(flattenView, FitToSize.VIEW_MAX_SCALE, Pos.CENTER);
            flattenView.setOnSoftmaxChosen(() -> apply(navigator.chooseSoftmax()));
            flattenView.setOnClose(this::backToOverview);
        }
        int maps = snap.network().inputOf(layer);
        while (maps > 0 && snap.network().layer(maps).outputShape().isVector()) {
            maps = snap.network().inputOf(maps); // back over flatten to the last map layer, whose colours the maps keep
        }
        flattenView.show(snap, layer, neuron, overview().range(maps));
        readout.set(flattenView.readoutProperty());
    }

    private void showElementwise(int layer, int neuron) {
        if (elementwisePanel == null) {
            elementwisePanel = new ElementwiseFormulaPanel(workspace.text(), this::goBack);
        }
        getChildren().setAll(elementwisePanel);
        OverviewPane overview = overview();
        elementwisePanel.show(snapshot(), layer, neuron, overview::range, overview.range(layer));
    }
}
