/**
 * The Learn panel: the illustrated articles (how a CNN works, step by step) with their figures drawn from the shown
 * image's activations, the LaTeX formulas, and the hyperparameter playground (kernel size, stride, padding, pooling)
 * with its grids, controls and formula line.
 *
 * <p>What it may use: {@code io.convscope.explain} (articles, article facts and links, the playground model) and
 * {@code io.convscope.network} (activation snapshots), never the engine, DL4J or ND4J; and the shared widgets of
 * {@code io.convscope.ui.common} and {@code ui.workspace}. The figures are in {@code ui.learn.figures}, the
 * playground in {@code ui.learn.playground}. Text comes from the
 * {@code io.convscope.ui.messages} bundle the caller passes in.
 *
 * <p>Who uses it: the main window builds {@link io.convscope.ui.learn.LearnPanel} and
 * {@link io.convscope.ui.learn.playground.HyperparameterView}; nothing else reaches into this package.
 */
package io.convscope.ui.learn;
