package io.convscope.engine.runtime;

/** Steps that work value by value: activations, scalings, and a graph's additions and concatenations. */
public final class ElementwiseSteps {

    private ElementwiseSteps() {}

    /** A non-linearity on its own, so students see it as a column after the linear result. */
    public record Activation(ActivationFunction function, double alpha) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            return function.applied(x, alpha);
        }
    }

    /**
     * A flatten or a dropout at inference: the output is the input array itself, shared, which is safe because no
     * step changes an array once made (and the channel-major order already is the flattened order).
     */
    public record Identity() implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            return x;
        }
    }

    /** Inference-ResNet's residual scaling: every value times one factor. */
    public record Scale(float factor) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * factor;
            }
            return y;
        }
    }

    /** How a {@link Combine} joins its inputs; the name's lower case is the label the views show. */
    public enum Op {
        ADD,
        SUBTRACT,
        PRODUCT,
        AVERAGE,
        MAX
    }

    /** Inputs of one shape joined value by value, left to right (a residual addition, a product...). */
    public record Combine(Op op) implements Step {

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
    public record Concatenation(int size) implements Step {

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
    }
}
