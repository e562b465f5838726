/**
 * The analyzer's graph view: zooming and panning (the camera and the gestures), search, and the frame drawer that
 * shows cached tiles or draws directly. It may use {@code ui.architecture.paint}, {@code ui.architecture.tiles},
 * {@code explain.graph}, {@code network.graph}
 * and {@code ui.common}; the window around it is in {@code ui.architecture}.
 */
package io.convscope.ui.architecture.graph;
