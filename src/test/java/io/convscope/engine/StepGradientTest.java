package io.convscope.engine;

import io.convscope.engine.runtime.ActivationFunction;
import io.convscope.engine.runtime.BatchPass;
import io.convscope.engine.runtime.Detection;
import io.convscope.engine.runtime.ElementwiseSteps;
import io.convscope.engine.runtime.ForwardKernels;
import io.convscope.engine.runtime.LayoutSteps;
import io.convscope.engine.runtime.LinearSteps;
import io.convscope.engine.runtime.NormalisationSteps;
import io.convscope.engine.runtime.PoolingSteps;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.convscope.engine.GradientCheck.check;
import static io.convscope.engine.GradientCheck.checkTraining;
import static io.convscope.engine.GradientCheck.randomFloats;

/** Every step kind's backward against central differences of its double-precision reference (see GradientCheck). */
class StepGradientTest {

    private static ForwardKernels.Window window(int kh, int kw, int sh, int sw, int dh, int dw, int pt, int pl) {
        return new ForwardKernels.Window(kh, kw, sh, sw, dh, dw, pt, pl);
    }

    @Test
    void convolutionWithAnyKernelStridePaddingAndDilation() {
        convolution("3x3", 3, 7, 8, 4, window(3, 3, 1, 1, 1, 1, 0, 0), 5, 6);
        convolution("5x4 stride 2 padded dilated", 2, 11, 9, 3, window(5, 4, 2, 1, 1, 2, 2, 1), 6, 4);
        convolution("1x1", 4, 5, 5, 2, window(1, 1, 1, 1, 1, 1, 0, 0), 5, 5);
        convolution("3x3 stride 3, padding past the edge", 2, 8, 8, 3, window(3, 3, 3, 3, 1, 1, 1, 1), 3, 3);
        // Stride 1 takes the input gradient as a correlation of the padded output gradient: padding and dilation
        // move where the gradient lands, and padding wider than the kernel leaves output rows that read only zeros.
        convolution("3x2 stride 1 padded dilated", 2, 7, 6, 3, window(3, 2, 1, 1, 2, 1, 2, 1), 7, 7);
        convolution("2x2 stride 1, padding past the kernel", 2, 5, 5, 2, window(2, 2, 1, 1, 1, 1, 2, 2), 6, 6);
        // Unpadded stride 1 also runs forward in the wide layout, in chunks of positions that cut rows.
        convolution("3x2 stride 1 dilated, unpadded", 3, 9, 8, 2, window(3, 2, 1, 1, 2, 3, 0, 0), 5, 5);
        convolution("3x3 over 40 x 30, unpadded", 2, 40, 30, 3, window(3, 3, 1, 1, 1, 1, 0, 0), 38, 28);
    }

    private static void convolution(
            String what, int c, int h, int w, int out, ForwardKernels.Window win, int oh, int ow) {
        float[] weights = randomFloats(out * c * win.kernelH() * win.kernelW(), 1);
        var step = LinearSteps.Convolution.of(
                new Shape(c, h, w), new Shape(out, oh, ow), weights, randomFloats(out, 2), win);
        check(
                "convolution " + what,
                step,
                new float[][] {randomFloats(c * h * w, 3)},
                (in, p) -> ReferenceSteps.convolution(in[0], c, h, w, p[0], p[1], out, win, oh, ow),
                2);
    }

    /**
     * A batch's convolution gradients (grouped images, chunked positions: {@code backwardImages}) equal the sums of
     * the single-image backward passes the finite differences check; 9 images of 36 taps x 14,400 positions span
     * several groups and chunks.
     */
    @Test
    void convolutionOverABatchEqualsTheSumOfItsImages() {
        batchOfImages(window(3, 3, 1, 1, 1, 1, 1, 1), 120);
        batchOfImages(window(3, 3, 1, 1, 1, 1, 0, 0), 118); // unpadded: chunks of the wide layout, cutting rows
    }

