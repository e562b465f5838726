package io.convscope.engine.attribution;

/**
 * The one number an attribution explains: value {@code index} of description layer {@code layer}. For a classifier
 * the logit of a class (before the softmax); for a network whose output is a map, one cell of one channel of it.
 *
 * @param layer the description layer holding the value
 * @param index its flat (channel-major) index in that layer's output
 * @param name  the class's name, or {@code channel c, row y, column x}
 */
public record AttributionTarget(int layer, int index, String name) {}
