package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network as a list of {@link Step}s over plain arrays, in topological order, with every step's output kept.
 * Built once per model by {@link Dl4jCompiler}; {@link #forward(float[])} is thread-safe (steps hold only read-only
 * parameters).
 */
public final class CompiledNetwork {

    private final NetworkDescription description;
    /** One per description layer after the input. */
    private final List<Step> steps;
    /** For each description layer, the layers whose outputs it reads. */
    private final int[][] inputs;
    /**
     * For each description layer, the key of the DL4J output it equals ({@code MultiLayerNetwork.feedForward}'s list
     * index, or a graph's vertex name), or null.
     */
    private final String[] dl4jKey;
    /** Index of the layer whose output is the logits (an output layer with softmax keeps its logits as its value). */
    private final int logitsLayer;
    /** True when the last layer is a separate softmax, whose output then is the probabilities. */
    private final boolean endsInSoftmax;
    /** By description layer: where its step's parameters come from in DL4J (layers without any are absent). */
    private final Map<Integer, ParameterOwner> owners;

    CompiledNetwork(
            NetworkDescription description,
            List<Step> steps,
            String[] dl4jKey,
            int logitsLayer,
            boolean endsInSoftmax,
            Map<Integer, ParameterOwner> owners) {
        this.description = description;
        this.owners = Map.copyOf(owners);
        this.steps = List.copyOf(steps);
        this.dl4jKey = dl4jKey;
        this.logitsLayer = logitsLayer;
        this.endsInSoftmax = endsInSoftmax;
        this.inputs = new int[description.layers().size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] =
                    description.inputsOf(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Compiles a network whose input is {@code input}; refuses layers it cannot compute exactly. */
    public static CompiledNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        return Dl4jCompiler.compile(net, input, classes, name);
    }

    /**
     * Compiles a graph with one input and one output, vertex by vertex in DL4J's topological order; refuses vertices
     * it cannot compute exactly. With {@code classes} null, the classes are numbered ("class 0"...).
     */
    public static CompiledNetwork compile(ComputationGraph graph, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        return Dl4jCompiler.compile(graph, input, classes, name);
    }

    public NetworkDescription description() {
        return description;
    }

    /** Where layer {@code i} of the description appears in a MultiLayerNetwork's own {@code feedForward}, or -1. */
    public int dl4jIndexOf(int layer) {
        return dl4jKey[layer] == null ? -1 : Integer.parseInt(dl4jKey[layer]);
    }

    /** The ComputationGraph vertex whose output layer {@code i} of the description equals, or null. */
    public String dl4jVertexOf(int layer) {
        return dl4jKey[layer];
    }

    /** The step computing description layer {@code layer} (from 1). */
    Step step(int layer) {
        return steps.get(layer - 1);
    }

    /** The layers description layer {@code layer} reads. */
    int[] inputsOf(int layer) {
        return inputs[layer];
    }

    /** The layer holding the logits, or -1 for a map output. */
    int logitsLayer() {
        return logitsLayer;
    }

    boolean endsInSoftmax() {
        return endsInSoftmax;
    }

    /** Where layer {@code layer}'s parameters come from in DL4J, or null. */
    ParameterOwner ownerOf(int layer) {
        return owners.get(layer);
    }

    /** Runs one input, channel-major {@code [c][y][x]}, and keeps every layer's output. */
    public ActivationSnapshot forward(float[] input) {
        Shape inShape = description.inputShape();
        if (input.length != inShape.size()) {
            throw new IllegalArgumentException("input has " + input.length + " values; the model needs " + inShape);
        }
        float[][] values = new float[steps.size() + 1][];
        List<LayerActivation> outputs = new ArrayList<>(steps.size() + 1);
        values[0] = input.clone(); // the caller keeps its array; ours must never change
        outputs.add(new LayerActivation(inShape, values[0]));
        for (int i = 1; i <= steps.size(); i++) {
            float[][] in = new float[inputs[i].length][];
            for (int k = 0; k < in.length; k++) {
                in[k] = values[inputs[i][k]];
            }
            values[i] = steps.get(i - 1).forward(in);
            outputs.add(new LayerActivation(description.layer(i).outputShape(), values[i]));
        }
        if (logitsLayer < 0) {
            return new ActivationSnapshot(description, outputs, new float[0], new float[0]); // a map output
        }
        float[] logits = outputs.get(logitsLayer).toArray();
        float[] probabilities;
        if (endsInSoftmax) {
            probabilities = values[values.length - 1].clone();
        } else {
            probabilities = logits.clone();
            ActivationFunction.softmaxInPlace(probabilities);
        }
        return new ActivationSnapshot(description, outputs, logits, probabilities);
    }
}
