package io.convscope.ui.attribution;

import io.convscope.engine.attribution.AttributionProgress;
import io.convscope.engine.attribution.AttributionProgress.Stage;
import io.convscope.ui.tasks.RequestLedger.Kind;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * How far the attribution view's engine work has got, on the FX thread: which kind runs, the fraction done
 * (negative while it is one pass with no steps to count) and the last step told. It outlives the bar, which is
 * rebuilt on a change of language, so a running computation keeps its progress on screen.
 */
final class WorkProgress {

    /** {@code done} of {@code total} steps of {@code stage}. */
    record Step(Stage stage, int done, int total) {}

    private final ReadOnlyObjectWrapper<Kind> running = new ReadOnlyObjectWrapper<>(this, "running");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", -1);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step");
    /** Counts the starts, so that a report of earlier work still on its way to the FX thread is dropped. */
    private long generation;

    /**
     * Work of {@code kind} starts (FX thread); its steps are to be told to what this returns, from any thread: they
     * reach the FX thread while this work is still the one shown. Always says go on: stopping is the work's own affair.
     */
    AttributionProgress start(Kind kind) {
        long mine = ++generation;
        running.set(kind);
        fraction.set(-1);
        step.set(null);
        return (stage, done, total, f) -> {
            Platform.runLater(() -> {
                if (generation == mine && running.get() != null) {
                    fraction.set(f);
                    step.set(new Step(stage, done, total));
                }
            });
            return true;
        };
    }

    /** The work ended, was cancelled or failed (FX thread). */
    void done() {
        generation++;
        running.set(null);
        fraction.set(-1);
        step.set(null);
    }

    ReadOnlyObjectProperty<Kind> runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }
}
