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
        int plane = height * wideW;
        int taps = outC * kh * kw;
        Scratch scratch = Scratch.get();
        // The last tap's run starts spanW past its map's start: the slack keeps it inside the array, as zeros.
        float[] dyp = scratch.padded.atLeast(outC * padded + spanW);
        Arrays.fill(dyp, 0, outC * padded + spanW, 0f);
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
        float[][] col = scratch.backwardColumns.atLeast(taps, plane);
        for (int o = 0, k = 0; o < outC; o++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, k++) {
                    int from = o * padded + ky * win.dilationH() * wideW + kx * win.dilationW();
                    System.arraycopy(dyp, from, col[k], 0, plane);
                }
            }
        }
        float[] acc = scratch.backwardLine.atLeast(plane);
        for (int c = 0; c < channels; c++) {
            Arrays.fill(acc, 0, plane, 0f);
            ForwardKernels.multiplyAddTaps(acc, col, flipped, c * taps, taps, plane);
            for (int iy = 0; iy < height; iy++) {
                System.arraycopy(acc, iy * wideW, dx, (c * height + iy) * width, width);
            }
        }
    }
}
