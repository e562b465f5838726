package io.convscope.engine;

import java.util.Arrays;

/**
 * Naive double-precision versions of the compiled steps' forward arithmetic, written from the definitions (no
 * im2col, no folding), for the finite-difference checks of the backward pass: the engine's float forward must equal
 * these, and its backward must equal their central differences.
 */
final class ReferenceSteps {

    private ReferenceSteps() {}

    /** Cross-correlation with bias; {@code w [out][in][kh][kw]}; cells outside the input read 0. */
    static double[] convolution(
            double[] x,
            int c,
            int h,
            int wd,
            double[] w,
            double[] b,
            int out,
            ForwardKernels.Window win,
            int oh,
            int ow) {
        double[] y = new double[out * oh * ow];
        for (int o = 0; o < out; o++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = b[o];
                    for (int ch = 0; ch < c; ch++) {
                        for (int ky = 0; ky < win.kernelH(); ky++) {
                            for (int kx = 0; kx < win.kernelW(); kx++) {
                                int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
                                int ix = ox * win.strideW() + kx * win.dilationW() - win.padLeft();
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                    s += x[(ch * h + iy) * wd + ix]
                                            * w[((o * c + ch) * win.kernelH() + ky) * win.kernelW() + kx];
                                }
                            }
                        }
                    }
                    y[(o * oh + oy) * ow + ox] = s;
                }
            }
        }
        return y;
    }

    /** Each channel {@code ch} with its own {@code m} kernels into output channel {@code ch * m + k}, no bias. */
    static double[] depthwise(
            double[] x, int c, int h, int wd, double[] w, int m, ForwardKernels.Window win, int oh, int ow) {
        double[] y = new double[c * m * oh * ow];
        int taps = win.kernelH() * win.kernelW();
        for (int ch = 0; ch < c; ch++) {
            double[] channel = Arrays.copyOfRange(x, ch * h * wd, (ch + 1) * h * wd);
            for (int k = 0; k < m; k++) {
                double[] kernel = Arrays.copyOfRange(w, (ch * m + k) * taps, (ch * m + k + 1) * taps);
                double[] one = convolution(channel, 1, h, wd, kernel, new double[1], 1, win, oh, ow);
                System.arraycopy(one, 0, y, (ch * m + k) * oh * ow, oh * ow);
            }
        }
        return y;
    }

    static double[] dense(double[] x, double[] w, double[] b) {
        double[] y = new double[b.length];
        for (int o = 0; o < y.length; o++) {
            y[o] = b[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += w[o * x.length + i] * x[i];
            }
        }
        return y;
    }

    static double[] activation(ActivationFunction f, double alpha, double[] x) {
        double[] y = new double[x.length];
        if (f == ActivationFunction.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.exp(x[i] - max);
                sum += y[i];
            }
            for (int i = 0; i < x.length; i++) {
                y[i] /= sum;
            }
            return y;
        }
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = switch (f) {
                case IDENTITY -> v;
                case RELU -> Math.max(0, v);
                case RELU6 -> Math.min(6, Math.max(0, v));
                case LEAKY_RELU -> v > 0 ? v : alpha * v;
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case TANH -> Math.tanh(v);
                case SOFTMAX -> throw new AssertionError();
            };
        }
        return y;
    }

    static double[] pool(
            double[] x,
            int c,
            int h,
            int wd,
            ForwardKernels.Window win,
            boolean max,
            boolean padInDivisor,
            int oh,
            int ow) {
        double[] y = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ky = 0; ky < win.kernelH(); ky++) {
                        for (int kx = 0; kx < win.kernelW(); kx++) {
                            int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
                            int ix = ox * win.strideW() + kx * win.dilationW() - win.padLeft();
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                double v = x[(ch * h + iy) * wd + ix];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                    }
                    y[(ch * oh + oy) * ow + ox] =
                            max ? acc : acc / (padInDivisor ? win.kernelH() * win.kernelW() : count);
                }
            }
        }
        return y;
    }

    static double[] globalPool(double[] x, int c, int plane, boolean max) {
        double[] y = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                acc = max ? Math.max(acc, x[i]) : acc + x[i];
            }
            y[ch] = max ? acc : acc / plane;
        }
        return y;
    }

    /** {@code gamma (x - mean) / sqrt(var + eps) + beta} per channel with the given statistics. */
    static double[] batchNorm(
            double[] x, int c, int plane, double[] gamma, double[] beta, double[] mean, double[] var, double eps) {
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                y[i] = gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + eps) + beta[ch];
            }
        }
        return y;
    }

    /** Training-mode batch norm over a batch: each channel's mean and biased variance over all images. */
    static double[][] batchNormTraining(double[][] xs, int c, int plane, double[] gamma, double[] beta, double eps) {
        double[] mean = new double[c];
        double[] var = new double[c];
        double count = (double) xs.length * plane;
        for (int ch = 0; ch < c; ch++) {
            for (double[] x : xs) {
                for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                    mean[ch] += x[i] / count;
                }
            }
            for (double[] x : xs) {
                for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                    var[ch] += (x[i] - mean[ch]) * (x[i] - mean[ch]) / count;
                }
            }
        }
        double[][] y = new double[xs.length][];
        for (int n = 0; n < xs.length; n++) {
            y[n] = batchNorm(xs[n], c, plane, gamma, beta, mean, var, eps);
        }
        return y;
    }

    static double[] localResponse(double[] x, int c, int plane, double k, double n, double alpha, double beta) {
        int half = (int) Math.floor(n / 2);
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < plane; i++) {
                double s = 0;
                for (int j = Math.max(0, ch - half); j <= Math.min(c - 1, ch + half); j++) {
                    s += x[j * plane + i] * x[j * plane + i];
                }
                y[ch * plane + i] = x[ch * plane + i] / Math.pow(k + alpha * s, beta);
            }
        }
        return y;
    }

    static double[] l2Normalize(double[] x, double eps) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        double norm = Math.max(Math.sqrt(s), eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / norm;
        }
        return y;
    }

    static double[] zeroPad(double[] x, int c, int h, int wd, int top, int left, int oh, int ow) {
        double[] y = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++) {
            for (int iy = 0; iy < h; iy++) {
                for (int ix = 0; ix < wd; ix++) {
                    y[(ch * oh + iy + top) * ow + ix + left] = x[(ch * h + iy) * wd + ix];
                }
            }
        }
        return y;
    }

    static double[] upsample(double[] x, int c, int h, int wd, int rows, int cols) {
        int oh = h * rows;
        int ow = wd * cols;
        double[] y = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    y[(ch * oh + oy) * ow + ox] = x[(ch * h + oy / rows) * wd + ox / cols];
                }
            }
        }
        return y;
    }

    /** YOLOv2's output arithmetic per anchor box and cell (see {@link Detection}). */
    static double[] detection(double[] x, double[] priors, int perBox, int plane) {
        double[] y = new double[x.length];
        for (int b = 0; b < priors.length / 2; b++) {
            int base = b * perBox * plane;
            for (int p = 0; p < plane; p++) {
                for (int ch : new int[] {0, 1, 4}) {
                    y[base + ch * plane + p] = 1 / (1 + Math.exp(-x[base + ch * plane + p]));
                }
                y[base + 2 * plane + p] = priors[2 * b] * Math.exp(x[base + 2 * plane + p]);
                y[base + 3 * plane + p] = priors[2 * b + 1] * Math.exp(x[base + 3 * plane + p]);
                double[] scores = new double[perBox - 5];
                for (int k = 0; k < scores.length; k++) {
                    scores[k] = x[base + (5 + k) * plane + p];
                }
                double[] soft = activation(ActivationFunction.SOFTMAX, 0, scores);
                for (int k = 0; k < scores.length; k++) {
                    y[base + (5 + k) * plane + p] = soft[k];
                }
            }
        }
        return y;
    }
}
