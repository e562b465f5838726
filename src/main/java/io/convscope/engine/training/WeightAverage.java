package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An exponential moving average of the parameters (Polyak averaging), evaluated and exported instead of the last
 * step's weights because it sits in the middle of where the noisy steps wander. The decay starts small and grows to
 * {@code decay}, {@code min(decay, (1 + n) / (10 + n))} after n updates as TensorFlow does, so the first epochs are not
 * dominated by the random initial weights.
 */
final class WeightAverage implements TrainingState {

    private final double decay;
    private final float[][] average;
    private long updates;

    WeightAverage(List<ParameterBlock> blocks, double decay) {
        this.decay = decay;
        average = new float[blocks.size()][];
        for (int i = 0; i < blocks.size(); i++) {
            average[i] = blocks.get(i).values().clone();
        }
    }

    void update(List<ParameterBlock> blocks) {
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        updates++;
        for (int p = 0; p < blocks.size(); p++) {
            float[] w = blocks.get(p).values();
            float[] a = average[p];
            for (int i = 0; i < w.length; i++) {
                a[i] = d * a[i] + (1 - d) * w[i];
            }
        }
    }

    /** Swaps the averaged values into the blocks and the blocks' values into the average (call again to undo). */
    void swap(List<ParameterBlock> blocks) {
        for (int p = 0; p < blocks.size(); p++) {
            float[] w = blocks.get(p).values();
            float[] a = average[p];
            for (int i = 0; i < w.length; i++) {
                float t = w[i];
                w[i] = a[i];
                a[i] = t;
            }
        }
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeLong(updates);
        AdamW.Arrays2.write(out, average);
    }

    @Override
    public void read(DataInputStream in) throws IOException {
        updates = in.readLong();
        AdamW.Arrays2.readInto(in, average);
    }
}
