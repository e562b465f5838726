package io.convscope.network;

import java.util.Map;

/**
 * What one attribution method says about one image and one target (a class's logit, or one cell of an output map):
 * the raw map as the method computes it, before any normalisation or upsampling.
 *
 * @param method        the method's short name ({@code gradient}, {@code smoothgrad}, {@code ig}, {@code gradcam},
 *                      {@code hirescam}, {@code gradcam++}, {@code occlusion})
 * @param target        the class index, or the flat index of the output-map cell, whose value was explained
 * @param targetName    the class's name, or the cell as {@code channel c, row y, column x}
 * @param logit         that value for the image (the logit before the softmax, or the output cell's value)
 * @param shape         the map's shape: {@code [C, H, W]} of the input for gradient methods (signed, per channel),
 *                      {@code [1, H, W]} of the chosen layer for the CAMs, one value per window position for occlusion
 * @param values        channel-major values of {@code shape}
 * @param layer         the layer a CAM was computed at; null for the other methods
 * @param channelWeights the CAM's per-channel weights (Grad-CAM's alpha_k, Grad-CAM++'s w_k); null otherwise
 * @param figures       the method's own numbers by name (IG's completeness figures, the parameters used)
 * @param randomWeights the model's weights are seeded random draws, so the map means nothing
 */
public record AttributionMap(
        String method,
        int target,
        String targetName,
        float logit,
        Shape shape,
        float[] values,
        String layer,
        float[] channelWeights,
        Map<String, Double> figures,
        boolean randomWeights) {

    public AttributionMap {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a map of " + shape);
        }
        figures = Map.copyOf(figures);
    }

    /**
     * One value per pixel: for the maps over the input's channels (gradient, smoothgrad, ig) the largest absolute
     * value over the channels, as saliency maps are drawn (a one-channel input too); the CAMs' and occlusion's values
     * as they are.
     */
    public float[] pixelMap() {
        int plane = shape.height() * shape.width();
        if (!overInputChannels()) {
            return values.clone();
        }
        float[] out = new float[plane];
        for (int c = 0; c < shape.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                out[i] = Math.max(out[i], Math.abs(values[c * plane + i]));
            }
        }
        return out;
    }

    /** Whether the map has one value per input value (gradient, smoothgrad, ig), signed, per channel. */
    public boolean overInputChannels() {
        return method.equals("gradient") || method.equals("smoothgrad") || method.equals("ig");
    }

    /** The signed values of one channel ({@code [H][W]} flattened row-major). */
    public float[] channel(int channel) {
        int plane = shape.height() * shape.width();
        float[] out = new float[plane];
        System.arraycopy(values, channel * plane, out, 0, plane);
        return out;
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The sum of every value, in double (IG's completeness compares it with a difference of logits). */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
