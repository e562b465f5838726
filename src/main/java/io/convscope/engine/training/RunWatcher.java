package io.convscope.engine.training;

import java.util.function.Supplier;

/**
 * What a {@link TrainingSession} lets the app watch beside its {@link TrainingSession.Listener}, on the training
 * thread between two batches (so the network cannot change meanwhile). Whatever a watcher does there is time the
 * training waits: it copies the parameters only when it means to look (every few dozen batches) and hands the rest
 * to another thread.
 */
public interface RunWatcher {

    RunWatcher NONE = new RunWatcher() {};

    /**
     * Batch {@code batch} of epoch {@code epoch} has updated the network; {@code parameters} copies its parameters as
     * they are now, one array per block in the network's block order (what {@link ProbeNetwork} takes).
     */
    default void batchTrained(int epoch, int batch, Supplier<float[][]> parameters) {}

    /**
     * The session's own validation pass after epoch {@code epoch}, counted as it scored each image:
     * {@code [true class][predicted class]}; {@code parameters} as in {@link #batchTrained}.
     */
    default void epochValidated(int epoch, int[][] confusion, Supplier<float[][]> parameters) {}
}
