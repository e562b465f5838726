/**
 * Components of the Train workspace that show a network while it learns, each fed plain data and following the
 * workspace's language and theme by itself: one optimiser step of a kernel with its real numbers
 * ({@link io.convscope.ui.train.KernelUpdatePanel}), the first layer's kernels as colour images
 * ({@link io.convscope.ui.train.FirstLayerKernels}), a probe image's overview re-run with the current weights
 * ({@link io.convscope.ui.train.ProbeOverview}), the validation confusion matrix of an epoch
 * ({@link io.convscope.ui.train.EpochConfusion}) and a slider over finished epochs
 * ({@link io.convscope.ui.train.EpochScrubber}).
 *
 * <p>What it may use: view models of {@code io.convscope.explain.training} and {@code explain.dataset}, the records of
 * {@code io.convscope.network}, {@code ui.common}, {@code ui.workspace} (language, theme, {@code LearnRequest}),
 * {@code ui.overview.OverviewPane} and {@code ui.explorer.ConfusionGrid}. It runs nothing: the Train workspace
 * calls the engine ({@code engine.training.StepInspector}, {@code ProbeNetwork}) and hands the results in on the FX
 * thread.
 */
package io.convscope.ui.train;
