package io.convscope.engine;

import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite differences in double precision against the backward pass. The scalar differentiated is
 * {@code L = sum r * y} for a fixed random {@code r}, so the backward is seeded with {@code dL/dy = r}. The reference
 * forward is a double-precision implementation written apart from the engine ({@link ReferenceSteps}), checked first
 * against the engine's float forward; the backward (float) must then agree with its differences to a relative error
 * of at most 1e-4, where the error of a value is {@code |ours - fd| / max(|fd|, 1e-2 * the largest |fd| of that
 * tensor)} (values 100 times smaller than a tensor's largest would otherwise measure float rounding, not the maths).
 */
final class GradientCheck {

    static final double TOLERANCE = 1e-4;
    private static final double H = 1e-6;

    private GradientCheck() {}

    /** A double forward of one image: inputs and parameters to the output. */
    interface Reference {
        double[] apply(double[][] inputs, double[][] parameters);
    }

    /** A double forward of a batch in training mode. */
    interface BatchReference {
        double[][] apply(double[][] batch, double[][] parameters);
    }

    /** Checks one step at inference: the input gradients and the first {@code checkedParameters} parameter arrays. */
    static void check(String what, Step step, float[][] inputs, Reference reference, int checkedParameters) {
        float[][] params = step.parameters();
        double[][] in = toDouble(inputs);
        double[][] p = toDouble(params);
        float[] y = step.forward(inputs);
        assertForward(what, reference.apply(in, p), y);
        double[] r = random(y.length, 17);
        float[] seed = toFloat(r);
        float[][] grads = BatchPass.zerosLike(params);
        float[][] dx = step.backward(inputs, y, seed, grads);
        for (int k = 0; k < inputs.length; k++) {
            double[] fd = differences(in[k], () -> dot(r, reference.apply(in, p)));
            compare(what + " input " + k, fd, dx[k]);
        }
        for (int j = 0; j < checkedParameters; j++) {
            double[] fd = differences(p[j], () -> dot(r, reference.apply(in, p)));
            compare(what + " parameter " + j, fd, grads[j]);
        }
    }

    /** Checks a training-mode step over a batch: every image's input gradient and the parameter gradients. */
    static void checkTraining(
            String what, TrainingStep step, float[][] batch, float[][] params, BatchReference reference, int checked) {
        double[][] in = toDouble(batch);
        double[][] p = toDouble(params);
        float[][] y = step.forwardTraining(batch, 5);
        double[][] yRef = reference.apply(in, p);
        double[][] r = new double[batch.length][];
        float[][] seed = new float[batch.length][];
        for (int n = 0; n < batch.length; n++) {
            assertForward(what + " image " + n, yRef[n], y[n]);
            r[n] = random(y[n].length, 31 + n);
            seed[n] = toFloat(r[n]);
        }
        float[][] grads = BatchPass.zerosLike(params);
        float[][] dx = step.backwardTraining(batch, y, seed, grads, 5);
        for (int n = 0; n < batch.length; n++) {
            double[] fd = differences(in[n], () -> dot(r, reference.apply(in, p)));
            compare(what + " image " + n, fd, dx[n]);
        }
        for (int j = 0; j < checked; j++) {
            double[] fd = differences(p[j], () -> dot(r, reference.apply(in, p)));
            compare(what + " parameter " + j, fd, grads[j]);
        }
    }

    /** The derivative of {@code f} along every coordinate of {@code v} (changed in place and restored). */
    static double[] differences(double[] v, DoubleSupplier f) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + H;
            double up = f.getAsDouble();
            v[i] = keep - H;
            double down = f.getAsDouble();
            v[i] = keep;
            d[i] = (up - down) / (2 * H);
        }
        return d;
    }

    static void compare(String what, double[] fd, float[] ours) {
        assertTrue(fd.length == ours.length, what + ": " + ours.length + " values, expected " + fd.length);
        double largest = 0;
        for (double v : fd) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0, what + ": the finite differences are all zero, the check would prove nothing");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < fd.length; i++) {
            double err = Math.abs(ours[i] - fd[i]) / Math.max(Math.abs(fd[i]), 1e-2 * largest);
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        if (worst > TOLERANCE) {
            fail(what + ": relative error " + worst + " at " + at + " (ours " + ours[at] + ", differences " + fd[at]
                    + ")");
        }
    }

    private static void assertForward(String what, double[] expected, float[] actual) {
        double largest = 1e-30;
        for (double v : expected) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-5 * largest) {
                fail(what + " forward differs from the reference at " + i + ": " + actual[i] + " vs " + expected[i]);
            }
        }
    }

    static double dot(double[] r, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += r[i] * y[i];
        }
        return s;
    }

    static double dot(double[][] r, double[][] y) {
        double s = 0;
        for (int n = 0; n < y.length; n++) {
            s += dot(r[n], y[n]);
        }
        return s;
    }

    static double[] random(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian(); // float-representable, so ours and the reference see the same values
        }
        return v;
    }

    static float[] randomFloats(int n, long seed) {
        return toFloat(random(n, seed));
    }

    static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
