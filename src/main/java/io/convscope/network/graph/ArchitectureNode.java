package io.convscope.network.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer (Caffe), layer or vertex (DL4J) of an {@link ArchitectureGraph}, with what it costs for one input image.
 * Formulas for every figure are in the importers ({@code io.convscope.network.caffe.CaffeLayers},
 * {@code io.convscope.engine.compile.ArchitectureConverter}) and in {@code docs/cost-formulas.md}.
 *
 * @param id                 unique within the graph (the layer name, made unique when a file repeats one)
 * @param name               the layer's name as the model gives it
 * @param type               the category for colouring
 * @param rawType            the framework's own type name ({@code Convolution}, {@code ConvolutionLayer}, ...)
 * @param inputs             where each input comes from (node id and which of its outputs), in order
 * @param outputShapes       one shape per output; almost always exactly one
 * @param trainableParams    parameters training updates (weights, biases, batch-norm gamma/beta, PReLU slopes)
 * @param nonTrainableParams stored values training does not update by gradient (batch-norm running mean/variance)
 * @param operations         multiply-accumulates and other operations for one input image
 * @param activationValues   values of all outputs for one input image ({@code batch * elements} summed over outputs)
 * @param block              path of the repeated block this node belongs to ({@code inception_3a}, {@code res2a}),
 *                           "" when none; consecutive nodes with the same block fold into one row
 * @param attributes         key settings for display, in a meaningful order (kernel, stride, pad, groups...)
 * @param inPlace            the node overwrites its first input's buffer (Caffe's top == bottom): its output needs no
 *                           new memory, which the peak estimate takes into account
 */
public record ArchitectureNode(
        String id,
        String name,
        NodeType type,
        String rawType,
        List<Port> inputs,
        List<TensorShape> outputShapes,
        long trainableParams,
        long nonTrainableParams,
        Operations operations,
        long activationValues,
        String block,
        Map<String, String> attributes,
        boolean inPlace) {

    /** Output {@code output} of node {@code node}. */
    public record Port(String node, int output) {}

    public ArchitectureNode {
        inputs = List.copyOf(inputs);
        outputShapes = List.copyOf(outputShapes);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        if (trainableParams < 0 || nonTrainableParams < 0 || activationValues < 0) {
            throw new IllegalArgumentException("negative count in node " + id);
        }
    }

    /** Ids of the nodes this one reads, in input order (a node may appear twice). */
    public List<String> inputIds() {
        return inputs.stream().map(Port::node).toList();
    }

    /** The first (usually only) output's shape; {@link TensorShape#UNKNOWN} for a node without outputs. */
    public TensorShape outputShape() {
        return outputShapes.isEmpty() ? TensorShape.UNKNOWN : outputShapes.get(0);
    }

    public long params() {
        return Math.addExact(trainableParams, nonTrainableParams);
    }

    public long multiplyAccumulates() {
        return operations.multiplyAccumulates();
    }

    public long otherOperations() {
        return operations.other();
    }

    /** {@code activationValues * 4}: bytes of the outputs at 32-bit floats. */
    public long activationBytes() {
        return Math.multiplyExact(activationValues, Float.BYTES);
    }
}
