package io.convscope.engine.runtime;

import java.util.Arrays;

/**
 * Stride-1 convolutions in the "wide" layout: positions are numbered over rows as wide as the (padded) input, so the
 * values one kernel tap reads for every position form one contiguous run of the input, unfolded by a single copy
 * instead of one copy per row; the columns past the real output width are computed and dropped. HotSpot (JDK 17)
 * vectorises a multiply-add only over arrays read from index 0 (offset loops measured eight times slower), hence the
 * copies at all.
 */
final class WideKernels {

    private WideKernels() {}

    /** Whether a convolution's window is one these kernels handle: stride 1 both ways. */
    static boolean applies(ForwardKernels.Window win) {
        return win.strideH() == 1 && win.strideW() == 1;
    }

    /** Whether a convolution unfolds wide in the forward pass: stride 1, no padding, its output inside the input. */
    static boolean fitsUnpadded(ForwardKernels.Window win, int height, int width, int outH, int outW) {
        return applies(win)
                && win.padTop() == 0
                && win.padLeft() == 0
                && outH + (win.kernelH() - 1) * win.dilationH() <= height
                && outW + (win.kernelW() - 1) * win.dilationW() <= width;
    }

    /**
     * The forward cross-correlation for {@link #fitsUnpadded}: output channels {@code [fromOut, toOut)} of
     * {@code out[o] = bias[o] + sum_k w[o][k] col[k]}, where tap {@code k = (c * kh + ky) * kw + kx} reads the
     * input's run from (c, ky * dh, kx * dw).
     */
    static void convolve(
            float[] in,
            int channels,
            int height,
            int width,
            float[] w,
            float[] bias,
            ForwardKernels.Window win,
            float[] out,
            int outH,
            int outW,
            int fromOut,
            int toOut) {
        Scratch scratch = Scratch.get();
        int[] starts = starts(channels, height, width, win);
        correlate(in, starts, width, w, bias, out, outH, outW, fromOut, toOut, scratch.columns, scratch);
    }

    /** Where each tap {@code k = (c * kh + ky) * kw + kx}'s run starts in an input of the wide layout. */
    static int[] starts(int channels, int height, int width, ForwardKernels.Window win) {
        int[] starts = new int[channels * win.kernelH() * win.kernelW()];
        for (int c = 0, k = 0; c < channels; c++) {
            for (int ky = 0; ky < win.kernelH(); ky++) {
                for (int kx = 0; kx < win.kernelW(); kx++, k++) {
                    starts[k] = (c * height + ky * win.dilationH()) * width + kx * win.dilationW();
                }
            }
        }
        return starts;
    }

    /** {@code len} values of {@code src} from {@code at} into {@code line} from index 0; zeros past its end. */
    static void copyRun(float[] src, int at, float[] line, int len) {
        int n = Math.max(0, Math.min(len, src.length - at));
        System.arraycopy(src, at, line, 0, n);
        Arrays.fill(line, n, len, 0f);
    }

    /**
     * Positions a run is cut into: one chunk of four taps' lines and every output's partial sums stay in the
     * first-level cache while each line is used by all the outputs (measured about 1.2 times faster than whole-plane
     * lines streamed from the second-level cache).
     */
    static final int CHUNK = 512;

