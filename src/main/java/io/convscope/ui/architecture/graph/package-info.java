/**
 * The analyzer's graph drawing: the zoomable, tiled view and its gestures, the painter, the tile grid and cache,
 * highlight patches, layout lookup and measured box widths. It may use {@code explain.graph}, {@code network.graph}
 * and {@code ui.common}; the window around it is in {@code ui.architecture}.
 */
package io.convscope.ui.architecture.graph;
