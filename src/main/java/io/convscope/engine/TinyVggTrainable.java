package io.convscope.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.FixedSchedule;

import java.util.Arrays;
import java.util.Random;

/**
 * Tiny VGG's parameters with a hand-written forward and backward pass for training.
 * DL4J's layer path measured about 150 s per epoch of 5,000 images on 2 cores; these loops (contiguous multiply-adds
 * that HotSpot vectorises, one workspace per thread) do the same arithmetic several times faster. The result is
 * exported as an ordinary DL4J network, and a test checks these gradients against DL4J's own.
 */
final class TinyVggTrainable {

    static final int SIZE = TinyVgg.INPUT_SIZE;
    static final int F = TinyVgg.FILTERS;
    static final int K = 3;
    /** Input channels of the four convolutions. */
    static final int[] CONV_IN = {3, F, F, F};
    /** Input side of the four convolutions: 64 -> 62 -> 60 -> pool 30 -> 28 -> 26 -> pool 13. */
    static final int[] CONV_SIDE = {64, 62, 30, 28};

    static final int POOLED = 13;
    static final int FLAT = F * POOLED * POOLED;

    private static final ForwardKernels.Window VALID_3X3 = new ForwardKernels.Window(K, K, 1, 1, 1, 1, 0, 0);

    final int classes;
    /** Parameters in a fixed order: conv W and b for the four convolutions, then dense W ([out][in]) and b. */
    final float[][] params;

    private TinyVggTrainable(int classes, float[][] params) {
        this.classes = classes;
        this.params = params;
    }

    /** Glorot-uniform weights and zero biases, like Keras and DL4J's XAVIER_UNIFORM. */
    static TinyVggTrainable initialise(long seed, int classes) {
        Random rng = new Random(seed);
        float[][] p = new float[10][];
        for (int l = 0; l < 4; l++) {
            int fanIn = CONV_IN[l] * K * K;
            int fanOut = F * K * K;
            p[2 * l] = glorot(rng, F * CONV_IN[l] * K * K, fanIn, fanOut);
            p[2 * l + 1] = new float[F];
        }
        p[8] = glorot(rng, classes * FLAT, FLAT, classes);
        p[9] = new float[classes];
        return new TinyVggTrainable(classes, p);
    }

    private static float[] glorot(Random rng, int n, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }

    static TinyVggTrainable of(float[][] params, int classes) {
        return new TinyVggTrainable(classes, params);
    }

