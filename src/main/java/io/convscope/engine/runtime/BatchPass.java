package io.convscope.engine.runtime;

import io.convscope.network.PassMode;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * One forward pass over a batch with every layer's output kept, and the backward passes from it: step by step in
 * topological order (backwards in reverse), each step's images spread over the cores. A layer read by several
 * (a graph's fan-out) receives the sum of their gradients.
 */
public final class BatchPass {

    private static final Runnable NOTHING = () -> {};

    private final List<Step> steps;
    private final int[][] inputs;
    private final PassMode mode;
    private final long seed;
    /** {@code [layer][image]}, up to the last layer run. */
    public final float[][][] values;

    private final int images;
    private final int threads;
    /** Run after each layer of the forward pass and of every backward pass: the caller's chance to stop between them. */
    private final Runnable afterLayer;

    /**
     * @param steps  step of description layer {@code i} at {@code i - 1}
     * @param inputs for each description layer, the layers it reads
     * @param last   the last description layer to compute
     */
    public BatchPass(List<Step> steps, int[][] inputs, float[][] batch, PassMode mode, long seed, int last) {
        this(steps, inputs, batch, mode, seed, last, NOTHING);
    }

    /**
     * The forward pass, running {@code afterLayer} after each layer (and after each layer of the backward passes from
     * it); whatever it throws stops the pass there.
     */
    public BatchPass(
            List<Step> steps,
            int[][] inputs,
            float[][] batch,
            PassMode mode,
            long seed,
            int last,
            Runnable afterLayer) {
        this.steps = steps;
        this.afterLayer = afterLayer;
        this.inputs = inputs;
        this.mode = mode;
        this.seed = seed;
        this.images = batch.length;
        this.threads = Math.max(1, Math.min(images, Runtime.getRuntime().availableProcessors()));
        this.values = new float[last + 1][][];
        values[0] = batch;
        for (int layer = 1; layer <= last; layer++) {
            Step step = steps.get(layer - 1);
            int[] from = inputs[layer];
            if (mode == PassMode.TRAINING && step instanceof TrainingStep t) {
                values[layer] = t.forwardTraining(values[from[0]], layerSeed(layer));
            } else {
                float[][] out = new float[images][];
                eachImage(n -> out[n] = step.forward(gather(from, n)));
                values[layer] = out;
            }
            afterLayer.run();
        }
    }

    /** A pass whose forward values are already known ({@code [layer][image]}), e.g. a snapshot's, at inference. */
    public BatchPass(List<Step> steps, int[][] inputs, float[][][] known) {
        this(steps, inputs, known, NOTHING);
    }

    /** {@link #BatchPass(List, int[][], float[][][])}, running {@code afterLayer} after each layer of a backward pass. */
    public BatchPass(List<Step> steps, int[][] inputs, float[][][] known, Runnable afterLayer) {
        this.steps = steps;
        this.afterLayer = afterLayer;
        this.inputs = inputs;
        this.mode = PassMode.INFERENCE;
        this.seed = 0;
        this.images = known[0].length;
        this.threads = Math.max(1, Math.min(images, Runtime.getRuntime().availableProcessors()));
        this.values = known;
    }

    /**
     * Backward from layer {@code seeded}, whose output gradient per image is {@code seedGradient}; returns the
     * gradient of every layer up to it ({@code [layer][image]}, null for layers it does not depend on) and adds the
     * parameter gradients into {@code parameterGradients[layer]} (each aligned with that step's parameters) unless
     * the whole array is null. Without {@code inputGradient} the input's gradient may be left out (training).
     */
    public float[][][] backward(
            int seeded, float[][] seedGradient, float[][][] parameterGradients, boolean inputGradient) {
        float[][][] grads = new float[seeded + 1][][];
        boolean[][] owned = new boolean[seeded + 1][images];
        grads[seeded] = seedGradient;
        for (int at = seeded; at >= 1; at--) {
            int layer = at;
            float[][] dy = grads[layer];
            if (dy == null) {
                afterLayer.run();
                continue;
            }
            Step step = steps.get(layer - 1);
            int[] from = inputs[layer];
            float[][] paramGrads = parameterGradients == null ? null : parameterGradients[layer];
            float[][][] dx = new float[images][][]; // [image][input]
            if (mode == PassMode.TRAINING && step instanceof TrainingStep t) {
                float[][] d = t.backwardTraining(values[from[0]], values[layer], dy, paramGrads, layerSeed(layer));
                for (int n = 0; n < images; n++) {
                    dx[n] = new float[][] {d[n]};
                }
            } else {
                // Each thread takes every threads-th image and adds into its own parameter gradients; they are summed
                // in a fixed order afterwards, so a pass gives the same numbers every time.
                boolean wantInputs = from[0] != 0 || inputGradient;
                float[][][] partial = new float[threads][][];
                eachThread(t -> {
                    int count = (images - t + threads - 1) / threads;
                    float[][][] in = new float[count][][];
                    float[][] out = new float[count][];
                    float[][] d = new float[count][];
                    for (int j = 0; j < count; j++) {
                        int n = t + j * threads;
                        in[j] = gather(from, n);
                        out[j] = values[layer][n];
                        d[j] = dy[n];
                    }
                    float[][][] mine = new float[count][][];
                    float[][] own = paramGrads == null ? null : zerosLike(paramGrads);
                    step.backwardImages(in, out, d, mine, own, wantInputs);
                    for (int j = 0; j < count; j++) {
                        dx[t + j * threads] = mine[j];
                    }
                    partial[t] = own;
                });
                if (paramGrads != null) {
                    for (float[][] p : partial) {
                        addInto(paramGrads, p);
                    }
                }
            }
            for (int k = 0; k < from.length; k++) {
                accumulate(grads, owned, from[k], dx, k);
            }
            afterLayer.run();
        }
        return grads;
    }

    /** Adds input {@code k}'s gradients into layer {@code target}'s, copying before the first addition. */
    private void accumulate(float[][][] grads, boolean[][] owned, int target, float[][][] dx, int k) {
        if (dx[0][k] == null) {
            return; // an input gradient nobody asked for
        }
        if (grads[target] == null) {
            grads[target] = new float[images][];
            for (int n = 0; n < images; n++) {
                grads[target][n] = dx[n][k]; // possibly shared with another layer's gradient: never written
            }
            return;
        }
        for (int n = 0; n < images; n++) {
            float[] sum = grads[target][n];
            if (!owned[target][n]) {
                sum = sum.clone();
                grads[target][n] = sum;
                owned[target][n] = true;
            }
            float[] add = dx[n][k];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += add[i];
            }
        }
    }

    private float[][] gather(int[] from, int image) {
        float[][] in = new float[from.length][];
        for (int k = 0; k < from.length; k++) {
            in[k] = values[from[k]][image];
        }
        return in;
    }

    private void eachImage(IntConsumer work) {
        eachThread(t -> {
            for (int n = t; n < images; n += threads) {
                work.accept(n);
            }
        });
    }

    /** Runs {@code work} for every thread index, on this thread alone when there is one (one image, attribution). */
    private void eachThread(IntConsumer work) {
        if (threads == 1) {
            work.accept(0);
        } else {
            IntStream.range(0, threads).parallel().forEach(work);
        }
    }

    /** Each layer's randomness (dropout masks) from the pass's seed. */
    private long layerSeed(int layer) {
        return seed * 1_000_003L + layer;
    }

    public static float[][] zerosLike(float[][] arrays) {
        float[][] z = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            z[i] = new float[arrays[i].length];
        }
        return z;
    }

    private static void addInto(float[][] sum, float[][] add) {
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += add[i][j];
            }
        }
    }
}
