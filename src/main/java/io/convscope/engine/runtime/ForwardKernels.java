package io.convscope.engine.runtime;

import io.convscope.engine.PassMemory;

import java.util.Arrays;

/**
 * The arithmetic of one forward pass on plain float arrays, channel-major ({@code [c][y][x]}).
 * ND4J's layer path spends most of its ~10 ms per Tiny VGG image on per-op overhead; these loops are shaped so
 * that HotSpot vectorises their innermost line (a contiguous multiply-add), which is all a 64x64 network needs.
 */
public final class ForwardKernels {

    private ForwardKernels() {}

    /** Geometry of a sliding window over a padded input. */
    public record Window(
            int kernelH,
            int kernelW,
            int strideH,
            int strideW,
            int dilationH,
            int dilationW,
            int padTop,
            int padLeft) {}

    /**
     * Cross-correlation for output channels {@code [fromOut, toOut)}: {@code out[o] = bias[o] + sum_c in[c] * w[o][c]}.
     * The input is unfolded once (im2col), then every output plane is a sum of whole-line multiply-adds on arrays
     * that start at index 0: the one loop shape HotSpot (JDK 17) reliably turns into SIMD code. Offset loops measured
     * about ten times slower here. (Splitting output channels over a second core measured slower for Tiny VGG.)
     *
     * @param w weights {@code [out][in][kh][kw]}
     */
    static void convolve(
            float[] in,
            int channels,
            int height,
            int width,
            float[] w,
            float[] bias,
            Window win,
            float[] out,
            int outH,
            int outW,
            int fromOut,
            int toOut) {
        int taps = channels * win.kernelH() * win.kernelW();
        if (WideKernels.fitsUnpadded(win, height, width, outH, outW)) {
            WideKernels.convolve(in, channels, height, width, w, bias, win, out, outH, outW, fromOut, toOut);
            return;
        }
        float[][] col = scratch(taps, outH * outW);
        unfold(in, channels, height, width, win, outH, outW, col);
        multiplyAll(col, taps, outH, outW, outW, w, bias, out, fromOut, toOut);
    }

    /**
     * The length of the im2col lines a convolution of {@code macs} multiply-adds unfolds its input into:
     * {@link #convolve} takes a stride-1 unpadded one in chunks of the wide layout (rows as wide as the input,
     * {@link WideKernels#CHUNK} positions at a time), anything else and the native path one value per output
     * position. {@link PassMemory} replays the scratch's growth with it.
     */
    public static long unfoldedLine(long macs, boolean strideOneUnpadded, int outH, int outW, int inW) {
        return strideOneUnpadded && macs < NativeGemm.MIN_MACS
                ? Math.min(WideKernels.CHUNK, (long) outH * inW)
                : (long) outH * outW;
    }

