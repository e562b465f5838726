package io.convscope.explain;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a small network layer by layer together with its activations, from a plain reference forward pass written
 * straight from the definitions (cross-correlation with zero padding, ReLU, max/mean over in-input window cells,
 * channel-major flatten, dense, softmax), so the explanation tests need neither DL4J nor the engine and never use
 * the classes under test to compute what they expect. Sums run in double and are stored as float, like the engine.
 */
public final class ReferenceNetwork {

    private final Random random;
    private final List<LayerDescription> layers = new ArrayList<>();
    private final Map<String, LayerWeights> weights = new HashMap<>();
    private final List<LayerActivation> activations = new ArrayList<>();

    private ReferenceNetwork(Shape shape, float[] values, Random random) {
        this.random = random;
        add(LayerDescription.elementwise("input", LayerKind.INPUT, shape, shape, "identity", 0), values);
    }

    /** An input of random values in [0, 1), like a normalised image. */
    public static ReferenceNetwork input(Shape shape, long seed) {
        Random random = new Random(seed);
        float[] values = new float[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new ReferenceNetwork(shape, values, random);
    }

    /** An input of given values, channel-major. */
    public static ReferenceNetwork input(Shape shape, float... values) {
        return new ReferenceNetwork(shape, values.clone(), new Random(1));
    }

    /** 12×12×3 → conv 3×3 → relu → conv 3×3 → relu → max pool 2×2 → flatten (80) → 4 classes: Tiny VGG's first block. */
    public static ActivationSnapshot tinyVgg(long seed) {
        Window three = new Window(3, 3);
        Window one = new Window(1, 1);
        Window two = new Window(2, 2);
        return input(new Shape(3, 12, 12), seed)
                .convolution("conv_1_1", 5, three, one, Padding.NONE)
                .relu("relu_1_1")
                .convolution("conv_1_2", 5, three, one, Padding.NONE)
                .relu("relu_1_2")
                .pool("max_pool_1", LayerKind.MAX_POOL, two, two, Padding.NONE)
                .flatten()
                .output("output", 4);
    }

    /**
     * Strides, padding and non-square kernels: 17×17×2 → conv 5×5 stride 2 pad 1 (8×8×3) → relu → max pool 3×3
     * stride 2 pad 1 (4×4) → conv 2×3 stride (1, 2) pad 1 (5×2×4) → relu → average pool 3×3 stride 2 pad 1 (3×1)
     * → flatten (12) → 3 classes.
     */
    public static ActivationSnapshot strided(long seed) {
        Padding one = new Padding(1, 1, 1, 1);
        Window three = new Window(3, 3);
        Window two = new Window(2, 2);
        return input(new Shape(2, 17, 17), seed)
                .convolution("conv_a", 3, new Window(5, 5), two, one)
                .relu("relu_a")
                .pool("max_pool_a", LayerKind.MAX_POOL, three, two, one)
                .convolution("conv_b", 4, new Window(2, 3), new Window(1, 2), one)
                .relu("relu_b")
                .pool("avg_pool_b", LayerKind.AVERAGE_POOL, three, two, one)
                .flatten()
                .output("output", 3);
    }

    private Shape shape() {
        return activations.get(activations.size() - 1).shape();
    }

    private LayerActivation last() {
        return activations.get(activations.size() - 1);
    }

    private void add(LayerDescription layer, float[] values) {
        layers.add(layer);
        activations.add(new LayerActivation(layer.outputShape(), values));
    }

    /** Random weights and biases in [-1, 1). */
    public ReferenceNetwork convolution(String name, int outputs, Window kernel, Window stride, Padding padding) {
        int inputs = shape().channels();
        float[] w = randomValues(outputs * inputs * kernel.height() * kernel.width());
        return convolution(
                name,
                new LayerWeights(outputs, inputs, kernel.height(), kernel.width(), w, randomValues(outputs)),
                stride,
                padding);
    }

    public ReferenceNetwork convolution(String name, LayerWeights w, Window stride, Padding padding) {
        Shape in = shape();
        Window kernel = new Window(w.kernelHeight(), w.kernelWidth());
        Shape out = new Shape(
                w.outputs(),
                outputSize(in.height(), kernel.height(), stride.height(), padding.top(), padding.bottom()),
                outputSize(in.width(), kernel.width(), stride.width(), padding.left(), padding.right()));
        LayerActivation x = last();
        float[] y = new float[out.size()];
        for (int o = 0; o < out.channels(); o++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double acc = w.bias(o);
                    for (int c = 0; c < in.channels(); c++) {
                        for (int ky = 0; ky < kernel.height(); ky++) {
                            for (int kx = 0; kx < kernel.width(); kx++) {
                                int iy = oy * stride.height() + ky - padding.top();
                                int ix = ox * stride.width() + kx - padding.left();
                                if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                    acc += (double) x.value(c, iy, ix) * w.weight(o, c, ky, kx);
                                }
                            }
                        }
                    }
                    y[(o * out.height() + oy) * out.width() + ox] = (float) acc;
                }
            }
        }
        weights.put(name, w);
        add(new LayerDescription(name, LayerKind.CONVOLUTION, in, out, kernel, stride, padding, "identity", 0), y);
        return this;
    }

    public ReferenceNetwork relu(String name) {
        float[] x = last().toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
        add(LayerDescription.elementwise(name, LayerKind.ACTIVATION, shape(), shape(), "relu", 0), x);
        return this;
    }

    public ReferenceNetwork pool(String name, LayerKind kind, Window window, Window stride, Padding padding) {
        Shape in = shape();
        Shape out = new Shape(
                in.channels(),
                outputSize(in.height(), window.height(), stride.height(), padding.top(), padding.bottom()),
                outputSize(in.width(), window.width(), stride.width(), padding.left(), padding.right()));
        LayerActivation x = last();
        float[] y = new float[out.size()];
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < window.height(); ky++) {
                        for (int kx = 0; kx < window.width(); kx++) {
                            int iy = oy * stride.height() + ky - padding.top();
                            int ix = ox * stride.width() + kx - padding.left();
                            if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                max = Math.max(max, x.value(c, iy, ix));
                                sum += x.value(c, iy, ix);
                                count++;
                            }
                        }
                    }
                    y[(c * out.height() + oy) * out.width() + ox] =
                            (float) (kind == LayerKind.MAX_POOL ? max : sum / count);
                }
            }
        }
        add(new LayerDescription(name, kind, in, out, window, stride, padding, "identity", 0), y);
        return this;
    }

    public ReferenceNetwork flatten() {
        Shape in = shape();
        add(
                LayerDescription.elementwise("flatten", LayerKind.FLATTEN, in, Shape.vector(in.size()), "identity", 0),
                last().toArray());
        return this;
    }

    /** A dense output layer with random weights; its activation is the logits, as the engine keeps them. */
    public ActivationSnapshot output(String name, int classes) {
        Shape in = shape();
        LayerWeights w =
                new LayerWeights(classes, in.size(), 1, 1, randomValues(classes * in.size()), randomValues(classes));
        float[] logits = new float[classes];
        for (int k = 0; k < classes; k++) {
            double acc = w.bias(k);
            for (int i = 0; i < in.size(); i++) {
                acc += (double) last().value(i) * w.weight(k, i);
            }
            logits[k] = (float) acc;
        }
        weights.put(name, w);
        add(
                LayerDescription.elementwise(name, LayerKind.OUTPUT, in, Shape.vector(classes), "softmax", 0),
                logits.clone());
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class_" + k);
        }
        NetworkDescription network = new NetworkDescription("reference", names, layers, weights);
        return new ActivationSnapshot(network, activations, logits, softmax(logits));
    }

    public static float[] softmax(float[] logits) {
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l);
        }
        float[] p = new float[logits.length];
        for (int k = 0; k < logits.length; k++) {
            p[k] = (float) (Math.exp(logits[k]) / sum);
        }
        return p;
    }

    private static int outputSize(int input, int window, int stride, int padBefore, int padAfter) {
        return (input + padBefore + padAfter - window) / stride + 1;
    }

    private float[] randomValues(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** Indices of the layers of {@code kind} in {@code snapshot}'s network. */
    public static List<Integer> layersOf(ActivationSnapshot snapshot, LayerKind kind) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < snapshot.layerCount(); i++) {
            if (snapshot.network().layer(i).kind() == kind) {
                found.add(i);
            }
        }
        return found;
    }
}
