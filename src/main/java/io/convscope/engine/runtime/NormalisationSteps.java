package io.convscope.engine.runtime;

/** Steps that rescale values by statistics: batch normalisation (folded), local response and L2 normalisation. */
public final class NormalisationSteps {

    private NormalisationSteps() {}

    /** Inference-time batch normalisation folded into {@code y = scale[c] * x + shift[c]} per channel. */
    public record ScaleShift(int channels, int plane, float[] scale, float[] shift) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[x.length];
            ForwardKernels.scaleShift(x, channels, plane, scale, shift, y);
            return y;
        }
    }

    /** AlexNet's and GoogLeNet's local response normalisation across {@code n} neighbouring channels. */
    public record LocalResponse(int channels, int plane, double k, double n, double alpha, double beta)
            implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[x.length];
            ForwardKernels.localResponse(x, channels, plane, k, n, alpha, beta, y);
            return y;
        }
    }

    /** A vector divided by its length, or by {@code eps} when the length is smaller (as DL4J does). */
    public record L2Normalize(double eps) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            double sum = 0;
            for (float value : x) {
                sum += (double) value * value;
            }
            float norm = (float) Math.max(Math.sqrt(sum), eps);
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] / norm;
            }
            return y;
        }
    }
}
