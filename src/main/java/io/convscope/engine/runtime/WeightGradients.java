package io.convscope.engine.runtime;

import java.util.Arrays;

/**
 * Convolution weight gradients summed over several images on one thread, the batched half of
 * {@link BackwardKernels}: the reduction over positions is done as whole-line multiply-adds, which vectorise.
 */
final class WeightGradients {

    private WeightGradients() {}

    /** Floats of unfolded inputs one thread keeps for a group of images in {@link #convolutionImages} (16 MB). */
    private static final int GROUP_FLOATS = 4 << 20;
    /** Images whose chunks one thread copies at a time in the wide layout. */
    private static final int GROUP_IMAGES = 16;
    /** Positions per chunk: a chunk of every kept image's unfolded lines stays in the core's cache. */
    private static final int CHUNK = 256;

    /**
     * {@link BackwardKernels#convolution} for several images on one thread. The weight gradient
     * {@code dW[o][k] = sum_n sum_p dy_n[o][p] col_n[k][p]} is not taken as dot products (a float sum does not
     * vectorise, and measured five times slower than the forward pass): the images are unfolded in groups, and for
     * each chunk of positions every (o, k) line of partial products is a whole-line multiply-add over the group's
     * images, on chunk copies that stay in cache; each line is summed once per group. {@code dx[n]} is filled when
     * not null.
     */
    static void convolutionImages(
            float[][] x,
            int channels,
            int height,
            int width,
            float[] w,
            ForwardKernels.Window win,
            float[][] dy,
            int outC,
            int outH,
            int outW,
            float[][] dx,
            float[] dW,
            float[] dB) {
        if (WideKernels.fitsUnpadded(win, height, width, outH, outW)) {
            wideImages(x, channels, height, width, w, win, dy, outC, outH, outW, dx, dW, dB);
            return;
        }
        int plane = outH * outW;
        int taps = channels * win.kernelH() * win.kernelW();
        int group = (int) Math.max(1, Math.min(x.length, GROUP_FLOATS / ((long) taps * plane)));
        Scratch scratch = Scratch.get();
        float[][][] cols = scratch.group(group, taps, plane);
        float[][] dyChunks = scratch.dyChunks.atLeast(group * outC, CHUNK);
        float[][] colChunks = scratch.colChunks.atLeast(group * taps, CHUNK);
        float[][] products = scratch.products.atLeast(outC * taps, CHUNK);
        for (int first = 0; first < x.length; first += group) {
            int size = Math.min(group, x.length - first);
            for (int j = 0; j < size; j++) {
                int n = first + j;
                if (dx != null && dx[n] != null) {
                    BackwardKernels.convolution(
                            x[n], channels, height, width, w, win, dy[n], outC, outH, outW, dx[n], null, null);
                }
                ForwardKernels.unfold(x[n], channels, height, width, win, outH, outW, cols[j]);
                for (int o = 0; o < outC; o++) {
                    float sum = 0;
                    for (int i = o * plane; i < (o + 1) * plane; i++) {
                        sum += dy[n][i];
                    }
                    dB[o] += sum;
                }
            }
            for (float[] line : products) {
                Arrays.fill(line, 0f);
            }
            for (int from = 0; from < plane; from += CHUNK) {
                int len = Math.min(CHUNK, plane - from);
                for (int j = 0; j < size; j++) {
                    for (int o = 0; o < outC; o++) {
                        System.arraycopy(dy[first + j], o * plane + from, dyChunks[j * outC + o], 0, len);
                    }
                    for (int k = 0; k < taps; k++) {
                        System.arraycopy(cols[j][k], from, colChunks[j * taps + k], 0, len);
                    }
                }
                accumulate(products, dyChunks, colChunks, size, outC, taps, len);
            }
            addSums(products, outC * taps, dW);
        }
    }