    /** The same parameters as a DL4J network (layer order of {@link TinyVgg}). */
    MultiLayerNetwork toDl4j(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(seed, classes, new FixedSchedule(1e-3), 0));
        net.init();
        int[] convLayers = {0, 2, 5, 7};
        for (int l = 0; l < 4; l++) {
            net.getLayer(convLayers[l])
                    .setParam("W", Nd4j.create(params[2 * l], new long[] {F, CONV_IN[l], K, K}, 'c'));
            net.getLayer(convLayers[l]).setParam("b", Nd4j.create(params[2 * l + 1], new long[] {1, F}, 'c'));
        }
        float[] w = new float[FLAT * classes]; // DL4J: [in][out]
        for (int o = 0; o < classes; o++) {
            for (int i = 0; i < FLAT; i++) {
                w[i * classes + o] = params[8][o * FLAT + i];
            }
        }
        net.getLayer(10).setParam("W", Nd4j.create(w, new long[] {FLAT, classes}, 'c'));
        net.getLayer(10).setParam("b", Nd4j.create(params[9], new long[] {1, classes}, 'c'));
        return net;
    }

    /** Per-thread buffers: activations of one image and gradient accumulators for a batch. */
    final class Workspace {
        final float[][] z = new float[4][]; // convolution outputs
        final float[][] a = new float[4][]; // after ReLU
        final float[] p1 = new float[F * 30 * 30];
        final int[] p1Index = new int[F * 30 * 30];
        final float[] p2 = new float[FLAT];
        final int[] p2Index = new int[FLAT];
        final float[] logits = new float[classes];
        final float[] probabilities = new float[classes];
        final float[][] dz = new float[4][];
        final float[][] da = new float[4][];
        final float[] dp1 = new float[F * 30 * 30];
        final float[] dp2 = new float[FLAT];
        /** Partial sums of conv weight gradients, one line per (o, c, ky, kx), reduced once per batch. */
        final float[][][] col = new float[4][][];

        final float[] line = new float[62 * 62];
        final float[][] dzLines = new float[F][62 * 62];
        final float[][] grads = new float[10][];
        double loss;
        int correct;

        Workspace() {
            for (int l = 0; l < 4; l++) {
                int out = CONV_SIDE[l] - 2;
                z[l] = new float[F * out * out];
                a[l] = new float[F * out * out];
                dz[l] = new float[F * out * out];
                da[l] = new float[F * out * out];
                col[l] = new float[CONV_IN[l] * K * K][out * out];
            }
            for (int i = 0; i < 10; i++) {
                grads[i] = new float[params[i].length];
            }
        }

        private final float[] dLogits = new float[classes];

        void reset() {
            for (float[] g : grads) {
                Arrays.fill(g, 0f);
            }
            loss = 0;
            correct = 0;
        }

        /** Forward and backward for one labelled image, adding {@code scale} x gradient to the accumulators. */
        void accumulate(float[] x, int label, float scale) {
            accumulate(x, label, 0, scale);
        }

        /** The same with label smoothing ({@link CrossEntropy}). */
        void accumulate(float[] x, int label, double labelSmoothing, float scale) {
            forward(x);
            loss += CrossEntropy.lossAndGradient(logits, label, labelSmoothing, scale, dLogits);
            if (CrossEntropy.argmax(logits) == label) {
                correct++;
            }
            Arrays.fill(dp2, 0f);
            float[] w = params[8];
            for (int o = 0; o < classes; o++) {
                float g = dLogits[o];
                grads[9][o] += g;
                int base = o * FLAT;
                for (int i = 0; i < FLAT; i++) {
                    grads[8][base + i] += g * p2[i];
                    dp2[i] += g * w[base + i];
                }
            }
            Arrays.fill(da[3], 0f);
            for (int i = 0; i < FLAT; i++) {
                da[3][p2Index[i]] += dp2[i];
            }
            reluBackward(3);
            Arrays.fill(da[2], 0f);
            convBackward(3, da[2]);
            reluBackward(2);
            Arrays.fill(dp1, 0f);
            convBackward(2, dp1);
            Arrays.fill(da[1], 0f);
            for (int i = 0; i < dp1.length; i++) {
                da[1][p1Index[i]] += dp1[i];
            }
            reluBackward(1);
            Arrays.fill(da[0], 0f);
            convBackward(1, da[0]);
            reluBackward(0);
            convBackward(0, null);
        }

        void forward(float[] x) {
            conv(0, x, z[0]);
            relu(z[0], a[0]);
            conv(1, a[0], z[1]);
            relu(z[1], a[1]);
            maxPool(a[1], 60, p1, p1Index);
            conv(2, p1, z[2]);
            relu(z[2], a[2]);
            conv(3, a[2], z[3]);
            relu(z[3], a[3]);
            maxPool(a[3], 26, p2, p2Index);
            ForwardKernels.dense(p2, params[8], params[9], logits);
            System.arraycopy(logits, 0, probabilities, 0, classes);
            ActivationFunction.softmaxInPlace(probabilities);
        }

        /** Unfolds the input into col[l] (kept for the backward pass) and multiplies it by the kernels. */
        private void conv(int l, float[] in, float[] out) {
            int side = CONV_SIDE[l];
            int plane = (side - 2) * (side - 2);
            int taps = CONV_IN[l] * K * K;
            ForwardKernels.unfold(in, CONV_IN[l], side, side, VALID_3X3, side - 2, side - 2, col[l]);
            float[] w = params[2 * l];
            float[] b = params[2 * l + 1];
            for (int o = 0; o < F; o++) {
                Arrays.fill(line, 0, plane, b[o]);
                for (int k = 0; k < taps; k++) {
                    ForwardKernels.multiplyAdd(line, col[l][k], w[o * taps + k], plane);
                }
                System.arraycopy(line, 0, out, o * plane, plane);
            }
        }

        private void reluBackward(int l) {
            float[] zl = z[l];
            float[] dal = da[l];
            float[] dzl = dz[l];
            for (int i = 0; i < zl.length; i++) {
                dzl[i] = zl[i] > 0 ? dal[i] : 0f;
            }
        }

        /** Gradients of conv {@code l} from dz[l]: weights and bias, and its input's when {@code dIn} is given. */
        private void convBackward(int l, float[] dIn) {
            int side = CONV_SIDE[l];
            int out = side - 2;
            int plane = out * out;
            int taps = CONV_IN[l] * K * K;
            float[] d = dz[l];
            float[] w = params[2 * l];
            float[] dw = grads[2 * l];
            float[] db = grads[2 * l + 1];
            for (int o = 0; o < F; o++) {
                float sum = 0;
                for (int i = o * plane; i < (o + 1) * plane; i++) {
                    sum += d[i];
                }
                db[o] += sum;
                for (int k = 0; k < taps; k++) {
                    dw[o * taps + k] += ForwardKernels.dot(d, o * plane, col[l][k], plane);
                }
            }
            if (dIn == null) {
                return;
            }
            for (int o = 0; o < F; o++) {
                System.arraycopy(d, o * plane, dzLines[o], 0, plane);
            }
            // d col[k] = sum_o w[o][k] dz[o], then scatter back to where im2col read it from (col2im).
            int k = 0;
            for (int c = 0; c < CONV_IN[l]; c++) {
                for (int ky = 0; ky < K; ky++) {
                    for (int kx = 0; kx < K; kx++, k++) {
                        Arrays.fill(line, 0, plane, 0f);
                        for (int o = 0; o < F; o++) {
                            ForwardKernels.multiplyAdd(line, dzLines[o], w[o * taps + k], plane);
                        }
                        for (int oy = 0; oy < out; oy++) {
                            int rb = (c * side + oy + ky) * side + kx;
                            int lb = oy * out;
                            for (int ox = 0; ox < out; ox++) {
                                dIn[rb + ox] += line[lb + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void relu(float[] in, float[] out) {
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] > 0 ? in[i] : 0f;
        }
    }

    /** 2x2 max pooling, stride 2, remembering which input won (ties: the first, like ND4J). */
    private static void maxPool(float[] in, int side, float[] out, int[] index) {
        int half = side / 2;
        for (int c = 0; c < F; c++) {
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    int i00 = (c * side + 2 * y) * side + 2 * x;
                    int best = i00;
                    if (in[i00 + 1] > in[best]) {
                        best = i00 + 1;
                    }
                    if (in[i00 + side] > in[best]) {
                        best = i00 + side;
                    }
                    if (in[i00 + side + 1] > in[best]) {
                        best = i00 + side + 1;
                    }
                    int o = (c * half + y) * half + x;
                    out[o] = in[best];
                    index[o] = best;
                }
            }
        }
    }
}
