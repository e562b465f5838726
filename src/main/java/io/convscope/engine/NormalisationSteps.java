package io.convscope.engine;

/** Steps that rescale values by statistics: batch normalisation, local response and L2 normalisation. */
final class NormalisationSteps {

    private NormalisationSteps() {}

    /**
     * Batch normalisation, {@code y = gamma (x - mean) / sqrt(var + eps) + beta} per channel. At inference the
     * running statistics are folded into {@code y = scale[c] * x + shift[c]} on every pass (one multiply-add per value;
     * folding again each time keeps it right after an optimiser changed the arrays). In training the batch's own
     * mean and (biased) variance are used and the running ones move towards them:
     * {@code running = decay * running + (1 - decay) * batch}, as DL4J does.
     *
     * @param plane height x width of each channel (1 after a dense layer)
     */
    record BatchNorm(
            int channels,
            int plane,
            float[] gamma,
            float[] beta,
            float[] mean,
            float[] variance,
            double eps,
            double decay)
            implements Step.OneInput, TrainingStep {

        @Override
        public float[] forward(float[] x) {
            float[] scale = new float[channels];
            float[] shift = new float[channels];
            fold(scale, shift);
            float[] y = new float[x.length];
            ForwardKernels.scaleShift(x, channels, plane, scale, shift, y);
            return y;
        }

        /** The folded inference arithmetic, rounded exactly as the views' {@code LayerWeights} hold it. */
        void fold(float[] scale, float[] shift) {
            for (int c = 0; c < channels; c++) {
                float std = (float) Math.sqrt(variance[c] + eps);
                scale[c] = gamma[c] / std;
                shift[c] = beta[c] - mean[c] * scale[c];
            }
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            for (int c = 0; c < channels; c++) {
                float std = (float) Math.sqrt(variance[c] + eps);
                float scale = gamma[c] / std;
                double dGamma = 0;
                double dBeta = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    dx[i] = dy[i] * scale;
                    dGamma += dy[i] * (x[i] - mean[c]) / std;
                    dBeta += dy[i];
                }
                if (grads != null) {
                    grads[0][c] += (float) dGamma;
                    grads[1][c] += (float) dBeta;
                }
            }
            return dx;
        }

        @Override
        public float[][] parameters() {
            return new float[][] {gamma, beta, mean, variance};
        }

        @Override
        public float[][] forwardTraining(float[][] batch, long seed) {
            double[][] stats = statistics(batch);
            float[][] out = new float[batch.length][batch[0].length];
            for (int c = 0; c < channels; c++) {
                double mu = stats[0][c];
                double inv = 1 / Math.sqrt(stats[1][c] + eps);
                for (int n = 0; n < batch.length; n++) {
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        out[n][i] = (float) (gamma[c] * (batch[n][i] - mu) * inv + beta[c]);
                    }
                }
                mean[c] = (float) (decay * mean[c] + (1 - decay) * mu);
                variance[c] = (float) (decay * variance[c] + (1 - decay) * stats[1][c]);
            }
            return out;
        }

        @Override
        public float[][] backwardTraining(
                float[][] batch, float[][] outputs, float[][] dOutputs, float[][] grads, long seed) {
            double[][] stats = statistics(batch);
            double count = (double) batch.length * plane;
            float[][] dx = new float[batch.length][batch[0].length];
            for (int c = 0; c < channels; c++) {
                double mu = stats[0][c];
                double inv = 1 / Math.sqrt(stats[1][c] + eps);
                double sumDy = 0;
                double sumDyXhat = 0;
                for (int n = 0; n < batch.length; n++) {
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        sumDy += dOutputs[n][i];
                        sumDyXhat += dOutputs[n][i] * (batch[n][i] - mu) * inv;
                    }
                }
                if (grads != null) {
                    grads[0][c] += (float) sumDyXhat;
                    grads[1][c] += (float) sumDy;
                }
                // dx = gamma / std * (dy - mean(dy) - xhat * mean(dy * xhat)), the batch's statistics moving too.
                double meanDy = sumDy / count;
                double meanDyXhat = sumDyXhat / count;
                double g = gamma[c] * inv;
                for (int n = 0; n < batch.length; n++) {
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        double xhat = (batch[n][i] - mu) * inv;
                        dx[n][i] = (float) (g * (dOutputs[n][i] - meanDy - xhat * meanDyXhat));
                    }
                }
            }
            return dx;
        }

        /** Per channel, the batch's mean and biased variance, in double. */
        private double[][] statistics(float[][] batch) {
            double[][] s = new double[2][channels];
            double count = (double) batch.length * plane;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (float[] x : batch) {
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        sum += x[i];
                    }
                }
                double mu = sum / count;
                double squares = 0;
                for (float[] x : batch) {
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        squares += (x[i] - mu) * (x[i] - mu);
                    }
                }
                s[0][c] = mu;
                s[1][c] = squares / count;
            }
            return s;
        }
    }

    /** AlexNet's and GoogLeNet's local response normalisation across {@code n} neighbouring channels. */
    record LocalResponse(int channels, int plane, double k, double n, double alpha, double beta)
            implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[x.length];
            ForwardKernels.localResponse(x, channels, plane, k, n, alpha, beta, y);
            return y;
        }

        /**
         * With {@code s_c = k + alpha sum_{j near c} x_j^2} and {@code y_c = x_c s_c^-beta}:
         * {@code dx_i = dy_i s_i^-beta - 2 alpha beta x_i sum_{c near i} dy_c x_c s_c^(-beta-1)}.
         */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            int half = (int) Math.floor(n / 2);
            double[] s = new double[x.length];
            for (int c = 0; c < channels; c++) {
                for (int j = Math.max(0, c - half); j <= Math.min(channels - 1, c + half); j++) {
                    for (int i = 0; i < plane; i++) {
                        s[c * plane + i] += (double) x[j * plane + i] * x[j * plane + i];
                    }
                }
            }
            double[] t = new double[x.length]; // dy_c x_c s_c^(-beta-1)
            for (int i = 0; i < x.length; i++) {
                s[i] = k + alpha * s[i];
                t[i] = dy[i] * x[i] * Math.pow(s[i], -beta - 1);
            }
            float[] dx = new float[x.length];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    int at = c * plane + i;
                    double near = 0;
                    for (int j = Math.max(0, c - half); j <= Math.min(channels - 1, c + half); j++) {
                        near += t[j * plane + i];
                    }
                    dx[at] = (float) (dy[at] * Math.pow(s[at], -beta) - 2 * alpha * beta * x[at] * near);
                }
            }
            return dx;
        }
    }

    /** A vector divided by its length, or by {@code eps} when the length is smaller (as DL4J does). */
    record L2Normalize(double eps) implements Step.OneInput {

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

        /** {@code dx = (dy - y (y . dy)) / |x|}; below {@code eps} the divisor is a constant, {@code dx = dy / eps}. */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            double sum = 0;
            double dot = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (double) x[i] * x[i];
                dot += (double) y[i] * dy[i];
            }
            double length = Math.sqrt(sum);
            boolean clamped = length < eps;
            double norm = Math.max(length, eps);
            float[] dx = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = (float) ((dy[i] - (clamped ? 0 : y[i] * dot)) / norm);
            }
            return dx;
        }
    }
}