    /**
     * {@code out[o][y][x] = bias[o] + sum_k w[o * taps + k] * src[starts[k] + y * rowLength + x]} for outputs
     * {@code [fromOut, toOut)}, {@code y < outH}, {@code x < outW}: positions numbered over rows of
     * {@code rowLength}, cut into {@link #CHUNK}s; each tap's part of a chunk is copied into a line from index 0
     * (what HotSpot vectorises), multiplied into every output's chunk four taps at a time, and the columns from
     * {@code outW} on are dropped. A run past the end of {@code src} (only ever in dropped columns) reads zeros.
     */
    private static void correlate(
            float[] src,
            int[] starts,
            int rowLength,
            float[] w,
            float[] bias,
            float[] out,
            int outH,
            int outW,
            int fromOut,
            int toOut,
            Scratch.Lines columns,
            Scratch scratch) {
        int taps = starts.length;
        int positions = outH * rowLength;
        int chunk = Math.min(CHUNK, positions);
        float[][] col = columns.atLeast(taps, chunk);
        float[][] acc = scratch.accumulators.atLeast(toOut, chunk);
        for (int from = 0; from < positions; from += chunk) {
            int len = Math.min(chunk, positions - from);
            for (int k = 0; k < taps; k++) {
                copyRun(src, starts[k] + from, col[k], len);
            }
            for (int o = fromOut; o < toOut; o++) {
                Arrays.fill(acc[o], 0, len, bias == null ? 0f : bias[o]);
            }
            int k = 0;
            for (; k + 3 < taps; k += 4) {
                for (int o = fromOut; o < toOut; o++) {
                    int b = o * taps + k;
                    ForwardKernels.multiplyAdd4(
                            acc[o],
                            col[k],
                            col[k + 1],
                            col[k + 2],
                            col[k + 3],
                            w[b],
                            w[b + 1],
                            w[b + 2],
                            w[b + 3],
                            len);
                }
            }
            for (; k < taps; k++) {
                for (int o = fromOut; o < toOut; o++) {
                    ForwardKernels.multiplyAdd(acc[o], col[k], w[o * taps + k], len);
                }
            }
            // Each row of the chunk keeps its first outW positions.
            for (int p = from; p < from + len; ) {
                int y = p / rowLength;
                int x = p - y * rowLength;
                int rowEnd = Math.min(from + len, p - x + rowLength);
                int keep = Math.min(outW - x, rowEnd - p);
                if (keep > 0) {
                    for (int o = fromOut; o < toOut; o++) {
                        System.arraycopy(acc[o], p - from, out, (o * outH + y) * outW + x, keep);
                    }
                }
                p = rowEnd;
            }
        }
    }

    /**
     * The input gradient of a stride-1 cross-correlation, which is the cross-correlation of the zero-padded output
     * gradient with the kernels flipped and their channel roles swapped:
     * {@code dx[c][iy][ix] = sum_o sum_ky sum_kx w[o][c][kh-1-ky][kw-1-kx] dyp[o][iy + ky*dh][ix + kx*dw]}, where
     * {@code dyp} is {@code dy} placed at ({@code (kh-1)*dh - padTop}, {@code (kw-1)*dw - padLeft}) in zeros (rows and
     * columns that land outside read padding only, so they carry no gradient to the input). No col2im fold.
     *
     * @param dx written, not added into: every caller's is new
     */
    static void inputGradient(
            float[] dy,
            int outC,
            int outH,
            int outW,
            float[] w,
            int channels,
            int height,
            int width,
            ForwardKernels.Window win,
            float[] dx) {
        int kh = win.kernelH();
        int kw = win.kernelW();
        int spanH = (kh - 1) * win.dilationH();
        int spanW = (kw - 1) * win.dilationW();
        int wideH = height + spanH;
        int wideW = width + spanW;
        int padded = wideH * wideW;
        int taps = outC * kh * kw;
        Scratch scratch = Scratch.get();
        float[] dyp = scratch.padded.atLeast(outC * padded);
        Arrays.fill(dyp, 0, outC * padded, 0f);
        int top = spanH - win.padTop();
        int left = spanW - win.padLeft();
        int firstRow = Math.max(0, -top);
        int endRow = Math.min(outH, wideH - top);
        int firstCol = Math.max(0, -left);
        int endCol = Math.min(outW, wideW - left);
        if (firstCol < endCol) {
            for (int o = 0; o < outC; o++) {
                for (int oy = firstRow; oy < endRow; oy++) {
                    System.arraycopy(
                            dy,
                            (o * outH + oy) * outW + firstCol,
                            dyp,
                            o * padded + (oy + top) * wideW + left + firstCol,
                            endCol - firstCol);
                }
            }
        }
        float[] flipped = scratch.flipped.atLeast(channels * taps);
        for (int c = 0; c < channels; c++) {
            for (int o = 0; o < outC; o++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        flipped[((c * outC + o) * kh + ky) * kw + kx] =
                                w[((o * channels + c) * kh + kh - 1 - ky) * kw + kw - 1 - kx];
                    }
                }
            }
        }
        int[] starts = new int[taps];
        for (int o = 0, k = 0; o < outC; o++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, k++) {
                    starts[k] = o * padded + ky * win.dilationH() * wideW + kx * win.dilationW();
                }
            }
        }
        correlate(dyp, starts, wideW, flipped, null, dx, height, width, 0, channels, scratch.backwardColumns, scratch);
    }
}
