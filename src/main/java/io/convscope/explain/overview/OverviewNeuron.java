package io.convscope.explain.overview;

/**
 * A neuron of the overview: a column index (into {@link OverviewColumn#of}) and a neuron index within it (a channel
 * of a map column, a class of the output column).
 */
public record OverviewNeuron(int column, int index) {}
