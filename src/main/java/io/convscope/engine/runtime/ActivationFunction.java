package io.convscope.engine.runtime;

import io.convscope.engine.ModelLoadException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The element-wise (and softmax) functions our forward kernels evaluate exactly as ND4J does. */
public enum ActivationFunction {
    IDENTITY("identity"),
    RELU("relu"),
    RELU6("relu6"),
    LEAKY_RELU("leaky_relu"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    SOFTMAX("softmax");

    public final String label;

    ActivationFunction(String label) {
        this.label = label;
    }

    /** Maps an ND4J activation, refusing the ones we would compute differently. */
    public static ActivationFunction of(IActivation a, String layerName) throws ModelLoadException {
        if (a == null || a instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (a instanceof ActivationReLU r) {
            if (r.getMax() != null || r.getThreshold() != null || r.getNegativeSlope() != null) {
                throw new ModelLoadException(
                        "layer " + layerName + " uses a parameterised ReLU that ConvScope does not support");
            }
            return RELU;
        }
        if (a instanceof ActivationReLU6) {
            return RELU6;
        }
        if (a instanceof ActivationLReLU) {
            return LEAKY_RELU;
        }
        if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        if (a instanceof ActivationTanH) {
            return TANH;
        }
        if (a instanceof ActivationSoftmax) {
            return SOFTMAX;
        }
        throw new ModelLoadException(
                "layer " + layerName + " uses the activation " + a + ", which ConvScope does not support yet");
    }

    /** A new array with the function applied to every value of {@code x}. */
    float[] applied(float[] x, double alpha) {
        if (this == RELU) {
            // Math.max vectorises where a conditional does not (and mispredicts on half-negative maps): about 7 times
            // faster. The same values, -0 included (max(-0, 0) is +0); a NaN stays NaN.
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(x[i], 0f);
            }
            return y;
        }
        float[] y = x.clone();
        apply(y, alpha);
        return y;
    }

    /** Applies the function in place. {@code alpha} is the leaky-ReLU slope. */
    void apply(float[] v, double alpha) {
        switch (this) {
            case IDENTITY -> {}
            case RELU -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            }
            case RELU6 -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.min(6f, Math.max(0f, v[i]));
                }
            }
            case LEAKY_RELU -> {
                float a = (float) alpha;
                for (int i = 0; i < v.length; i++) {
                    v[i] = v[i] > 0 ? v[i] : v[i] * a;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = sigmoid(v[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
            case SOFTMAX -> softmaxInPlace(v);
        }
    }

    /**
     * The gradient with respect to the input {@code x}, given the output {@code y} and the gradient {@code dy} with
     * respect to it; derivatives at the kinks as ND4J takes them (ReLU: 0 at 0; ReLU6: 1 strictly inside (0, 6)).
     */
    float[] gradient(float[] x, float[] y, float[] dy, double alpha) {
        float[] dx = new float[x.length];
        switch (this) {
            case IDENTITY -> System.arraycopy(dy, 0, dx, 0, dx.length);
            case RELU -> {
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = dy[i] * positive(x[i]) + 0f;
                }
            }
            case RELU6 -> {
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = x[i] > 0 && x[i] < 6 ? dy[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                float a = (float) alpha;
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = x[i] > 0 ? dy[i] : dy[i] * a;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = dy[i] * y[i] * (1 - y[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = dy[i] * (1 - y[i] * y[i]);
                }
            }
            case SOFTMAX -> {
                // The Jacobian diag(y) - y y^T times dy: y * (dy - y . dy).
                double dot = 0;
                for (int i = 0; i < dx.length; i++) {
                    dot += (double) y[i] * dy[i];
                }
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = (float) (y[i] * (dy[i] - dot));
                }
            }
        }
        return dx;
    }

    /**
     * 1 where {@code x > 0}, else 0, without a branch so the ReLU gradient's loop vectorises (a conditional does not,
     * and mispredicts on maps that are half negative). Times 2^200, in two steps since 2^200 is no float, even the
     * smallest subnormal (2^-149) exceeds 1. The gradient adds 0 after multiplying so that a zeroed negative gradient
     * is +0, as the conditional gave.
     */
    static float positive(float x) {
        return Math.min(Math.max(x, 0f) * 0x1p100f * 0x1p100f, 1f);
    }

    /** The logistic function 1 / (1 + e^-x), in double precision as ND4J computes it. */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** Numerically stable softmax (subtracts the maximum first, as ND4J does). */
    public static void softmaxInPlace(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            e[i] = Math.exp(v[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (e[i] / sum);
        }
    }
}
