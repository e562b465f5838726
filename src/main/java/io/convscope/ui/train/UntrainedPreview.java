package io.convscope.ui.train;

import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.design.ArchitectureDesign;
import javafx.application.Platform;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The probe image as the untrained network a Start would begin from computes it (the same design, classes and seed:
 * {@link ProbeNetwork#untrained}), while no run is live. The student sees where training starts, and the probe's
 * overview is built before Start instead of on the pulses of the run's start, while both cores train. Computed on the
 * Train workspace's worker thread; everything else on the FX thread.
 */
final class UntrainedPreview {

    /** What a Start would begin from: a change of any of these computes the preview again. */
    private record Start(ArchitectureDesign design, TrainingData data, long seed, ProbeImage.Choice probe) {}

    private final TrainState state;
    private final ProbeImage probeImage;
    private final Consumer<ActivationSnapshot> show;
    /** The start asked for last (read on the worker too, to skip a superseded request). */
    private volatile Start asked;
    /** Whether the probe shows the preview, not a run's look or epoch. */
    private boolean shown;

    UntrainedPreview(TrainState state, ProbeImage probeImage, Consumer<ActivationSnapshot> show) {
        this.state = state;
        this.probeImage = probeImage;
        this.show = show;
    }

    /**
     * Computes the preview if what a Start would begin from changed since the last one asked for (or the run that
     * started from it): so a finished run's last look stays until the student sets up another.
     */
    void refresh() {
        Start next = nextStart();
        if (state.live() || next == null || next.equals(asked)) {
            return;
        }
        asked = next;
        state.worker.submit(() -> {
            if (next != asked) {
                return; // superseded while waiting
            }
            try {
                ProbeNetwork start = ProbeNetwork.untrained(
                        next.design(), next.data().dataset().classes(), next.seed());
                float[][] parameters = start.parameters();
                ActivationSnapshot snapshot = start.snapshot(
                        parameters,
                        probeImage.at(start.describe(parameters), next.data().validation()));
                Platform.runLater(() -> {
                    if (next == asked && !state.live()) {
                        show.accept(snapshot);
                        shown = true;
                    }
                });
            } catch (IOException e) {
                // No preview of a design that cannot be built; Start tells why in a sentence.
            } catch (RuntimeException e) {
                // A bug: no preview either, but not silently.
                System.err.println("ConvScope: the untrained preview failed");
                e.printStackTrace();
            }
        });
    }

    /** A run starts from what is set now: its own looks show it from here on. */
    void runStarted() {
        asked = nextStart();
        shown = false;
    }

    /** The probe now shows something else (an epoch of the last run). */
    void replaced() {
        shown = false;
    }

    /** Whether the probe shows the preview. */
    boolean shown() {
        return shown;
    }

    /** What a Start would begin from now: null until the data are checked. */
    private Start nextStart() {
        TrainState.DataCheck data = state.data.get();
        if (data == null || data.checking()) {
            return null;
        }
        ArchitectureDesign design = state.settings
                .get()
                .design()
                .withClasses(data.dataset().classes().size());
        return new Start(design, data.checked(), state.settings.get().seed(), probeImage.choice());
    }
}
