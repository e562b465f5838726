package io.convscope.explain.overview;

/** An edge into a convolution neuron of the overview: it carries one 3x3 (or k x k) kernel. */
public record OverviewEdge(int column, int source, int target) {}
