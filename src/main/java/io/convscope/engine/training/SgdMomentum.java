package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Stochastic gradient descent with heavy-ball momentum and L2 weight decay on weights, in PyTorch's convention:
 * {@code g += decay * w; v = momentum * v + g; w -= lr * v}.
 */
final class SgdMomentum implements Optimiser {

    private final double momentum;
    private final double weightDecay;
    final float[][] velocity;

    SgdMomentum(List<ParameterBlock> blocks, double momentum, double weightDecay) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        velocity = new float[blocks.size()][];
        for (int i = 0; i < blocks.size(); i++) {
            velocity[i] = new float[blocks.get(i).values().length];
        }
    }

    @Override
    public void update(List<ParameterBlock> blocks, float[][] grads, double learningRate) {
        float mu = (float) momentum;
        float lr = (float) learningRate;
        for (int p = 0; p < blocks.size(); p++) {
            ParameterBlock block = blocks.get(p);
            if (!block.trainable()) {
                continue;
            }
            float decay = block.role() == ParameterBlock.Role.WEIGHT ? (float) weightDecay : 0f;
            float[] w = block.values();
            float[] g = grads[p];
            float[] vp = velocity[p];
            for (int i = 0; i < w.length; i++) {
                vp[i] = mu * vp[i] + g[i] + decay * w[i];
                w[i] -= lr * vp[i];
            }
        }
    }

    double momentum() {
        return momentum;
    }

    double weightDecay() {
        return weightDecay;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        AdamW.Arrays2.write(out, velocity);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        AdamW.Arrays2.readInto(in, velocity);
    }
}
