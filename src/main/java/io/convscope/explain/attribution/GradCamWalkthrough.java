package io.convscope.explain.attribution;

import io.convscope.network.CamInputs;
import io.convscope.network.Shape;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017) step by step, for one image, one explained value y and one layer with
 * {@code K} maps {@code A_k} of {@code H x W} cells:
 * <ol>
 *   <li>the gradient maps {@code dy/dA_k};</li>
 *   <li>their means {@code alpha_k = (1 / Z) sum_ij dy/dA_kij}, {@code Z = H * W};</li>
 *   <li>the weighted maps {@code alpha_k A_k} and their sum {@code S = sum_k alpha_k A_k};</li>
 *   <li>{@code ReLU(S)}, the Grad-CAM map at the layer's resolution;</li>
 *   <li>its bilinear upsampling to the input (pixel centres aligned, edges clamped), for the overlay.</li>
 * </ol>
 * Every number is computed in the order and precision the engine uses (sums in double, in channel order, each
 * alpha and the map rounded once to float), so {@link #map()} and {@link #upsampled()} are the engine's Grad-CAM and
 * its upsampled map to the bit. Channels are ranked by |alpha_k|: a wide layer shows its strongest first.
 */
public final class GradCamWalkthrough {

    private final CamInputs inputs;
    private final float[] image;
    private final Shape inputShape;
    private final int channels;
    private final int plane;
    private final double[] gradientSums;
    private final float[] alpha;
    private final int[] order;
    private final double[] sum;
    private final float[] map;
    private final float[] upsampled;

    private GradCamWalkthrough(CamInputs inputs, float[] image, Shape inputShape) {
        this.inputs = inputs;
        this.image = image.clone();
        this.inputShape = inputShape;
        Shape s = inputs.shape();
        channels = s.channels();
        plane = s.height() * s.width();
        float[] a = inputs.activations();
        float[] g = inputs.gradient();
        gradientSums = new double[channels];
        alpha = new float[channels];
        for (int k = 0; k < channels; k++) {
            double total = 0;
            for (int i = 0; i < plane; i++) {
                total += g[k * plane + i];
            }
            gradientSums[k] = total;
            alpha[k] = (float) (total / plane);
        }
        sum = new double[plane];
        for (int k = 0; k < channels; k++) {
            for (int i = 0; i < plane; i++) {
                sum[i] += (double) alpha[k] * a[k * plane + i];
            }
        }
        map = new float[plane];
        for (int i = 0; i < plane; i++) {
            map[i] = (float) Math.max(0, sum[i]);
        }
        order = IntStream.range(0, channels)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(alpha[k]))
                        .thenComparingInt(k -> k))
                .mapToInt(Integer::intValue)
                .toArray();
        upsampled = new float[inputShape.height() * inputShape.width()];
        for (int y = 0; y < inputShape.height(); y++) {
            for (int x = 0; x < inputShape.width(); x++) {
                upsampled[y * inputShape.width() + x] = upsample(y, x).value();
            }
        }
    }

    /**
     * The walkthrough of {@code inputs} (from the engine) for {@code image}, the network's input of
     * {@code inputShape} (channel-major, in the model's units), which the map is drawn over.
     */
    public static GradCamWalkthrough of(CamInputs inputs, float[] image, Shape inputShape) {
        if (image.length != inputShape.size()) {
            throw new IllegalArgumentException(image.length + " values for an input of " + inputShape);
        }
        return new GradCamWalkthrough(inputs, image, inputShape);
    }

    public CamInputs inputs() {
        return inputs;
    }

    /** The layer's shape {@code [K, H, W]}. */
    public Shape shape() {
        return inputs.shape();
    }

    public int channels() {
        return channels;
    }

    /** Z, the number of cells a gradient map is averaged over: {@code H * W}. */
    public int cells() {
        return plane;
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** The input image, channel-major (a copy). */
    public float[] image() {
        return image.clone();
    }

    /** Map {@code A_k}, row-major (a copy). */
    public float[] activation(int k) {
        return Arrays.copyOfRange(inputs.activations(), k * plane, (k + 1) * plane);
    }

    /** {@code dy/dA_k}, row-major (a copy). */
    public float[] gradient(int k) {
        return Arrays.copyOfRange(inputs.gradient(), k * plane, (k + 1) * plane);
    }

    public float activation(int k, int cell) {
        return inputs.activations()[k * plane + cell];
    }

    public float gradient(int k, int cell) {
        return inputs.gradient()[k * plane + cell];
    }

    /** {@code sum_ij dy/dA_kij}, the numerator of alpha_k. */
    public double gradientSum(int k) {
        return gradientSums[k];
    }

    /** {@code alpha_k}, the mean of {@code dy/dA_k}. */
    public float alpha(int k) {
        return alpha[k];
    }

    /** Every alpha_k, by channel (a copy). */
    public float[] alphas() {
        return alpha.clone();
    }

    /** Channel numbers by |alpha_k|, largest first (ties by channel number). */
    public int[] order() {
        return order.clone();
    }

    /** The channel at {@code rank} in {@link #order()}. */
    public int ranked(int rank) {
        return order[rank];
    }

    /** {@code alpha_k A_kij}, as the sum adds it. */
    public double weighted(int k, int cell) {
        return (double) alpha[k] * inputs.activations()[k * plane + cell];
    }

    /** The weighted map {@code alpha_k A_k}, rounded to float for drawing. */
    public float[] weighted(int k) {
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (float) weighted(k, i);
        }
        return out;
    }

    /** {@code S_ij = sum_k alpha_k A_kij}, before the ReLU. */
    public double sum(int cell) {
        return sum[cell];
    }

    /** S rounded to float for drawing. */
    public float[] sumMap() {
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (float) sum[i];
        }
        return out;
    }

    /** The Grad-CAM map {@code ReLU(S)} at the layer's resolution: the engine's values. */
    public float[] map() {
        return map.clone();
    }

    public float map(int cell) {
        return map[cell];
    }

    /** The map upsampled to the input's height and width: the engine's overlay values. */
    public float[] upsampled() {
        return upsampled.clone();
    }

    /** The channels after the first {@code shown} in {@link #order()}, summed into one map. */
    public GradCamWalkthroughRest rest(int shown) {
        int from = Math.max(0, Math.min(shown, channels));
        double[] rest = new double[plane];
        double restAbsolute = 0;
        double allAbsolute = 0;
        boolean[] summarised = new boolean[channels];
        for (int r = from; r < channels; r++) {
            summarised[order[r]] = true;
        }
        for (int k = 0; k < channels; k++) {
            for (int i = 0; i < plane; i++) {
                double t = weighted(k, i);
                allAbsolute += Math.abs(t);
                if (summarised[k]) {
                    rest[i] += t;
                    restAbsolute += Math.abs(t);
                }
            }
        }
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (float) rest[i];
        }
        return new GradCamWalkthroughRest(channels - from, out, allAbsolute == 0 ? 0 : restAbsolute / allAbsolute);
    }

    /** How input pixel (y, x) of the upsampled map is interpolated from the map's cells. */
    public GradCamWalkthroughUpsample upsample(int y, int x) {
        int height = shape().height();
        int width = shape().width();
        double sy = Math.min(height - 1, Math.max(0, (y + 0.5) * height / inputShape.height() - 0.5));
        double sx = Math.min(width - 1, Math.max(0, (x + 0.5) * width / inputShape.width() - 0.5));
        int y0 = (int) sy;
        int y1 = Math.min(height - 1, y0 + 1);
        int x0 = (int) sx;
        int x1 = Math.min(width - 1, x0 + 1);
        double fy = sy - y0;
        double fx = sx - x0;
        float[] v = {map[y0 * width + x0], map[y0 * width + x1], map[y1 * width + x0], map[y1 * width + x1]};
        double top = v[0] * (1 - fx) + v[1] * fx;
        double bottom = v[2] * (1 - fx) + v[3] * fx;
        float value = (float) (top * (1 - fy) + bottom * fy);
        return new GradCamWalkthroughUpsample(sy, sx, new int[] {y0, y1}, new int[] {x0, x1}, fy, fx, v, value);
    }
}
