package io.convscope.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A loaded network as the views see it: its layers (the first is the input) in an order where every layer comes
 * after the layers it reads, what each reads, their trained parameters, and the classes it predicts. Most networks
 * are a chain (each layer reads the one before it); ResNet's additions and Inception's concatenations read several.
 *
 * @param name    a display name (the model file's name or the metadata's)
 * @param classes class labels in output order; empty when the output is a map (U-Net's mask, YOLO's detection grid)
 * @param layers  input first, then every layer, each after all it reads
 * @param weights trained parameters by layer name, for layers that have any
 * @param inputs  for each layer, the indices of the layers whose outputs it reads (empty for the input)
 */
public record NetworkDescription(
        String name,
        List<String> classes,
        List<LayerDescription> layers,
        Map<String, LayerWeights> weights,
        List<List<Integer>> inputs) {

    public NetworkDescription {
        classes = List.copyOf(classes);
        layers = List.copyOf(layers);
        weights = Map.copyOf(weights);
        inputs = inputs.stream().map(List::copyOf).toList();
        if (layers.isEmpty() || layers.get(0).kind() != LayerKind.INPUT) {
            throw new IllegalArgumentException("the first layer must be the input");
        }
        if (inputs.size() != layers.size() || !inputs.get(0).isEmpty()) {
            throw new IllegalArgumentException("every layer needs its inputs, and the input none");
        }
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i).isEmpty()) {
                throw new IllegalArgumentException("layer " + layers.get(i).name() + " reads nothing");
            }
            for (int from : inputs.get(i)) {
                if (from < 0 || from >= i) {
                    throw new IllegalArgumentException("layer " + layers.get(i).name() + " reads layer " + from
                            + ", which does not come before it");
                }
            }
        }
    }

    /** A chain: every layer reads the one before it. */
    public NetworkDescription(
            String name, List<String> classes, List<LayerDescription> layers, Map<String, LayerWeights> weights) {
        this(name, classes, layers, weights, chain(layers.size()));
    }

    private static List<List<Integer>> chain(int layers) {
        List<List<Integer>> in = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            in.add(i == 0 ? List.of() : List.of(i - 1));
        }
        return in;
    }

    /**
     * True when the network ends in one score per class; false when its output is its last layer's map, as in U-Net
     * (a mask, one value per pixel) and YOLO (a grid of boxes).
     */
    public boolean predictsClasses() {
        return !classes.isEmpty();
    }

    /** The layers {@code layer} reads, in the order it combines them (for a concatenation, channel order). */
    public List<Integer> inputsOf(int layer) {
        return inputs.get(layer);
    }

    /** The first (for all but merges, the only) layer {@code layer} reads; -1 for the input. */
    public int inputOf(int layer) {
        List<Integer> in = inputs.get(layer);
        return in.isEmpty() ? -1 : in.get(0);
    }

    /** True when every layer reads just the one before it. */
    public boolean isChain() {
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i).size() != 1 || inputs.get(i).get(0) != i - 1) {
                return false;
            }
        }
        return true;
    }

    /** The layers that read {@code layer}'s output, in order. */
    public List<Integer> readersOf(int layer) {
        List<Integer> readers = new ArrayList<>();
        for (int i = layer + 1; i < inputs.size(); i++) {
            if (inputs.get(i).contains(layer)) {
                readers.add(i);
            }
        }
        return readers;
    }

    public Shape inputShape() {
        return layers.get(0).outputShape();
    }

    public int indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named " + layerName);
    }

    /** Index of the first layer that passes {@code test}, or -1 when none does. */
    public int firstIndex(Predicate<LayerDescription> test) {
        for (int i = 0; i < layers.size(); i++) {
            if (test.test(layers.get(i))) {
                return i;
            }
        }
        return -1;
    }

    public LayerDescription layer(int index) {
        return layers.get(index);
    }

    /** Parameters of a layer, or null when it has none. */
    public LayerWeights weights(String layerName) {
        return weights.get(layerName);
    }

    public long parameterCount() {
        return layers.stream().mapToLong(LayerDescription::parameters).sum();
    }
}
