package io.convscope.network;

import java.util.Arrays;

/**
 * The trained parameters of one layer, in the order the explanation views read them.
 * Convolution kernels are {@code [out][in][kh][kw]}; dense weights are {@code [out][in]},
 * where {@code in} follows the flatten order of {@link ActivationSnapshot} (channel-major).
 * A batch normalisation holds its inference arithmetic folded per channel, {@code y = weight * x + bias}
 * ({@code [channels][1][1][1]}); a constant scaling its one factor ({@code [1][1][1][1]}, bias 0).
 */
public final class LayerWeights {

    private final int outputs;
    private final int inputs;
    private final int kernelHeight;
    private final int kernelWidth;
    private final float[] weights;
    private final float[] bias;

    public LayerWeights(int outputs, int inputs, int kernelHeight, int kernelWidth, float[] weights, float[] bias) {
        if (weights.length != (long) outputs * inputs * kernelHeight * kernelWidth || bias.length != outputs) {
            throw new IllegalArgumentException("weights do not match " + outputs + "x" + inputs + "x"
                    + kernelHeight + "x" + kernelWidth);
        }
        this.outputs = outputs;
        this.inputs = inputs;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    public int outputs() {
        return outputs;
    }

    public int inputs() {
        return inputs;
    }

    public int kernelHeight() {
        return kernelHeight;
    }

    public int kernelWidth() {
        return kernelWidth;
    }

    /** Convolution weight of output channel {@code out}, input channel {@code in}, kernel cell (ky, kx). */
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
        return "LayerWeights" + Arrays.toString(new int[] {outputs, inputs, kernelHeight, kernelWidth});
    }
}
