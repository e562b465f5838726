package io.convscope.engine.runtime;

import java.util.Arrays;

/**
 * The arithmetic of the backward pass on plain float arrays, channel-major, shaped like {@link ForwardKernels}: the
 * input is unfolded again (im2col) for the weight gradients, which become dot products of whole lines, and the input
 * gradient is the transpose product, one multiply-add line per kernel tap, folded back onto the input (col2im).
 */
final class BackwardKernels {

    private BackwardKernels() {}

    /**
     * Gradients of a cross-correlation {@code y[o] = b[o] + sum_k w[o][k] col[k]}: {@code dB[o] += sum dy[o]},
     * {@code dW[o][k] += dy[o] . col[k]} and {@code dx = col2im(sum_o w[o][k] dy[o])} (for stride 1, the
     * correlation {@link WideKernels#inputGradient}). Any of {@code dx}, {@code dW} (with {@code dB}) may be null when
     * not wanted; {@code dx} must be all zeros (every caller's is new).
     */
    static void convolution(
            float[] x,
            int channels,
            int height,
            int width,
            float[] w,
            ForwardKernels.Window win,
            float[] dy,
            int outC,
            int outH,
            int outW,
            float[] dx,
            float[] dW,
            float[] dB) {
        int plane = outH * outW;
        int taps = channels * win.kernelH() * win.kernelW();
        if (dW != null) {
            float[][] col = Scratch.get().backwardColumns.atLeast(taps, plane);
            ForwardKernels.unfold(x, channels, height, width, win, outH, outW, col);
            for (int o = 0; o < outC; o++) {
                if (dB != null) {
                    float sum = 0;
                    for (int i = o * plane; i < (o + 1) * plane; i++) {
                        sum += dy[i];
                    }
                    dB[o] += sum;
                }
                int wb = o * taps;
                for (int k = 0; k < taps; k++) {
                    dW[wb + k] += ForwardKernels.dot(dy, o * plane, col[k], plane);
                }
            }
        }
        if (dx != null && WideKernels.applies(win)) {
            WideKernels.inputGradient(dy, outC, outH, outW, w, channels, height, width, win, dx);
        } else if (dx != null) {
            float[][] dyPlanes = planes(dy, outC, plane);
            float[] line = line(plane);
            int k = 0;
            for (int c = 0; c < channels; c++) {
                for (int ky = 0; ky < win.kernelH(); ky++) {
                    for (int kx = 0; kx < win.kernelW(); kx++, k++) {
                        Arrays.fill(line, 0, plane, 0f);
                        for (int o = 0; o < outC; o++) {
                            ForwardKernels.multiplyAdd(line, dyPlanes[o], w[o * taps + k], plane);
                        }
                        fold(line, dx, c, height, width, win, ky, kx, outH, outW);
                    }
                }
            }
        }
    }

    /**
     * Gradients of a depthwise cross-correlation (output channel {@code c * multiplier + m} reads input channel
     * {@code c} only, no bias): each channel unfolded on its own, as in the forward pass.
     */
    static void depthwise(
            float[] x,
            int channels,
            int height,
            int width,
            float[] w,
            ForwardKernels.Window win,
            float[] dy,
            int outH,
            int outW,
            int multiplier,
            float[] dx,
            float[] dW) {
        int plane = outH * outW;
        int taps = win.kernelH() * win.kernelW();
        float[][] col = Scratch.get().backwardColumns.atLeast(taps, plane);
        float[][] dyPlanes = Scratch.get().planes.atLeast(multiplier, plane);
        float[] line = line(plane);
        float[] channel = new float[height * width];
        for (int c = 0; c < channels; c++) {
            for (int m = 0; m < multiplier; m++) {
                System.arraycopy(dy, (c * multiplier + m) * plane, dyPlanes[m], 0, plane);
            }
            if (dW != null) {
                System.arraycopy(x, c * height * width, channel, 0, channel.length);
                ForwardKernels.unfold(channel, 1, height, width, win, outH, outW, col);
                for (int m = 0; m < multiplier; m++) {
                    int wb = (c * multiplier + m) * taps;
                    for (int k = 0; k < taps; k++) {
                        dW[wb + k] += ForwardKernels.dot(dyPlanes[m], 0, col[k], plane);
                    }
                }
            }
            if (dx != null) {
                for (int ky = 0, k = 0; ky < win.kernelH(); ky++) {
                    for (int kx = 0; kx < win.kernelW(); kx++, k++) {
                        Arrays.fill(line, 0, plane, 0f);
                        for (int m = 0; m < multiplier; m++) {
                            ForwardKernels.multiplyAdd(line, dyPlanes[m], w[(c * multiplier + m) * taps + k], plane);
                        }
                        fold(line, dx, c, height, width, win, ky, kx, outH, outW);
                    }
                }
            }
        }
    }

