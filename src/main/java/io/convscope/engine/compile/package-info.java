/**
 * The DL4J compiler: reads a MultiLayerNetwork or ComputationGraph layer by layer (or vertex by vertex) and builds
 * the typed steps of {@code engine.runtime}, one factory per family of steps (convolution, dense, pooling,
 * normalisation, layout, graph vertices, map outputs), refusing what it cannot compute exactly. It also converts a
 * DL4J configuration into the plain {@code network.graph} architecture the analyzer draws. It may use DL4J,
 * {@code engine}, {@code engine.runtime} and {@code network}.
 */
package io.convscope.engine.compile;
