/**
 * The Train workspace (the main window's Train mode): choose a data set (the built-in Tiny ImageNet subset or any
 * folder of class folders, dropped or chosen), change Tiny VGG with simple controls and see its cost live, set the
 * hyperparameters, then start, pause, step, resume or stop a run and watch its loss and accuracy; "Use this model"
 * opens the result in the overview. {@link io.convscope.ui.train.TrainWorkspaceView} is the view the shell registers
 * and the slots other views of the run plug into.
 *
 * <p>What it may use: the engine's training API ({@code TrainingSession}, {@code RunSettings}, {@code Trainer}'s
 * records) and data sets ({@code engine.dataset}), the view models of {@code io.convscope.explain.training},
 * {@code io.convscope.ui.workspace} (the workspace: language, theme, mode) and the explorer's byte-bounded
 * {@code Thumbnails}; never the shell ({@code io.convscope.ui}).
 *
 * <p>Components of the Train workspace that show a network while it learns, each fed plain data and following the
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
 *
 * <p>{@link io.convscope.ui.train.TrainInsights} wires those components into the workspace: an
 * {@link io.convscope.ui.train.InsightFeed} watches the run on its training thread (the session's
 * {@code RunWatcher}) and hands the kernels, the probe ({@link io.convscope.ui.train.ProbeImage}, cut to the input
 * size with {@code io.convscope.image}) and each epoch's confusion matrix to the FX thread, coalesced; Step arms the
 * session's step inspector; the scrubber loads a finished epoch's weights on the workspace's background thread.
 * A click on a cell of the matrix shows that cell's validation images as the epoch on show scored them
 * ({@link io.convscope.ui.train.CellGallery}, in the explorer's {@code ImageGallery}); an image clicked there opens in
 * the overview (or its Why? mode) through that epoch's exported network, by the shell's request it was given.
 */
package io.convscope.ui.train;
