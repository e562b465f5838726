package io.convscope.ui.explanation.formula;

import atlantafx.base.theme.Styles;
import io.convscope.explain.GridPosition;
import io.convscope.ui.common.Motion;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What every formula panel shares (CNN Explainer §2.7, §2.9): a header with the title, the ⓘ button, play/pause and
 * close, and a position that advances over the output every {@value Motion#FORMULA_STEP_MS} ms, wrapping around.
 * Hovering a cell jumps there and pauses. A hidden or detached panel stops its timeline, which would otherwise keep
 * running and keep the panel alive.
 */
public abstract class SteppingFormulaPanel extends VBox {

    private final Button play = new Button();
    private final Timeline timeline = new Timeline();
    private int step;

    SteppingFormulaPanel() {
        getStyleClass().add("formula-panel");
        setSpacing(10);
        setPadding(new Insets(14));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(Motion.FORMULA_STEP_MS), e -> showStep(step + 1)));
        timeline.setCycleCount(Animation.INDEFINITE);
        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                setPlaying(false);
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                setPlaying(false);
            }
        });
        setPlaying(false);
    }

    /**
     * The header row: {@code title}, then {@code info}, play/pause and close on the right. Ids are {@code idPrefix}
     * + "-play" and "-close".
     */
    protected final HBox header(
            Label title, Button info, String idPrefix, String playTooltip, String closeTooltip, Runnable onClose) {
        title.getStyleClass().add(Styles.TITLE_3);
        play.getStyleClass().add(Styles.FLAT);
        play.setId(idPrefix + "-play");
        play.setTooltip(new Tooltip(playTooltip));
        play.setOnAction(e -> setPlaying(!isPlaying()));
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().add(Styles.FLAT);
        close.setId(idPrefix + "-close");
        close.setTooltip(new Tooltip(closeTooltip));
        close.setOnAction(e -> {
            setPlaying(false);
            onClose.run();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, info, play, close);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** How many output positions the panel steps through. */
    protected abstract int positions();

    /** The output grid's width in cells, to turn a hovered cell into a row-major position. */
    protected abstract int outputColumns();

    /** Draws position {@code index}, already wrapped into {@code [0, positions())}. */
    protected abstract void render(int index);

    /** Shows position {@code index} (row-major over the output), wrapping around. */
    protected final void showStep(int index) {
        if (positions() == 0) {
            return; // nothing shown yet
        }
        step = Math.floorMod(index, positions());
        render(step);
    }

    /** Pauses and shows output cell {@code cell}: a hover over either grid. */
    protected final void jumpTo(GridPosition cell) {
        if (positions() == 0) {
            return;
        }
        setPlaying(false);
        showStep(cell.y() * outputColumns() + cell.x());
    }

    public void setPlaying(boolean on) {
        if (on) {
            timeline.play();
        } else {
            timeline.pause();
        }
        play.setGraphic(new FontIcon(on ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW));
    }

    public boolean isPlaying() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    /** Index of the current output position, row-major. */
    public int step() {
        return step;
    }

    /** The stepping clock, for tests that drive it instead of waiting for it. */
    public Timeline clock() {
        return timeline;
    }
}
