/**
 * The analyzer's numbers beside the graph: the table of shapes, parameters and multiply-accumulates folded by
 * block, the hover card of one box, the "how is this counted?" formula help and how figures are printed. It may use
 * {@code explain.graph} and {@code network.graph}.
 */
package io.convscope.ui.architecture.details;
