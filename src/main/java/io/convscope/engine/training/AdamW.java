package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, in PyTorch's order: the weight shrinks by
 * {@code lr * decay} before the Adam step), applied to weights only, never to biases.
 */
final class AdamW implements Optimiser {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final double weightDecay;
    final float[][] m;
    final float[][] v;
    long step;

    AdamW(List<ParameterBlock> blocks, double weightDecay) {
        this.weightDecay = weightDecay;
        m = new float[blocks.size()][];
        v = new float[blocks.size()][];
        for (int i = 0; i < blocks.size(); i++) {
            m[i] = new float[blocks.get(i).values().length];
            v[i] = new float[blocks.get(i).values().length];
        }
    }

    @Override
    public void update(List<ParameterBlock> blocks, float[][] grads, double learningRate) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        float lr = (float) learningRate;
        float keep = (float) (1 - learningRate * weightDecay);
        for (int p = 0; p < blocks.size(); p++) {
            ParameterBlock block = blocks.get(p);
            if (!block.trainable()) {
                continue;
            }
            float[] w = block.values();
            float[] g = grads[p];
            float[] mp = m[p];
            float[] vp = v[p];
            float shrink = block.role() == ParameterBlock.Role.WEIGHT ? keep : 1f;
            for (int i = 0; i < w.length; i++) {
                mp[i] = BETA1 * mp[i] + (1 - BETA1) * g[i];
                vp[i] = BETA2 * vp[i] + (1 - BETA2) * g[i] * g[i];
                double mHat = mp[i] / c1;
                double vHat = vp[i] / c2;
                w[i] = w[i] * shrink - (float) (lr * mHat / (Math.sqrt(vHat) + EPSILON));
            }
        }
    }

    double weightDecay() {
        return weightDecay;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeLong(step);
        Arrays2.write(out, m);
        Arrays2.write(out, v);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
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
