package io.convscope.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Steps that work value by value: activations, scalings, and a graph's additions and concatenations. */
final class ElementwiseSteps {

    private ElementwiseSteps() {}

    /** A non-linearity on its own, so students see it as a column after the linear result. */
    record Activation(ActivationFunction function, double alpha) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            return function.applied(x, alpha);
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            return function.gradient(x, y, dy, alpha);
        }
    }

    /**
     * A flatten or a dropout at inference: the output is the input array itself, shared, which is safe because no
     * step changes an array once made (and the channel-major order already is the flattened order).
     */
    record Identity() implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            return x;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            return dy;
        }
    }

    /** Inference-ResNet's residual scaling: every value times one factor. */
    record Scale(float factor) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * factor;
            }
            return y;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            return forward(dy);
        }
    }

    /**
     * DL4J's dropout (a {@code DropoutLayer}): the identity at inference; in training each value is kept with
     * probability {@code retain} (DL4J's {@code dropOut(p)} number is this keep probability) and divided by it, the
     * mask drawn from a seed so the backward pass (and a rerun) draws the same one.
     */
    record Dropout(double retain) implements Step.OneInput, TrainingStep {

        @Override
        public float[] forward(float[] x) {
            return x; // shared, like Identity: no step changes an array once made
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            return dy;
        }

        @Override
        public float[][] forwardTraining(float[][] batch, long seed) {
            float[][] out = new float[batch.length][];
            for (int n = 0; n < batch.length; n++) {
                out[n] = masked(batch[n], seed, n);
            }
            return out;
        }

        @Override
        public float[][] backwardTraining(
                float[][] batch, float[][] outputs, float[][] dOutputs, float[][] grads, long seed) {
            float[][] dx = new float[batch.length][];
            for (int n = 0; n < batch.length; n++) {
                dx[n] = masked(dOutputs[n], seed, n);
            }
            return dx;
        }

        /** {@code v} times image {@code n}'s mask: 0 where dropped, {@code 1 / retain} where kept. */
        private float[] masked(float[] v, long seed, int n) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
            float keep = (float) (1 / retain);
            float[] y = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = random.nextDouble() < retain ? v[i] * keep : 0f;
            }
            return y;
        }
    }

    /** How a {@link Combine} joins its inputs; the name's lower case is the label the views show. */
    enum Op {
        ADD,
        SUBTRACT,
        PRODUCT,
        AVERAGE,
        MAX
    }

    /** Inputs of one shape joined value by value, left to right (a residual addition, a product...). */
    record Combine(Op op) implements Step {

        @Override
        public float[] forward(float[][] in) {
            float[] y = in[0].clone();
            for (int k = 1; k < in.length; k++) {
                combine(y, in[k]);
            }
            if (op == Op.AVERAGE) {
                float n = in.length;
                for (int i = 0; i < y.length; i++) {
                    y[i] /= n;
                }
            }
            return y;
        }

        @Override
        public float[][] backward(float[][] in, float[] y, float[] dy, float[][] grads) {
            float[][] dx = new float[in.length][];
            switch (op) {
                case ADD -> Arrays.fill(dx, dy);
                case AVERAGE -> Arrays.fill(dx, new Scale(1f / in.length).forward(dy));
                case SUBTRACT -> {
                    dx[0] = dy;
                    for (int k = 1; k < in.length; k++) {
                        dx[k] = new Scale(-1f).forward(dy);
                    }
                }
                case PRODUCT -> {
                    for (int k = 0; k < in.length; k++) {
                        dx[k] = dy.clone();
                        for (int j = 0; j < in.length; j++) {
                            if (j != k) {
                                for (int i = 0; i < dy.length; i++) {
                                    dx[k][i] *= in[j][i];
                                }
                            }
                        }
                    }
                }
                case MAX -> {
                    // Each value's gradient goes to the first input holding the maximum.
                    for (int k = 0; k < in.length; k++) {
                        dx[k] = new float[dy.length];
                    }
                    for (int i = 0; i < dy.length; i++) {
                        int best = 0;
                        for (int k = 1; k < in.length; k++) {
                            if (in[k][i] > in[best][i]) {
                                best = k;
                            }
                        }
                        dx[best][i] = dy[i];
                    }
                }
            }
            return dx;
        }

        /** {@code y = y (op) x}; an average sums here and {@link #forward} divides once at the end. */
        private void combine(float[] y, float[] x) {
            switch (op) {
                case ADD, AVERAGE -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] += x[i];
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] -= x[i];
                    }
                }
                case PRODUCT -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] *= x[i];
                    }
                }
                case MAX -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.max(y[i], x[i]);
                    }
                }
            }
        }
    }

    /** Channels stacked in input order; channel-major arrays make that one block after another. */
    record Concatenation(int size) implements Step {

        @Override
        public float[] forward(float[][] in) {
            float[] y = new float[size];
            int at = 0;
            for (float[] part : in) {
                System.arraycopy(part, 0, y, at, part.length);
                at += part.length;
            }
            return y;
        }

        @Override
        public float[][] backward(float[][] in, float[] y, float[] dy, float[][] grads) {
            float[][] dx = new float[in.length][];
            int at = 0;
            for (int k = 0; k < in.length; k++) {
                dx[k] = Arrays.copyOfRange(dy, at, at + in[k].length);
                at += in[k].length;
            }
            return dx;
        }
    }
}
