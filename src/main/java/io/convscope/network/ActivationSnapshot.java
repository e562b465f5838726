package io.convscope.network;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Everything one forward pass produced for one input: every layer's output (index 0 is the input itself,
 * then one entry per layer of the {@link NetworkDescription}), the logits and the class probabilities (none when the
 * network's output is a map: see {@link NetworkDescription#predictsClasses()}).
 * Immutable, so views on any thread can read it while the engine computes the next one.
 */
public final class ActivationSnapshot {

    private final NetworkDescription network;
    private final List<LayerActivation> layers;
    private final float[] logits;
    private final float[] probabilities;

    public ActivationSnapshot(
            NetworkDescription network, List<LayerActivation> layers, float[] logits, float[] probabilities) {
        if (layers.size() != network.layers().size()) {
            throw new IllegalArgumentException(
                    layers.size() + " activations for " + network.layers().size() + " layers");
        }
        if (logits.length != probabilities.length
                || logits.length != network.classes().size()) {
            throw new IllegalArgumentException("expected " + network.classes().size() + " logits and probabilities");
        }
        this.network = network;
        this.layers = List.copyOf(layers);
        this.logits = logits.clone();
        this.probabilities = probabilities.clone();
    }

    public NetworkDescription network() {
        return network;
    }

    /** Output of layer {@code index} of {@link NetworkDescription#layers()} (0 = the input). */
    public LayerActivation layer(int index) {
        return layers.get(index);
    }

    public LayerActivation layer(String name) {
        return layers.get(network.indexOf(name));
    }

    public int layerCount() {
        return layers.size();
    }

    public float logit(int classIndex) {
        return logits[classIndex];
    }

    public float probability(int classIndex) {
        return probabilities[classIndex];
    }

    public float[] logits() {
        return logits.clone();
    }

    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Index of the most probable class; only for a network that {@linkplain NetworkDescription#predictsClasses() predicts classes}. */
    public int topClass() {
        if (probabilities.length == 0) {
            throw new IllegalStateException(network.name() + " outputs a map, not classes");
        }
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public String topLabel() {
        return network.classes().get(topClass());
    }

    /**
     * The heap this snapshot holds: four bytes per kept value (every layer's output, logits and probabilities). Caches
     * weigh snapshots by it, because VGG-16's is about 140 MB and Tiny VGG's 0.3 MB.
     */
    public long bytes() {
        long floats = 2L * logits.length;
        for (LayerActivation a : layers) {
            floats += a.size();
        }
        return Float.BYTES * floats;
    }

    /** Class indices sorted by falling probability. */
    public int[] ranking() {
        return IntStream.range(0, probabilities.length)
                .boxed()
                .sorted((a, b) -> Float.compare(probabilities[b], probabilities[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
