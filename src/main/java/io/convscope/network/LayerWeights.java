package io.convscope.network;

import java.util.Arrays;

/**
 * The trained parameters of one layer, in the order the explanation views read them.
 * Convolution kernels are {@code [out][in][kh][kw]}; dense weights are {@code [out][in]},
 * where {@code in} follows the flatten order of {@link ActivationSnapshot} (channel-major).
 * A batch normalisation holds its inference arithmetic folded per channel, {@code y = weight * x + bias}
 * ({@code [channels][1][1][1]}); a constant scaling its one factor ({@code [1][1][1][1]}, bias 0).
 * <p>
 * A grouped convolution splits its input channels into {@code groups} equal groups and each output channel reads
 * only its own group: {@code in} is then the number of channels per group. A depthwise convolution (the first half
 * of Xception's separable convolutions) has one group per input channel, so each output reads one channel.
 */
public final class LayerWeights {

    private final int outputs;
    private final int inputs;
    private final int kernelHeight;
    private final int kernelWidth;
    private final float[] weights;
    private final float[] bias;
    private final int groups;

    public LayerWeights(int outputs, int inputs, int kernelHeight, int kernelWidth, float[] weights, float[] bias) {
        this(outputs, inputs, kernelHeight, kernelWidth, weights, bias, 1);
    }

    /** A grouped convolution: {@code inputs} channels per group, {@code outputs / groups} output channels each. */
    public LayerWeights(
            int outputs, int inputs, int kernelHeight, int kernelWidth, float[] weights, float[] bias, int groups) {
        if (groups < 1 || outputs % groups != 0) {
            throw new IllegalArgumentException(outputs + " outputs cannot form " + groups + " groups");
        }
        if (weights.length != (long) outputs * inputs * kernelHeight * kernelWidth || bias.length != outputs) {
            throw new IllegalArgumentException(
                    "weights do not match " + outputs + "x" + inputs + "x" + kernelHeight + "x" + kernelWidth);
        }
        this.outputs = outputs;
        this.inputs = inputs;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.groups = groups;
    }

    public int outputs() {
        return outputs;
    }

    /** Input channels each output reads: all of them, or those of its group in a grouped convolution. */
    public int inputs() {
        return inputs;
    }

    /** 1 for an ordinary convolution or a dense layer; the input channel count for a depthwise convolution. */
    public int groups() {
        return groups;
    }

    /** The input channel that kernel {@code i} of output channel {@code out} reads. */
    public int inputChannel(int out, int i) {
        return out / (outputs / groups) * inputs + i;
    }

    /** Which of output {@code out}'s kernels reads input channel {@code channel}, or -1 when none does. */
    public int kernelReading(int out, int channel) {
        int first = inputChannel(out, 0);
        return channel >= first && channel < first + inputs ? channel - first : -1;
    }

    public int kernelHeight() {
        return kernelHeight;
    }

    public int kernelWidth() {
        return kernelWidth;
    }

    /** Convolution weight of output channel {@code out}, its kernel {@code in}, kernel cell (ky, kx). */
    public float weight(int out, int in, int ky, int kx) {
        return weights[((out * inputs + in) * kernelHeight + ky) * kernelWidth + kx];
    }

    /** Dense weight from input {@code in} to output {@code out}. */
    public float weight(int out, int in) {
        return weight(out, in, 0, 0);
    }

    /** The kernel of one (output, input) pair as {@code [ky][kx]}, a copy. */
    public float[][] kernel(int out, int in) {
        float[][] k = new float[kernelHeight][kernelWidth];
        for (int y = 0; y < kernelHeight; y++) {
            for (int x = 0; x < kernelWidth; x++) {
                k[y][x] = weight(out, in, y, x);
            }
        }
        return k;
    }

    public float bias(int out) {
        return bias[out];
    }

    /** Largest absolute weight, which the colour scales of weights are built on. */
    public float maxAbsWeight() {
        float m = 0;
        for (float w : weights) {
            m = Math.max(m, Math.abs(w));
        }
        return m;
    }

    /** A copy of all weights in {@code [out][in][kh][kw]} order. */
    public float[] weightArray() {
        return weights.clone();
    }

    public float[] biasArray() {
        return bias.clone();
    }

    @Override
    public String toString() {
        return "LayerWeights" + Arrays.toString(new int[] {outputs, inputs, kernelHeight, kernelWidth})
                + (groups == 1 ? "" : " in " + groups + " groups");
    }
}
