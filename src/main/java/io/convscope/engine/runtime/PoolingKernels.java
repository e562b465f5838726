package io.convscope.engine.runtime;

/**
 * The common 2 x 2 max pooling at stride 2 without padding, forward and backward: its windows tile the input, so
 * the general loops' bounds tests per cell (most of their time) are left out.
 */
final class PoolingKernels {

    private PoolingKernels() {}

    /** Whether a window is the common 2 x 2 pooling at stride 2 without padding: windows that tile the input. */
    static boolean tiles2x2(ForwardKernels.Window win) {
        return win.kernelH() == 2
                && win.kernelW() == 2
                && win.strideH() == 2
                && win.strideW() == 2
                && win.dilationH() == 1
                && win.dilationW() == 1
                && win.padTop() == 0
                && win.padLeft() == 0;
    }

    /** {@link ForwardKernels#pool} for {@link #tiles2x2}: the same maxima, without the bounds tests per cell. */
    static void max2x2(float[] in, int channels, int height, int width, float[] out, int outH, int outW) {
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                int top = (c * height + 2 * oy) * width;
                int bottom = top + width;
                int o = (c * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int x = 2 * ox;
                    out[o + ox] = Math.max(
                            Math.max(in[top + x], in[top + x + 1]), Math.max(in[bottom + x], in[bottom + x + 1]));
                }
            }
        }
    }

    /**
     * {@link BackwardKernels#pool} for {@link #tiles2x2}: each output's gradient to the same first maximum of its
     * window (in reading order, a later cell wins only when strictly larger).
     */
    static void maxGradient2x2(
            float[] x, int channels, int height, int width, float[] dy, int outH, int outW, float[] dx) {
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < outH; oy++) {
                int top = (c * height + 2 * oy) * width;
                int bottom = top + width;
                int o = (c * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int best = top + 2 * ox;
                    float value = x[best];
                    if (x[top + 2 * ox + 1] > value) {
                        best = top + 2 * ox + 1;
                        value = x[best];
                    }
                    if (x[bottom + 2 * ox] > value) {
                        best = bottom + 2 * ox;
                        value = x[best];
                    }
                    if (x[bottom + 2 * ox + 1] > value) {
                        best = bottom + 2 * ox + 1;
                    }
                    dx[best] += dy[o + ox];
                }
            }
        }
    }
}
