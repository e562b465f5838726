package io.convscope.engine.attribution;

import io.convscope.network.Shape;

/**
 * The class activation maps, from a layer's maps {@code A_k} ({@code K} channels of {@code H x W} cells) and the
 * gradient {@code g_k = dy/dA_k} of the explained value y (a logit, before the softmax):
 * <ul>
 *   <li><b>Grad-CAM</b> (Selvaraju et al., ICCV 2017): {@code alpha_k = (1 / HW) sum_ij g_kij},
 *       {@code map = ReLU(sum_k alpha_k A_k)}; the weights reported are alpha_k.</li>
 *   <li><b>HiResCAM</b> (Draelos and Carin, 2020): {@code map = ReLU(sum_k g_k * A_k)}, element-wise; no weights.</li>
 *   <li><b>Grad-CAM++</b> (Chattopadhay et al., WACV 2018, eq. 19 and 20, the closed form for {@code exp(y)}):
 *       {@code alpha_kij = g_kij^2 / (2 g_kij^2 + (sum_ab A_kab) g_kij^3)}, set to 0 where {@code g_kij = 0} or the
 *       denominator is 0; {@code w_k = sum_ij alpha_kij ReLU(g_kij)}; {@code map = ReLU(sum_k w_k A_k)}. The paper's
 *       {@code ReLU(d exp(y) / dA)} is {@code exp(y) ReLU(g)}; the constant {@code exp(y)} is left out (it scales the
 *       map only), as pytorch-grad-cam does. The weights reported are w_k.</li>
 * </ul>
 * Maps stay at the layer's resolution; {@link Heatmaps#bilinear} upsamples them for an overlay.
 */
public final class CamMaps {

    /** A map of {@code H x W} values and its per-channel weights (null for HiResCAM). */
    public record Cam(float[] map, float[] weights) {}

    private CamMaps() {}

    public static Cam compute(AttributionMethod variant, float[] activations, float[] gradient, Shape shape) {
        int channels = shape.channels();
        int plane = shape.height() * shape.width();
        double[] sum = new double[plane];
        float[] weights = null;
        switch (variant) {
            case GRAD_CAM -> {
                weights = new float[channels];
                for (int k = 0; k < channels; k++) {
                    double s = 0;
                    for (int i = 0; i < plane; i++) {
                        s += gradient[k * plane + i];
                    }
                    weights[k] = (float) (s / plane);
                }
            }
            case GRAD_CAM_PLUS_PLUS -> weights = plusPlusWeights(activations, gradient, channels, plane);
            case HIRES_CAM -> {
                for (int k = 0; k < channels; k++) {
                    for (int i = 0; i < plane; i++) {
                        sum[i] += (double) gradient[k * plane + i] * activations[k * plane + i];
                    }
                }
            }
            default -> throw new IllegalArgumentException(variant.id() + " is not a class activation map");
        }
        if (weights != null) {
            for (int k = 0; k < channels; k++) {
                for (int i = 0; i < plane; i++) {
                    sum[i] += (double) weights[k] * activations[k * plane + i];
                }
            }
        }
        float[] map = new float[plane];
        for (int i = 0; i < plane; i++) {
            map[i] = (float) Math.max(0, sum[i]);
        }
        return new Cam(map, weights);
    }

    private static float[] plusPlusWeights(float[] a, float[] g, int channels, int plane) {
        float[] w = new float[channels];
        for (int k = 0; k < channels; k++) {
            double activationSum = 0;
            for (int i = 0; i < plane; i++) {
                activationSum += a[k * plane + i];
            }
            double wk = 0;
            for (int i = 0; i < plane; i++) {
                double gi = g[k * plane + i];
                double g2 = gi * gi;
                double denominator = 2 * g2 + activationSum * g2 * gi;
                double alpha = gi == 0 || denominator == 0 ? 0 : g2 / denominator;
                wk += alpha * Math.max(0, gi);
            }
            w[k] = (float) wk;
        }
        return w;
    }
}