    /**
     * {@link #convolutionImages} for a stride-1 unpadded convolution, over the wide layout (rows as wide as the
     * input): each chunk of positions is copied straight from every image's input, one copy per tap (no unfolded
     * planes kept), and from its output gradient, which is zero in the dropped columns so they add nothing; the bias
     * gradient is summed as lines from the same chunks.
     */
    private static void wideImages(
            float[][] x,
            int channels,
            int height,
            int width,
            float[] w,
            ForwardKernels.Window win,
            float[][] dy,
            int outC,
            int outH,
            int outW,
            float[][] dx,
            float[] dW,
            float[] dB) {
        int taps = channels * win.kernelH() * win.kernelW();
        int[] starts = WideKernels.starts(channels, height, width, win);
        int positions = outH * width;
        int group = Math.min(x.length, GROUP_IMAGES);
        Scratch scratch = Scratch.get();
        float[][] dyChunks = scratch.dyChunks.atLeast(group * outC, CHUNK);
        float[][] colChunks = scratch.colChunks.atLeast(group * taps, CHUNK);
        float[][] products = scratch.products.atLeast(outC * taps, CHUNK);
        float[][] biases = scratch.biasChunks.atLeast(outC, CHUNK);
        for (int i = 0; i < outC * taps; i++) {
            Arrays.fill(products[i], 0, CHUNK, 0f);
        }
        for (int o = 0; o < outC; o++) {
            Arrays.fill(biases[o], 0, CHUNK, 0f);
        }
        for (int n = 0; n < x.length; n++) {
            if (dx != null && dx[n] != null) {
                BackwardKernels.convolution(
                        x[n], channels, height, width, w, win, dy[n], outC, outH, outW, dx[n], null, null);
            }
        }
        for (int first = 0; first < x.length; first += group) {
            int size = Math.min(group, x.length - first);
            for (int from = 0; from < positions; from += CHUNK) {
                int len = Math.min(CHUNK, positions - from);
                for (int j = 0; j < size; j++) {
                    for (int k = 0; k < taps; k++) {
                        WideKernels.copyRun(x[first + j], starts[k] + from, colChunks[j * taps + k], len);
                    }
                    for (int o = 0; o < outC; o++) {
                        float[] line = dyChunks[j * outC + o];
                        widen(dy[first + j], o, outH, outW, width, from, len, line);
                        ForwardKernels.multiplyAdd(biases[o], line, 1f, len);
                    }
                }
                accumulate(products, dyChunks, colChunks, size, outC, taps, len);
            }
        }
        addSums(products, outC * taps, dW);
        addSums(biases, outC, dB);
    }

    /** Wide positions {@code [from, from + len)} of output channel {@code o}'s gradient into {@code line}. */
    private static void widen(float[] dy, int o, int outH, int outW, int rowLength, int from, int len, float[] line) {
        for (int p = from; p < from + len; ) {
            int y = p / rowLength;
            int x = p - y * rowLength;
            int rowEnd = Math.min(from + len, p - x + rowLength);
            int keep = Math.max(0, Math.min(outW - x, rowEnd - p));
            System.arraycopy(dy, (o * outH + y) * outW + x, line, p - from, keep);
            Arrays.fill(line, p - from + keep, rowEnd - from, 0f);
            p = rowEnd;
        }
    }

    /** {@code sums[i] += } the sum of line {@code i}, for the first {@code count} lines. */
    private static void addSums(float[][] lines, int count, float[] sums) {
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int j = 0; j < CHUNK; j++) {
                sum += lines[i][j];
            }
            sums[i] += sum;
        }
    }

    /**
     * Adds one chunk's products into every (o, k) line: tap-major, so one tap's chunks (one per image) stay in the
     * first-level cache across the outputs, four images per pass.
     */
    private static void accumulate(
            float[][] products, float[][] dyChunks, float[][] colChunks, int size, int outC, int taps, int len) {
        for (int k = 0; k < taps; k++) {
            for (int o = 0; o < outC; o++) {
                float[] acc = products[o * taps + k];
                int j = 0;
                for (; j + 3 < size; j += 4) {
                    multiplyAccumulate4(
                            acc,
                            dyChunks[j * outC + o],
                            colChunks[j * taps + k],
                            dyChunks[(j + 1) * outC + o],
                            colChunks[(j + 1) * taps + k],
                            dyChunks[(j + 2) * outC + o],
                            colChunks[(j + 2) * taps + k],
                            dyChunks[(j + 3) * outC + o],
                            colChunks[(j + 3) * taps + k],
                            len);
                }
                for (; j < size; j++) {
                    multiplyAccumulate(acc, dyChunks[j * outC + o], colChunks[j * taps + k], len);
                }
            }
        }
    }

    /** Four images' products at once: a quarter of the accumulator's loads and stores per multiply-add. */
    private static void multiplyAccumulate4(
            float[] acc,
            float[] a0,
            float[] b0,
            float[] a1,
            float[] b1,
            float[] a2,
            float[] b2,
            float[] a3,
            float[] b3,
            int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += a0[i] * b0[i] + a1[i] * b1[i] + a2[i] * b2[i] + a3[i] * b3[i];
        }
    }

    /** {@code acc[i] += a[i] * b[i]} for {@code i < n}; all from index 0 so the loop vectorises. */
    private static void multiplyAccumulate(float[] acc, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += a[i] * b[i];
        }
    }
}
