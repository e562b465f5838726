package io.convscope.ui.train;

import io.convscope.ui.workspace.Workspace;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.IntConsumer;

/**
 * A slider over the finished epochs: moving it to epoch {@code n} asks for the network as it was at the end of that
 * epoch (the workspace loads that epoch's checkpoint and refreshes the kernels, the probe and the confusion matrix).
 * While it sits on the last epoch it follows new ones as they finish, without asking (the workspace shows those
 * live). The callback fires once per settled choice: not for every pixel of a drag, and never for a programmatic
 * move.
 */
public final class EpochScrubber extends HBox {

    private final Workspace workspace;
    private final Slider slider = new Slider(1, 1, 1);
    private final Label caption = new Label();
    private final ReadOnlyIntegerWrapper epoch = new ReadOnlyIntegerWrapper(this, "epoch", 0);
    private IntConsumer onEpochChosen = e -> {};
    private int finished;
    private boolean programmatic;

    public EpochScrubber(Workspace workspace) {
        this.workspace = workspace;
        setId("train-scrubber");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        slider.setId("train-scrubber-slider");
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setBlockIncrement(1);
        slider.setDisable(true);
        HBox.setHgrow(slider, Priority.ALWAYS);
        caption.setId("train-scrubber-caption");
        caption.setMinWidth(Label.USE_PREF_SIZE);
        getChildren().setAll(slider, caption);
        slider.valueProperty().addListener(o -> settle());
        slider.valueChangingProperty().addListener(o -> settle());
        relabel();
        workspace.languageProperty().addListener(o -> relabel());
    }

    /** Called with the epoch the student chose (FX thread). */
    public void setOnEpochChosen(IntConsumer handler) {
        onEpochChosen = handler;
    }

    /** The epoch on show: 0 before the first epoch finished. */
    public ReadOnlyIntegerProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    /**
     * {@code count} epochs have finished (FX thread). When the slider was on the last one, it moves to the new last
     * one without calling back.
     */
    public void setFinishedEpochs(int count) {
        boolean following = epoch.get() == finished;
        finished = Math.max(0, count);
        programmatic = true;
        slider.setMax(Math.max(1, finished));
        slider.setDisable(finished < 2);
        if (following || epoch.get() > finished) {
            slider.setValue(Math.max(1, finished));
            epoch.set(finished);
        }
        programmatic = false;
        relabel();
    }

    /** Moves to {@code n} as if the student had (calls back when it changes the epoch); for tests and keys. */
    public void choose(int n) {
        slider.setValue(Math.max(1, Math.min(finished, n)));
    }

    Slider slider() {
        return slider;
    }

    private void settle() {
        if (programmatic || slider.isValueChanging() || finished == 0) {
            return;
        }
        int chosen = (int) Math.round(slider.getValue());
        if (chosen != epoch.get()) {
            epoch.set(chosen);
            relabel();
            onEpochChosen.accept(chosen);
        }
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        slider.setTooltip(new Tooltip(text.getString("trainScrubber.tooltip")));
        caption.setText(
                finished == 0
                        ? text.getString("trainScrubber.none")
                        : MessageFormat.format(text.getString("trainScrubber.epoch"), epoch.get(), finished));
    }
}
