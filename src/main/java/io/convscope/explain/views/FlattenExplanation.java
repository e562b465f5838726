package io.convscope.explain.views;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;

import java.util.Objects;

/**
 * What the flatten elastic view (spec §2.10) shows for one output class: the last map layer's maps flattened into
 * one vector in channel-major order (index c·H·W + y·W + x), each element's weight to the class, their products,
 * and Σ products + bias, which is the class logit. Computed in double, stored as float.
 */
public final class FlattenExplanation {

    /** Where one element of the flattened vector comes from in the map layer. */
    public record Origin(int channel, int y, int x) {}

    private final int layer;
    private final int classIndex;
    private final int sourceLayer;
    private final Shape sourceShape;
    private final float[] vector;
    private final float[] weights;
    private final float[] products;
    private final float bias;
    private final float logit;
    private final float probability;

    /**
     * @param layer      index of the {@link LayerKind#OUTPUT} layer; the layer before it must be the
     *                   {@link LayerKind#FLATTEN} of a map layer
     * @param classIndex the clicked class
     */
    public FlattenExplanation(ActivationSnapshot snapshot, int layer, int classIndex) {
        LayerDescription output = snapshot.network().layer(layer);
        if (output.kind() != LayerKind.OUTPUT
                || snapshot.network().layer(snapshot.network().inputOf(layer)).kind() != LayerKind.FLATTEN) {
            throw new IllegalArgumentException(output.name() + " is not an output layer reading a flatten layer");
        }
        LayerWeights dense = snapshot.network().weights(output.name());
        Objects.checkIndex(classIndex, dense.outputs());
        this.layer = layer;
        this.classIndex = classIndex;
        this.sourceLayer = layer - 2;
        this.sourceShape = snapshot.layer(sourceLayer).shape();
        // Flattening keeps the activation's own channel-major order, which the dense weights' input index follows.
        this.vector = snapshot.layer(snapshot.network().inputOf(layer)).toArray();
        this.weights = new float[vector.length];
        this.products = new float[vector.length];
        this.bias = dense.bias(classIndex);
        double sum = 0;
        for (int i = 0; i < vector.length; i++) {
            weights[i] = dense.weight(classIndex, i);
            double product = (double) vector[i] * weights[i];
            products[i] = (float) product;
            sum += product;
        }
        this.logit = (float) (sum + bias);
        this.probability = snapshot.probability(classIndex);
    }

    public int layer() {
        return layer;
    }

    public int classIndex() {
        return classIndex;
    }

    /** Index of the map layer being flattened (Tiny VGG's max_pool_2). */
    public int sourceLayer() {
        return sourceLayer;
    }

    public Shape sourceShape() {
        return sourceShape;
    }

    /** The flattened maps (1690 values for Tiny VGG). */
    public float[] vector() {
        return vector.clone();
    }

    /** Weight from each vector element to the class. */
    public float[] weights() {
        return weights.clone();
    }

    /** {@code vector[i] × weights[i]}. */
    public float[] products() {
        return products.clone();
    }

    public float bias() {
        return bias;
    }

    /** Σ products + bias: the class logit. */
    public float logit() {
        return logit;
    }

    /** The class probability printed next to the output node. */
    public float probability() {
        return probability;
    }

    /** The map cell that vector element {@code index} comes from, for the box drawn when hovering a strip. */
    public Origin origin(int index) {
        Objects.checkIndex(index, vector.length);
        int area = sourceShape.height() * sourceShape.width();
        int within = index % area;
        return new Origin(index / area, within / sourceShape.width(), within % sourceShape.width());
    }

    /**
     * Channels drawn as strips; the ones between are abstracted as gray bars. CNN Explainer expands the first and
     * the last.
     */
    public int[] expandedChannels() {
        int last = sourceShape.channels() - 1;
        return last == 0 ? new int[] {0} : new int[] {0, last};
    }

    /**
     * Colour range of the weights: 2·max|w| over the weights of the {@linkplain #expandedChannels() expanded
     * channels}, the ones on screen (CNN Explainer meant this but read channels 1–9 and 9 again).
     */
    public double weightRange() {
        int area = sourceShape.height() * sourceShape.width();
        double max = 0;
        for (int channel : expandedChannels()) {
            for (int i = channel * area; i < (channel + 1) * area; i++) {
                max = Math.max(max, Math.abs(weights[i]));
            }
        }
        return 2 * max;
    }
}
