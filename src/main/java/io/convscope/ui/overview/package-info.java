/**
 * The overview: every layer of the shown network as a column of heatmaps, with the edges between them, column
 * labels, legends, the output bars, the focus ring on the chosen neuron, the keyboard focus and the scrolling that
 * keeps a column in view.
 *
 * <p>What it may use: {@code io.convscope.explain} (column layout, colour scales, ranges) and {@code io.convscope.network}
 * (activation snapshots, layer descriptions), never the engine, DL4J or ND4J; and the shared widgets of
 * {@code io.convscope.ui.common} and {@code LearnRequest} of {@code ui.workspace} (the info buttons that open a
 * Learn section).
 *
 * <p>Who uses it: the main window, its toolbar and the explanation host drive
 * {@link io.convscope.ui.overview.OverviewPane} and {@link io.convscope.ui.overview.OverviewScroll}; nothing else
 * reaches into this package.
 */
package io.convscope.ui.overview;