    private static void batchOfImages(ForwardKernels.Window win, int outSize) {
        var step = LinearSteps.Convolution.of(
                new Shape(4, 120, 120),
                new Shape(3, outSize, outSize),
                randomFloats(108, 50),
                randomFloats(3, 51),
                win);
        int n = 9;
        float[][][] in = new float[n][][];
        float[][] out = new float[n][];
        float[][] dy = new float[n][];
        float[][] sums = BatchPass.zerosLike(step.parameters());
        float[][][] single = new float[n][][];
        for (int i = 0; i < n; i++) {
            in[i] = new float[][] {randomFloats(4 * 120 * 120, 60 + i)};
            out[i] = step.forward(in[i]);
            dy[i] = randomFloats(out[i].length, 80 + i);
            single[i] = step.backward(in[i], out[i], dy[i], sums);
        }
        float[][] batched = BatchPass.zerosLike(step.parameters());
        float[][][] dx = new float[n][][];
        step.backwardImages(in, out, dy, dx, batched, true);
        for (int p = 0; p < sums.length; p++) {
            GradientCheck.compare("batched parameter " + p, toDouble(sums[p]), batched[p]);
        }
        for (int i = 0; i < n; i++) {
            GradientCheck.compare("batched input " + i, toDouble(single[i][0]), dx[i][0]);
        }
    }

    private static double[] toDouble(float[] v) {
        return GradientCheck.toDouble(new float[][] {v})[0];
    }

    @Test
    void depthwise() {
        ForwardKernels.Window win = window(3, 2, 2, 1, 1, 1, 1, 0);
        int c = 3;
        int m = 2;
        var step = new LinearSteps.Depthwise(
                new Shape(c, 7, 6), new Shape(c * m, 4, 5), randomFloats(c * m * 6, 4), win, m);
        check(
                "depthwise",
                step,
                new float[][] {randomFloats(c * 7 * 6, 5)},
                (in, p) -> ReferenceSteps.depthwise(in[0], c, 7, 6, p[0], m, win, 4, 5),
                1);
    }

    @Test
    void dense() {
        var step = LinearSteps.Dense.of(13, 5, randomFloats(65, 6), randomFloats(5, 7));
        check(
                "dense",
                step,
                new float[][] {randomFloats(13, 8)},
                (in, p) -> ReferenceSteps.dense(in[0], p[0], p[1]),
                2);
    }

