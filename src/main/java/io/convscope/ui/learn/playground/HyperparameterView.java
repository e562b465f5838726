package io.convscope.ui.learn.playground;

import atlantafx.base.theme.Styles;
import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

/**
 * The hyperparameter playground: the settings ({@link PlaygroundControls}), the kernel sliding over the padded input
 * into the output grid ({@link PlaygroundGrids}, one position a second, hover to jump, play/pause), the output-size
 * formula with the current numbers and — where CNN Explainer refuses — why the output is rounded down
 * ({@link PlaygroundFormulaLine}). This class runs the sliding and stops it whenever the playground is not seen.
 */
public final class HyperparameterView extends VBox {

    private final PlaygroundControls controls;
    private final PlaygroundGrids grids;
    private final PlaygroundFormulaLine formula;
    private final Button play = new Button();
    private final Timeline timeline = new Timeline();
    private HyperparameterPlayground model = HyperparameterPlayground.DEFAULT;
    private final ReadOnlyObjectWrapper<HyperparameterPlayground> setting = new ReadOnlyObjectWrapper<>(model);
    private int step;
    /** What the play button shows: the user's choice; the timeline itself also waits until the playground is seen. */
    private boolean wanted;
    /** The article's scroll pane around the playground, if any. */
    private ScrollPane scroller;

    public HyperparameterView(ResourceBundle text, Palette palette) {
        super(12);
        setId("playground");
        getStyleClass().add("playground");
        setPadding(new Insets(12));
        setMaxWidth(560);
        setMaxHeight(USE_PREF_SIZE);

        controls = new PlaygroundControls(text, this::change);
        grids = new PlaygroundGrids(text, () -> model, this::jumpTo);
        formula = new PlaygroundFormulaLine(text, palette);
        play.getStyleClass().add(Styles.FLAT);
        play.setId("playground-play");
        play.setTooltip(new Tooltip(text.getString("playground.playPause")));
        play.setOnAction(e -> setPlaying(!wanted));
        Label hint = new Label(text.getString("playground.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add("article-caption");
        hint.setWrapText(true);
        FlowPane legend = grids.legend();
        legend.getChildren().add(0, play);
        getChildren().addAll(controls, grids, legend, formula.formula(), formula.coverage(), hint);

        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(Motion.PLAYGROUND_STEP_MS), e -> {
            step = (step + 1) % model.steps();
            draw();
        }));
        timeline.setCycleCount(Animation.INDEFINITE);
        // Nothing animates unseen: stop when hidden or taken out of the window.
        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                setPlaying(false);
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                setPlaying(false);
            } else if (was == null) {
                scroller = enclosingScrollPane();
                setPlaying(true);
            }
        });
        // Scrolled out of the article's view, it stops too, and runs again when scrolled back.
        localToSceneTransformProperty().addListener((o, was, now) -> runIfSeen());
        apply(model, -1);
    }

    /** The theme changed: the typeset formula is an image in the old ink, so typeset it again. */
    public void themeChanged() {
        formula.typeset();
    }

    /** A control changed: the model clamps it and settles the others; controls it moved are marked briefly. */
    private void change(int control, int value) {
        HyperparameterPlayground next =
                switch (control) {
                    case 0 -> model.withInput(value);
                    case 1 -> model.withPadding(value);
                    case 2 -> model.withKernel(value);
                    default -> model.withStride(value);
                };
        apply(next, control);
    }

    /** Shows a setting; {@code changed} is the control the student moved (-1: none). */
    public void apply(HyperparameterPlayground next, int changed) {
        HyperparameterPlayground before = model;
        model = next;
        setting.set(next);
        controls.show(before, model, changed);
        step = 0;
        grids.titles(model);
        formula.show(model);
        draw();
        if (changed >= 0) {
            setPlaying(true); // any change restarts and un-pauses, as in CNN Explainer
        }
    }

    /** floor((n + 2p - k) / s) + 1 with the current numbers, and each step of the working. */
    public String formulaLatex() {
        return formula.latex();
    }

    public String coverageSentence() {
        return formula.coverageSentence();
    }

    private void jumpTo(int target) {
        setPlaying(false);
        step = target;
        draw();
    }

    public void setPlaying(boolean on) {
        wanted = on && getScene() != null && isVisible();
        play.setGraphic(new FontIcon(wanted ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
        runIfSeen();
    }

    /** The timeline runs while playing is wanted and some of the playground is inside its scroll pane's view. */
    private void runIfSeen() {
        boolean seen = scroller == null
                || scroller.localToScene(scroller.getLayoutBounds()).intersects(localToScene(getLayoutBounds()));
        if (wanted && seen) {
            timeline.play();
        } else {
            timeline.pause();
        }
    }

    private ScrollPane enclosingScrollPane() {
        for (Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane pane) {
                return pane;
            }
        }
        return null;
    }

    public boolean isPlaying() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    public HyperparameterPlayground model() {
        return model;
    }

    /** The setting shown, as the student changes it. */
    public ReadOnlyObjectProperty<HyperparameterPlayground> modelProperty() {
        return setting.getReadOnlyProperty();
    }

    public int step() {
        return step;
    }

    /** Draws both grids at the current step. */
    void draw() {
        grids.draw(model, step);
    }

    /** For tests: the label of control 0..3 (input, padding, kernel, stride). */
    public Label label(int control) {
        return controls.label(control);
    }

    public Spinner<Integer> field(int control) {
        return controls.field(control);
    }

    public Slider slider(int control) {
        return controls.slider(control);
    }

    /** For tests: the pixels of a grid as drawn, ARGB, row by row, {@value PlaygroundGrids#GRID} wide. */
    public int[] pixels(boolean input) {
        return grids.pixels(input);
    }
}
