/**
 * Painting one frame of the analyzer's graph: the painter (boxes, edges, labels, highlight), the frame record every
 * drawing takes (layout, labels, theme, highlight and viewport) and the measured box widths the layout needs. Used
 * by the view, the tiles and the PNG/SVG export alike, so all three draw the same. It may use {@code explain.graph}
 * and {@code ui.common}.
 */
package io.convscope.ui.architecture.paint;
