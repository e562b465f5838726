package io.convscope.network.graph;

/**
 * A blob flowing from one node's output to another node's input (label it with {@link #shape()}).
 *
 * @param from       producing node id
 * @param fromOutput which output of the producer
 * @param to         consuming node id
 * @param toInput    which input of the consumer
 * @param shape      the blob's shape
 */
public record ArchitectureEdge(String from, int fromOutput, String to, int toInput, TensorShape shape) {}