    @Test
    void everyActivation() {
        for (ActivationFunction f : ActivationFunction.values()) {
            double alpha = f == ActivationFunction.LEAKY_RELU ? 0.2 : 0;
            float[] x = randomFloats(40, 9);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 4; // reaches ReLU6's upper kink
            }
            check(
                    "activation " + f,
                    new ElementwiseSteps.Activation(f, alpha),
                    new float[][] {x},
                    (in, p) -> ReferenceSteps.activation(f, alpha, in[0]),
                    0);
        }
    }

    @Test
    void maxAndAveragePooling() {
        pooling("max 2x2", window(2, 2, 2, 2, 1, 1, 0, 0), true, false, 4, 4);
        pooling("max 3x3 stride 2 padded", window(3, 3, 2, 2, 1, 1, 1, 1), true, false, 4, 4);
        pooling("average 2x2", window(2, 2, 2, 2, 1, 1, 0, 0), false, false, 4, 4);
        pooling("average 3x3 padded, padding counted", window(3, 3, 2, 2, 1, 1, 1, 1), false, true, 4, 4);
        pooling("average 3x3 padded, padding not counted", window(3, 3, 2, 2, 1, 1, 1, 1), false, false, 4, 4);
    }

    private static void pooling(
            String what, ForwardKernels.Window win, boolean max, boolean padInDivisor, int oh, int ow) {
        int c = 3;
        var step = new PoolingSteps.Pooling(new Shape(c, 8, 8), new Shape(c, oh, ow), win, max, padInDivisor);
        check(
                "pooling " + what,
                step,
                new float[][] {randomFloats(c * 64, 10)},
                (in, p) -> ReferenceSteps.pool(in[0], c, 8, 8, win, max, padInDivisor, oh, ow),
                0);
    }

    @Test
    void globalPooling() {
        for (boolean max : new boolean[] {true, false}) {
            check(
                    "global pooling " + (max ? "max" : "average"),
                    new PoolingSteps.GlobalPooling(4, 9, max),
                    new float[][] {randomFloats(36, 11)},
                    (in, p) -> ReferenceSteps.globalPool(in[0], 4, 9, max),
                    0);
        }
    }

    @Test
    void batchNormAtInference() {
        var step = batchNorm(3, 10);
        check(
                "batch norm (inference)",
                step,
                new float[][] {randomFloats(30, 12)},
                (in, p) -> ReferenceSteps.batchNorm(in[0], 3, 10, p[0], p[1], p[2], p[3], step.eps()),
                2);
    }

    @Test
    void batchNormInTraining() {
        var step = batchNorm(3, 4);
        float[][] batch = {randomFloats(12, 13), randomFloats(12, 14), randomFloats(12, 15)};
        checkTraining(
                "batch norm (training)",
                step,
                batch,
                new float[][] {step.gamma(), step.beta()},
                (in, p) -> ReferenceSteps.batchNormTraining(in, 3, 4, p[0], p[1], step.eps()),
                2);
    }

    private static NormalisationSteps.BatchNorm batchNorm(int channels, int plane) {
        float[] var = randomFloats(channels, 16);
        for (int i = 0; i < channels; i++) {
            var[i] = 0.5f + var[i] * var[i];
        }
        return new NormalisationSteps.BatchNorm(
                channels,
                plane,
                randomFloats(channels, 17),
                randomFloats(channels, 18),
                randomFloats(channels, 19),
                var,
                1e-3,
                0.9);
    }

    @Test
    void dropoutInTrainingWithItsSeededMask() {
        var step = new ElementwiseSteps.Dropout(0.7);
        float[][] ones = {new float[20], new float[20]};
        Arrays.fill(ones[0], 1f);
        Arrays.fill(ones[1], 1f);
        float[][] mask = step.forwardTraining(ones, 5); // 0 or 1 / 0.7, as the seed draws it
        checkTraining(
                "dropout (training)",
                step,
                new float[][] {randomFloats(20, 20), randomFloats(20, 21)},
                new float[0][],
                (in, p) -> {
                    double[][] y = new double[in.length][20];
                    for (int n = 0; n < in.length; n++) {
                        for (int i = 0; i < 20; i++) {
                            y[n][i] = in[n][i] * mask[n][i];
                        }
                    }
                    return y;
                },
                0);
        check("dropout (inference)", step, new float[][] {randomFloats(20, 22)}, (in, p) -> in[0], 0);
    }

    @Test
    void flattenScaleAndPadding() {
        check("flatten", new ElementwiseSteps.Identity(), new float[][] {randomFloats(18, 23)}, (in, p) -> in[0], 0);
        check(
                "scale",
                new ElementwiseSteps.Scale(0.3f),
                new float[][] {randomFloats(18, 24)},
                (in, p) -> Arrays.stream(in[0]).map(v -> v * 0.3f).toArray(),
                0);
        check(
                "zero padding",
                new LayoutSteps.ZeroPadding(new Shape(2, 3, 4), new Shape(2, 6, 5), 1, 0),
                new float[][] {randomFloats(24, 25)},
                (in, p) -> ReferenceSteps.zeroPad(in[0], 2, 3, 4, 1, 0, 6, 5),
                0);
        check(
                "upsampling",
                new LayoutSteps.Upsample(new Shape(2, 3, 4), new Shape(2, 6, 12), 2, 3),
                new float[][] {randomFloats(24, 26)},
                (in, p) -> ReferenceSteps.upsample(in[0], 2, 3, 4, 2, 3),
                0);
    }

    @Test
    void spaceToDepth() {
        Shape in = new Shape(3, 4, 6);
        Shape out = new Shape(12, 2, 3);
        LayerDescription d = new LayerDescription(
                "passthrough",
                LayerKind.SPACE_TO_DEPTH,
                in,
                out,
                new LayerDescription.Window(2, 2),
                new LayerDescription.Window(2, 2),
                LayerDescription.Padding.NONE,
                "identity",
                0);
        check(
                "space to depth",
                new LayoutSteps.SpaceToDepth(d, 2),
                new float[][] {GradientCheck.randomFloats(in.size(), 35)},
                (x, p) -> {
                    // Output channel (dy * 2 + dx) * 3 + c holds channel c's cell (2y + dy, 2x + dx).
                    double[] y = new double[out.size()];
                    for (int oc = 0; oc < 12; oc++) {
                        int c = oc % 3;
                        int dy = oc / 3 / 2;
                        int dx = oc / 3 % 2;
                        for (int oy = 0; oy < 2; oy++) {
                            for (int ox = 0; ox < 3; ox++) {
                                y[(oc * 2 + oy) * 3 + ox] = x[0][(c * 4 + 2 * oy + dy) * 6 + 2 * ox + dx];
                            }
                        }
                    }
                    return y;
                },
                0);
    }

    @Test
    void additionAndTheOtherMergesAndConcatenation() {
        for (ElementwiseSteps.Op op : ElementwiseSteps.Op.values()) {
            int inputs = op == ElementwiseSteps.Op.SUBTRACT ? 2 : 3;
            float[][] x = new float[inputs][];
            for (int k = 0; k < inputs; k++) {
                x[k] = randomFloats(15, 27 + k);
            }
            check("merge " + op, new ElementwiseSteps.Combine(op), x, (in, p) -> combine(op, in), 0);
        }
        check(
                "concatenation",
                new ElementwiseSteps.Concatenation(10 + 6),
                new float[][] {randomFloats(10, 30), randomFloats(6, 31)},
                (in, p) -> {
                    double[] y = Arrays.copyOf(in[0], 16);
                    System.arraycopy(in[1], 0, y, 10, 6);
                    return y;
                },
                0);
    }

    private static double[] combine(ElementwiseSteps.Op op, double[][] in) {
        double[] y = in[0].clone();
        for (int i = 0; i < y.length; i++) {
            for (int k = 1; k < in.length; k++) {
                y[i] = switch (op) {
                    case ADD, AVERAGE -> y[i] + in[k][i];
                    case SUBTRACT -> y[i] - in[k][i];
                    case PRODUCT -> y[i] * in[k][i];
                    case MAX -> Math.max(y[i], in[k][i]);
                };
            }
            if (op == ElementwiseSteps.Op.AVERAGE) {
                y[i] /= in.length;
            }
        }
        return y;
    }

    @Test
    void localResponseL2AndDetection() {
        check(
                "local response normalisation",
                new NormalisationSteps.LocalResponse(5, 4, 2, 3, 1e-1, 0.75),
                new float[][] {randomFloats(20, 32)},
                (in, p) -> ReferenceSteps.localResponse(in[0], 5, 4, 2, 3, 1e-1, 0.75),
                0);
        check(
                "L2 normalisation",
                new NormalisationSteps.L2Normalize(1e-8),
                new float[][] {randomFloats(12, 33)},
                (in, p) -> ReferenceSteps.l2Normalize(in[0], 1e-8),
                0);
        float[] priors = {1.5f, 2f, 0.5f, 0.8f};
        check(
                "detection",
                new Detection(priors, 8, 6),
                new float[][] {randomFloats(2 * 8 * 6, 34)},
                (in, p) -> ReferenceSteps.detection(in[0], new double[] {1.5, 2, 0.5, 0.8}, 8, 6),
                0);
    }
}
