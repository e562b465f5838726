package io.convscope.network;

import java.util.List;
import java.util.Map;

/**
 * A loaded sequential network as the views see it: its layers (the first is the input), their trained
 * parameters, and the classes it predicts.
 *
 * @param name    a display name (the model file's name or the metadata's)
 * @param classes class labels in output order
 * @param layers  input first, then every layer in order
 * @param weights trained parameters by layer name, for layers that have any
 */
public record NetworkDescription(String name, List<String> classes, List<LayerDescription> layers,
                                 Map<String, LayerWeights> weights) {

    public NetworkDescription {
        classes = List.copyOf(classes);
        layers = List.copyOf(layers);
        weights = Map.copyOf(weights);
        if (layers.isEmpty() || layers.get(0).kind() != LayerKind.INPUT) {
            throw new IllegalArgumentException("the first layer must be the input");
        }
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
    public int firstIndex(java.util.function.Predicate<LayerDescription> test) {
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