    /**
     * Depthwise cross-correlation: output channel {@code c * multiplier + m} is input channel {@code c} alone
     * correlated with its own kernel, no bias. Each channel is unfolded on its own, so the scratch stays one
     * channel's taps however many channels there are.
     *
     * @param w kernels {@code [channels * multiplier][kh][kw]}
     */
    static void depthwise(
            float[] in,
            int channels,
            int height,
            int width,
            float[] w,
            Window win,
            float[] out,
            int outH,
            int outW,
            int multiplier) {
        int plane = outH * outW;
        int taps = win.kernelH() * win.kernelW();
        float[][] col = scratch(taps, plane);
        float[] channel = new float[height * width];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(in, c * height * width, channel, 0, channel.length);
            unfold(channel, 1, height, width, win, outH, outW, col);
            float[] kernels = Arrays.copyOfRange(w, c * multiplier * taps, (c + 1) * multiplier * taps);
            float[] planes = new float[multiplier * plane];
            multiplyAll(col, taps, outH, outW, outW, kernels, null, planes, 0, multiplier);
            System.arraycopy(planes, 0, out, c * multiplier * plane, planes.length);
        }
    }

    /**
     * The same cross-correlation for big layers: the unfolded input times the {@code [out][taps]} weight matrix by
     * native BLAS ({@link NativeGemm}), then the bias added per output plane.
     */
    static void convolveNative(
            float[] in,
            int channels,
            int height,
            int width,
            NativeGemm.Matrix weights,
            float[] bias,
            Window win,
            float[] out,
            int outH,
            int outW) {
        int plane = outH * outW;
        int taps = channels * win.kernelH() * win.kernelW();
        float[][] col = scratch(taps, plane);
        unfold(in, channels, height, width, win, outH, outW, col);
        NativeGemm.multiply(weights, col, taps, plane, out);
        if (bias != null) {
            for (int o = 0; o < bias.length; o++) {
                addConstant(out, o * plane, plane, bias[o]);
            }
        }
    }

    /** The forward im2col lines of this thread ({@link Scratch#columns}). */
    private static float[][] scratch(int taps, int plane) {
        return Scratch.get().columns.atLeast(taps, plane);
    }

    /** Floats this thread's im2col scratch holds; {@link PassMemory} predicts it, a test compares. */
    public static long scratchFloats() {
        return Scratch.get().columns.floats();
    }

    private static void addConstant(float[] y, int from, int n, float a) {
        for (int i = from; i < from + n; i++) {
            y[i] += a;
        }
    }

    /** Inference batch normalisation as one multiply-add per channel: {@code y = x * scale[c] + shift[c]}. */
    static void scaleShift(float[] in, int channels, int plane, float[] scale, float[] shift, float[] out) {
        for (int c = 0; c < channels; c++) {
            float a = scale[c];
            float b = shift[c];
            int base = c * plane;
            for (int i = base; i < base + plane; i++) {
                out[i] = in[i] * a + b;
            }
        }
    }

    /**
     * Local response normalisation across channels (AlexNet), as DL4J computes it:
     * {@code y = x / (k + alpha * sum_{|j - c| <= n/2} x_j^2)^beta}.
     */
    static void localResponse(
            float[] in, int channels, int plane, double k, double n, double alpha, double beta, float[] out) {
        int half = (int) Math.floor(n / 2);
        float[] sum = new float[plane];
        for (int c = 0; c < channels; c++) {
            Arrays.fill(sum, 0f);
            for (int j = Math.max(0, c - half); j <= Math.min(channels - 1, c + half); j++) {
                int base = j * plane;
                for (int i = 0; i < plane; i++) {
                    float v = in[base + i];
                    sum[i] += v * v;
                }
            }
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (float) (in[base + i] / Math.pow(k + alpha * sum[i], beta));
            }
        }
    }

    /** Global pooling over each channel's whole map into one value (average or max). */
    static void globalPool(float[] in, int channels, int plane, boolean max, float[] out) {
        for (int c = 0; c < channels; c++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                acc = max ? Math.max(acc, in[i]) : acc + in[i];
            }
            out[c] = (float) (max ? acc : acc / plane);
        }
    }

    /**
     * Output planes {@code [fromOut, toOut)} from the unfolded input (lines of {@code outH} rows of
     * {@code rowLength} positions, of which the first {@code outW} are kept): bias plus the taps' multiply-adds.
     */
    private static void multiplyAll(
            float[][] col,
            int taps,
            int outH,
            int rowLength,
            int outW,
            float[] w,
            float[] bias,
            float[] out,
            int fromOut,
            int toOut) {
        int lines = outH * rowLength;
        float[] acc = Scratch.get().line.atLeast(lines);
        for (int o = fromOut; o < toOut; o++) {
            Arrays.fill(acc, 0, lines, bias == null ? 0f : bias[o]);
            multiplyAddTaps(acc, col, w, o * taps, taps, lines);
            if (rowLength == outW) {
                System.arraycopy(acc, 0, out, o * lines, lines);
            } else {
                for (int oy = 0; oy < outH; oy++) { // the wide layout's extra columns are dropped
                    System.arraycopy(acc, oy * rowLength, out, (o * outH + oy) * outW, outW);
                }
            }
        }
    }

    /**
     * im2col: line {@code k = (c * kh + ky) * kw + kx} of {@code col} holds, for every output position, the input
     * value that kernel cell (ky, kx) of channel c multiplies there (0 in the padding).
     */
    public static void unfold(
            float[] in, int channels, int height, int width, Window win, int outH, int outW, float[][] col) {
        int k = 0;
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < win.kernelH(); ky++) {
                for (int kx = 0; kx < win.kernelW(); kx++, k++) {
                    float[] line = col[k];
                    int offX = kx * win.dilationW() - win.padLeft();
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
                        int lb = oy * outW;
                        if (iy < 0 || iy >= height) {
                            Arrays.fill(line, lb, lb + outW, 0f);
                            continue;
                        }
                        int rb = (c * height + iy) * width;
                        if (win.strideW() == 1 && offX >= 0 && offX + outW <= width) {
                            System.arraycopy(in, rb + offX, line, lb, outW);
                        } else {
                            for (int ox = 0; ox < outW; ox++) {
                                int ix = ox * win.strideW() + offX;
                                line[lb + ox] = ix < 0 || ix >= width ? 0f : in[rb + ix];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code acc[i] += sum_k w[from + k] * col[k][i]} over {@code taps} lines, four lines per pass: a quarter of the
     * accumulator's loads and stores per multiply-add, measured 1.3 times faster than one line per pass.
     */
    static void multiplyAddTaps(float[] acc, float[][] col, float[] w, int from, int taps, int n) {
        int k = 0;
        for (; k + 3 < taps; k += 4) {
            int b = from + k;
            multiplyAdd4(acc, col[k], col[k + 1], col[k + 2], col[k + 3], w[b], w[b + 1], w[b + 2], w[b + 3], n);
        }
        for (; k < taps; k++) {
            multiplyAdd(acc, col[k], w[from + k], n);
        }
    }

    static void multiplyAdd4(
            float[] y, float[] x0, float[] x1, float[] x2, float[] x3, float a0, float a1, float a2, float a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
        }
    }

    /** {@code y[i] += a * x[i]} for {@code i < n}; both arrays indexed from 0 so the loop vectorises. */
    public static void multiplyAdd(float[] y, float[] x, float a, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    /** Dot product of {@code a[from..from+n)} and {@code b[0..n)} with four running sums for instruction-level parallelism. */
    public static float dot(float[] a, int from, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[from + i] * b[i];
            s1 += a[from + i + 1] * b[i + 1];
            s2 += a[from + i + 2] * b[i + 2];
            s3 += a[from + i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[from + i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Max or average pooling per channel; padded cells never win a max and count in an average only if asked. */
    static void pool(
            float[] in,
            int channels,
            int height,
            int width,
            Window win,
            boolean max,
            boolean padInDivisor,
            float[] out,
            int outH,
            int outW) {
        if (max && PoolingKernels.tiles2x2(win)) {
            PoolingKernels.max2x2(in, channels, height, width, out, outH, outW);
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                    int count = 0;
                    for (int ky = 0; ky < win.kernelH(); ky++) {
                        int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        for (int kx = 0; kx < win.kernelW(); kx++) {
                            int ix = ox * win.strideW() + kx * win.dilationW() - win.padLeft();
                            if (ix < 0 || ix >= width) {
                                continue;
                            }
                            float v = in[(c * height + iy) * width + ix];
                            acc = max ? Math.max(acc, v) : acc + v;
                            count++;
                        }
                    }
                    int divisor = padInDivisor ? win.kernelH() * win.kernelW() : Math.max(count, 1);
                    out[(c * outH + oy) * outW + ox] = max ? acc : acc / divisor;
                }
            }
        }
    }

    /** {@code out[o] = bias[o] + sum_i in[i] * w[o][i]} with {@code w} stored row per output. */
    public static void dense(float[] in, float[] w, float[] bias, float[] out) {
        int n = in.length;
        for (int o = 0; o < out.length; o++) {
            float acc = 0f;
            int base = o * n;
            for (int i = 0; i < n; i++) {
                acc += in[i] * w[base + i];
            }
            out[o] = acc + (bias == null ? 0f : bias[o]);
        }
    }

    /** Zeros around each channel. */
    static void zeroPad(
            float[] in, int channels, int height, int width, int top, int left, float[] out, int outH, int outW) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(in, (c * height + y) * width, out, (c * outH + y + top) * outW + left, width);
            }
        }
    }
}
