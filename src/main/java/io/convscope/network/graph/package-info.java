/**
 * The architecture analyzer's model: a graph of layers with their shapes, parameters, multiply-adds and memory,
 * counted exactly, and its exports (CSV, JSON). Plain Java; it may use {@code network}.
 */
package io.convscope.network.graph;
