/**
 * View models of the Train workspace, without a screen: the simple architecture form ({@code DesignDraft}) and
 * what it costs, layer by layer, with the analyzer's own formulas ({@code DesignSummary}), and the loss curve kept to
 * a bounded number of points however long a run goes ({@code CurvePoints}). It may use {@code network} (and
 * {@code network.design}); never the engine or JavaFX.
 *
 * <p>Also the view models of a network being trained, fed by plain data from {@code engine.training}: one optimiser step of a
 * kernel written out with its real numbers ({@link io.convscope.explain.training.KernelUpdateExplanation}), the first
 * layer's kernels as colour images ({@link io.convscope.explain.training.KernelImages}), and the epochs a scrubber can
 * go back to ({@link io.convscope.explain.training.EpochHistory}). It may use {@code network} and {@code explain}.
 */
package io.convscope.explain.training;
