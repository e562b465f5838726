package io.convscope.engine;

import io.convscope.network.Shape;

import java.util.Arrays;

/** Max and average pooling, over a sliding window or over each whole map. */
final class PoolingSteps {

    private PoolingSteps() {}

    /** {@code padInDivisor}: whether an average counts the padding cells its window covers (DL4J's option). */
    record Pooling(Shape in, Shape out, ForwardKernels.Window window, boolean max, boolean padInDivisor)
            implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            ForwardKernels.pool(
                    x, in.channels(), in.height(), in.width(), window, max, padInDivisor, y, out.height(), out.width());
            return y;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            BackwardKernels.pool(
                    x,
                    in.channels(),
                    in.height(),
                    in.width(),
                    window,
                    max,
                    padInDivisor,
                    dy,
                    out.height(),
                    out.width(),
                    dx);
            return dx;
        }
    }

    /** One value per channel: the maximum or the mean of its whole map. */
    record GlobalPooling(int channels, int plane, boolean max) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[channels];
            ForwardKernels.globalPool(x, channels, plane, max, y);
            return y;
        }

        /** A mean spreads each channel's gradient evenly; a max sends it to the first cell holding the maximum. */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            for (int c = 0; c < channels; c++) {
                int from = c * plane;
                if (max) {
                    int best = from;
                    for (int i = from + 1; i < from + plane; i++) {
                        if (x[i] > x[best]) {
                            best = i;
                        }
                    }
                    dx[best] = dy[c];
                } else {
                    Arrays.fill(dx, from, from + plane, dy[c] / plane);
                }
            }
            return dx;
        }
    }
}
