package io.convscope.engine.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Adam with decoupled weight decay (Loshchilov and Hutter), applied to weights only, never to biases. */
final class AdamW {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    final float[][] m;
    final float[][] v;
    long step;

    AdamW(float[][] params) {
        m = new float[params.length][];
        v = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            m[i] = new float[params[i].length];
            v[i] = new float[params[i].length];
        }
    }

    /** One update; parameters at even indices are weights (decayed), odd ones biases. */
    void update(float[][] params, float[][] grads, double learningRate, double weightDecay) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        float lr = (float) learningRate;
        float decay = (float) (learningRate * weightDecay);
        for (int p = 0; p < params.length; p++) {
            float[] w = params[p];
            float[] g = grads[p];
            float[] mp = m[p];
            float[] vp = v[p];
            boolean decayed = p % 2 == 0;
            for (int i = 0; i < w.length; i++) {
                mp[i] = BETA1 * mp[i] + (1 - BETA1) * g[i];
                vp[i] = BETA2 * vp[i] + (1 - BETA2) * g[i] * g[i];
                double mHat = mp[i] / c1;
                double vHat = vp[i] / c2;
                w[i] -= (float) (lr * mHat / (Math.sqrt(vHat) + EPSILON));
                if (decayed) {
                    w[i] -= decay * w[i];
                }
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(step);
        Arrays2.write(out, m);
        Arrays2.write(out, v);
    }

    void read(DataInputStream in) throws IOException {
        step = in.readLong();
        Arrays2.readInto(in, m);
        Arrays2.readInto(in, v);
    }

    /** Length-prefixed float arrays for checkpoints. */
    static final class Arrays2 {
        private Arrays2() {}

        static void write(DataOutputStream out, float[][] arrays) throws IOException {
            out.writeInt(arrays.length);
            for (float[] a : arrays) {
                out.writeInt(a.length);
                for (float f : a) {
                    out.writeFloat(f);
                }
            }
        }

        static void readInto(DataInputStream in, float[][] arrays) throws IOException {
            if (in.readInt() != arrays.length) {
                throw new IOException("checkpoint does not match the model");
            }
            for (float[] a : arrays) {
                if (in.readInt() != a.length) {
                    throw new IOException("checkpoint does not match the model");
                }
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readFloat();
                }
            }
        }
    }
}
