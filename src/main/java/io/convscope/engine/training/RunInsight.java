package io.convscope.engine.training;

import io.convscope.network.KernelStep;
import io.convscope.network.NetworkDescription;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * What a {@link TrainingSession} lets the app see inside its run: the watcher it tells between batches, the step
 * inspector around its network and optimiser, and the probe copy of its network. A step armed while the run is
 * still preparing waits here until the inspector exists, so Step before a run records its very first batch.
 */
public final class RunInsight {

    private record Pending(StepInspector.KernelChoice kernel, Consumer<KernelStep> recorded) {}

    private volatile RunWatcher watcher = RunWatcher.NONE;
    private volatile ProbeNetwork probe;
    private StepInspector inspector;
    private Pending pending;

    /** The watcher from now on, told on the training thread; null or {@link RunWatcher#NONE} to stop. */
    public void watch(RunWatcher w) {
        watcher = w == null ? RunWatcher.NONE : w;
    }

    RunWatcher watcher() {
        return watcher;
    }

    /** A copy of the network to run with any parameters off the training thread; null until prepared. */
    public ProbeNetwork probe() {
        return probe;
    }

    /**
     * Records the next batch's update of {@code kernel} (null: the first kernel of the first convolution that can be
     * followed) and hands it to {@code recorded} on the training thread.
     */
    public synchronized void arm(StepInspector.KernelChoice kernel, Consumer<KernelStep> recorded) {
        if (inspector == null) {
            pending = new Pending(kernel, recorded);
        } else {
            inspector.arm(resolve(kernel, inspector.network().description()), recorded);
        }
    }

    /** On the training thread before the first batch: compiles the probe copy and wraps the network. */
    synchronized StepInspector prepare(TrainerNetwork network) throws IOException {
        probe = ProbeNetwork.of(network);
        inspector = new StepInspector(network);
        if (pending != null) {
            try {
                arm(pending.kernel(), pending.recorded());
            } catch (IllegalArgumentException e) {
                // chosen in an earlier run's network: this network's first kernel instead
                arm(null, pending.recorded());
            }
            pending = null;
        }
        return inspector;
    }

    /** {@code kernel}, or the first kernel of the first convolution that can be followed when null. */
    static StepInspector.KernelChoice resolve(StepInspector.KernelChoice kernel, NetworkDescription network) {
        if (kernel != null) {
            return kernel;
        }
        for (int layer = 0; layer < network.layers().size(); layer++) {
            if (StepInspector.inspectable(network, layer)) {
                return new StepInspector.KernelChoice(layer, 0, 0);
            }
        }
        throw new IllegalArgumentException(network.name() + " has no convolution whose kernels can be followed");
    }
}
