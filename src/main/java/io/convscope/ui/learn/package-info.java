/**
 * The Learn panel: the illustrated articles (how a CNN works, step by step) with their figures drawn from the shown
 * image's activations, the LaTeX formulas, and the hyperparameter playground (kernel size, stride, padding, pooling)
 * with its grids, controls and formula line.
 *
 * <p>What it may use: {@code io.convscope.explain} (articles, article facts and links, the playground model) and
 * {@code io.convscope.network} (activation snapshots), never the engine, DL4J or ND4J; and from {@code io.convscope.ui}
 * only the shared pieces made public for it: {@code Palette}, {@code Language}, {@code ClassNames}, {@code Motion},
 * {@code ShrinkToWidth}, {@code HeatmapView} and {@code MatrixGrid}. Text comes from the
 * {@code io.convscope.ui.messages} bundle the caller passes in.
 *
 * <p>Who uses it: the main window builds {@link io.convscope.ui.learn.LearnPanel} and
 * {@link io.convscope.ui.learn.HyperparameterView}; nothing else reaches into this package.
 */
package io.convscope.ui.learn;
