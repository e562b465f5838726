package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;

import java.util.Objects;

/**
 * What the convolution elastic view (spec §2.8) and its formula panel (§2.9) show for one neuron (output channel)
 * of a convolution layer: each input channel cross-correlated with its own kernel (the "intermediate" maps, no
 * bias), the bias, and their sum, which is the neuron's activation map. In a depthwise convolution the neuron reads
 * a single input channel; the views number the channels it reads by {@link #inputChannel}.
 * <p>
 * Values are computed in double and stored as float, as the network stores its activations.
 */
public final class ConvolutionExplanation {

    private final int layer;
    private final int neuron;
    private final SlidingWindow window;
    private final float[][][] inputs;
    /** The input channel each of {@link #inputs} is: all of them in order, or one for a depthwise convolution. */
    private final int[] inputChannels;

    private final float[][][] kernels;
    private final float bias;
    private final boolean depthwise;
    private final float[][][] intermediates;
    private final float[][] sumOfIntermediatesPlusBias;
    private final float[][] activation;

    /**
     * @param layer  index of a {@link LayerKind#CONVOLUTION} layer; it reads the output of the layer {@code network.inputOf(layer)}
     * @param neuron the output channel
     */
    public ConvolutionExplanation(ActivationSnapshot snapshot, int layer, int neuron) {
        LayerDescription description = snapshot.network().layer(layer);
        if (description.kind() != LayerKind.CONVOLUTION) {
            throw new IllegalArgumentException(description.name() + " is not a convolution");
        }
        LayerWeights weights = snapshot.network().weights(description.name());
        Objects.checkIndex(neuron, weights.outputs());
        this.layer = layer;
        this.neuron = neuron;
        this.window = new SlidingWindow(description);
        this.bias = weights.bias(neuron);
        this.depthwise = weights.groups() > 1;
        this.activation = snapshot.layer(layer).channel(neuron);
        LayerActivation input = snapshot.layer(snapshot.network().inputOf(layer));
        int channels = weights.inputs();
        int height = description.outputShape().height();
        int width = description.outputShape().width();
        this.inputs = new float[channels][][];
        this.inputChannels = new int[channels];
        this.kernels = new float[channels][][];
        this.intermediates = new float[channels][height][width];
        double[][] total = new double[height][width];
        for (int c = 0; c < channels; c++) {
            inputChannels[c] = weights.inputChannel(neuron, c);
            inputs[c] = input.channel(inputChannels[c]);
            kernels[c] = weights.kernel(neuron, c);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double cell = correlate(c, y, x);
                    intermediates[c][y][x] = (float) cell;
                    total[y][x] += cell;
                }
            }
        }
        this.sumOfIntermediatesPlusBias = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                sumOfIntermediatesPlusBias[y][x] = (float) (total[y][x] + bias);
            }
        }
    }

    /** Σ input × weight over the window of output cell (y, x), in the same order as {@link FormulaStep}. */
    private double correlate(int channel, int y, int x) {
        float[][] in = windowInputs(channel, window.origin(y, x));
        double sum = 0;
        for (int ky = 0; ky < in.length; ky++) {
            for (int kx = 0; kx < in[ky].length; kx++) {
                sum += (double) in[ky][kx] * kernels[channel][ky][kx];
            }
        }
        return sum;
    }

    /** The input cells under a window whose top-left cell is {@code origin}, zero where it covers padding. */
    private float[][] windowInputs(int channel, GridPosition origin) {
        float[][] map = inputs[channel];
        float[][] in = new float[window.kernelHeight()][window.kernelWidth()];
        for (int ky = 0; ky < in.length; ky++) {
            int iy = origin.y() + ky;
            for (int kx = 0; kx < in[ky].length; kx++) {
                int ix = origin.x() + kx;
                boolean inside = iy >= 0 && iy < map.length && ix >= 0 && ix < map[iy].length;
                in[ky][kx] = inside ? map[iy][ix] : 0f;
            }
        }
        return in;
    }

    public int layer() {
        return layer;
    }

    public int neuron() {
        return neuron;
    }

    /** Number of input channels, hence of kernels and intermediate maps. */
    public int inputChannels() {
        return inputs.length;
    }

    /**
     * Which channel of the layer's input the {@code i}-th kernel reads: {@code i} itself, except in a depthwise
     * convolution, whose neuron reads its one channel.
     */
    public int inputChannel(int i) {
        return inputChannels[i];
    }

    /** One map of the layer's input, {@code [y][x]}. */
    public float[][] input(int channel) {
        return Formulas.copy(inputs[channel]);
    }

    /** The kernel applied to {@code channel}, {@code [ky][kx]}. */
    public float[][] kernel(int channel) {
        return Formulas.copy(kernels[channel]);
    }

    /** True for a depthwise convolution: the neuron reads one input channel, and nothing is summed across. */
    public boolean depthwise() {
        return depthwise;
    }

    public float bias() {
        return bias;
    }

    /** Input channel {@code channel} cross-correlated with its kernel, without bias: one intermediate node. */
    public float[][] intermediate(int channel) {
        return Formulas.copy(intermediates[channel]);
    }

    /**
     * What the plus symbol produces. Equals {@link #activation()}: a convolution layer here is linear, since any
     * built-in activation is described as a layer of its own.
     */
    public float[][] sumOfIntermediatesPlusBias() {
        return Formulas.copy(sumOfIntermediatesPlusBias);
    }

    /** The neuron's activation map as the network computed it. */
    public float[][] activation() {
        return Formulas.copy(activation);
    }

    /** Colour range of all kernels feeding this neuron: 2·max|w|, rounded to 3 decimals as CNN Explainer does. */
    public double kernelRange() {
        double max = 0;
        for (int c = 0; c < kernels.length; c++) {
            max = Math.max(max, maxAbs(kernels[c]));
        }
        return Math.round(2 * max * 1000) / 1000.0;
    }

    /** Colour range of one kernel in the formula panel: 2·max|w|. */
    public double kernelRange(int channel) {
        return 2 * maxAbs(kernels[channel]);
    }

    private static double maxAbs(float[][] kernel) {
        double max = 0;
        for (float[] row : kernel) {
            for (float w : row) {
                max = Math.max(max, Math.abs(w));
            }
        }
        return max;
    }

    /** The formula panel at output cell (y, x) of {@code channel}'s intermediate map. */
    public FormulaStep step(int channel, int y, int x) {
        Objects.checkIndex(channel, inputs.length);
        GridPosition origin = window.origin(y, x);
        return new FormulaStep(
                channel,
                new GridPosition(y, x),
                origin,
                windowInputs(channel, origin),
                Formulas.copy(kernels[channel]));
    }

    /** Output cells the panel animates through, one per 250 ms. */
    public int positions() {
        return window.positions();
    }

    /** The {@code index}-th output cell in row-major order. */
    public GridPosition position(int index) {
        return window.position(index);
    }

    /** The output cell that hovering input cell (y, x) jumps to. */
    public GridPosition outputCellFor(int inputY, int inputX) {
        return window.outputFor(inputY, inputX);
    }
}
