/**
 * The analyzer's tile cache: the graph painted once into 256 px tiles that panning only moves, kept in a store
 * bounded by bytes, painted in batches between pulses, with patches for the boxes a selection or hover changes. It
 * may use {@code ui.architecture.paint} and {@code explain.graph}.
 */
package io.convscope.ui.architecture.tiles;
