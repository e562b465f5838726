package io.convscope.engine.runtime;

import io.convscope.network.Shape;

/** Max and average pooling, over a sliding window or over each whole map. */
public final class PoolingSteps {

    private PoolingSteps() {}

    /** {@code padInDivisor}: whether an average counts the padding cells its window covers (DL4J's option). */
    public record Pooling(Shape in, Shape out, ForwardKernels.Window window, boolean max, boolean padInDivisor)
            implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            ForwardKernels.pool(
                    x, in.channels(), in.height(), in.width(), window, max, padInDivisor, y, out.height(), out.width());
            return y;
        }
    }

    /** One value per channel: the maximum or the mean of its whole map. */
    public record GlobalPooling(int channels, int plane, boolean max) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[channels];
            ForwardKernels.globalPool(x, channels, plane, max, y);
            return y;
        }
    }
}
