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
 */
package io.convscope.ui.train;