    /** col2im for one tap: adds {@code line} (one value per output position) where im2col read it from. */
    private static void fold(
            float[] line,
            float[] dx,
            int c,
            int height,
            int width,
            ForwardKernels.Window win,
            int ky,
            int kx,
            int outH,
            int outW) {
        int offX = kx * win.dilationW() - win.padLeft();
        for (int oy = 0; oy < outH; oy++) {
            int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
            if (iy < 0 || iy >= height) {
                continue;
            }
            int rb = (c * height + iy) * width;
            int lb = oy * outW;
            // Only the output columns whose input column lies inside the row: no test per value (padding).
            int sw = win.strideW();
            int first = offX >= 0 ? 0 : (-offX + sw - 1) / sw;
            int end = width - offX <= 0 ? 0 : Math.min(outW, (width - 1 - offX) / sw + 1);
            if (sw == 1) {
                int to = rb + offX;
                for (int ox = first; ox < end; ox++) {
                    dx[to + ox] += line[lb + ox];
                }
            } else {
                for (int ox = first; ox < end; ox++) {
                    dx[rb + ox * sw + offX] += line[lb + ox];
                }
            }
        }
    }

    /** Gradients of {@code y = W x + b} with {@code W [out][in]}: {@code dx = W^T dy}, {@code dW += dy x^T}. */
    static void dense(float[] x, float[] w, float[] dy, float[] dx, float[] dW, float[] dB) {
        int n = x.length;
        for (int o = 0; o < dy.length; o++) {
            float g = dy[o];
            if (g == 0f) {
                continue;
            }
            int base = o * n;
            if (dB != null) {
                dB[o] += g;
            }
            if (dW != null) {
                for (int i = 0; i < n; i++) {
                    dW[base + i] += g * x[i];
                }
            }
            if (dx != null) {
                for (int i = 0; i < n; i++) {
                    dx[i] += g * w[base + i];
                }
            }
        }
    }

    /**
     * Gradient of max or average pooling ({@link ForwardKernels#pool}): a max sends each output's gradient to the
     * first input cell holding the window's maximum, an average spreads it over the cells it counted.
     */
    static void pool(
            float[] x,
            int channels,
            int height,
            int width,
            ForwardKernels.Window win,
            boolean max,
            boolean padInDivisor,
            float[] dy,
            int outH,
            int outW,
            float[] dx) {
        if (max && PoolingKernels.tiles2x2(win)) {
            PoolingKernels.maxGradient2x2(x, channels, height, width, dy, outH, outW, dx);
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    float g = dy[(c * outH + oy) * outW + ox];
                    if (max) {
                        int best = -1;
                        float bestValue = Float.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < win.kernelH(); ky++) {
                            int iy = oy * win.strideH() + ky * win.dilationH() - win.padTop();
                            if (iy < 0 || iy >= height) {
                                continue;
                            }
                            for (int kx = 0; kx < win.kernelW(); kx++) {
                                int ix = ox * win.strideW() + kx * win.dilationW() - win.padLeft();
                                int at = (c * height + iy) * width + ix;
                                if (ix >= 0 && ix < width && (best < 0 || x[at] > bestValue)) {
                                    best = at;
                                    bestValue = x[at];
                                }
                            }
                        }
                        if (best >= 0) {
                            dx[best] += g;
                        }
                        continue;
                    }
                    int count = 0;
                    for (int pass = 0; pass < 2; pass++) {
                        float share = pass == 0
                                ? 0f
                                : g / (padInDivisor ? win.kernelH() * win.kernelW() : Math.max(count, 1));
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
                                if (pass == 0) {
                                    count++;
                                } else {
                                    dx[(c * height + iy) * width + ix] += share;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[][] planes(float[] dy, int count, int plane) {
        float[][] p = Scratch.get().planes.atLeast(count, plane);
        for (int o = 0; o < count; o++) {
            System.arraycopy(dy, o * plane, p[o], 0, plane);
        }
        return p;
    }

    private static float[] line(int length) {
        return Scratch.get().backwardLine.atLeast(length);
    }
}
