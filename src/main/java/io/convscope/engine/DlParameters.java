package io.convscope.engine;

import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.factory.Nd4j;

/** Writes one of our parameter blocks back into its DL4J layer's parameter table, undoing our layout. */
final class DlParameters {

    private DlParameters() {}

    static void write(Layer layer, ParameterBlock block, ParameterOwner owner) {
        String key = dl4jKey(block, owner);
        var target = layer.getParam(key);
        target.assign(Nd4j.create(inDl4jLayout(layer, block, owner, block.values()), target.shape(), 'c'));
    }

    /** The key DL4J's parameter table holds the block under ({@code log10stdev} for a log-std batch norm's var). */
    static String dl4jKey(ParameterBlock block, ParameterOwner owner) {
        return block.key().equals("var") && owner.layout() == ParameterOwner.Layout.LOG_STD
                ? "log10stdev"
                : block.key();
    }

    /** {@code v} (values or a gradient of {@code block}) re-ordered as DL4J stores the block, c order. */
    static float[] inDl4jLayout(Layer layer, ParameterBlock block, ParameterOwner owner, float[] v) {
        String key = block.key();
        float[] dl4j = v;
        if (key.equals("W") && owner.layout() == ParameterOwner.Layout.DENSE) {
            dl4j = denseToDl4j(
                    v, layer.getParam("W").rows(), layer.getParam("W").columns(), owner.hwcFlatten());
        } else if (key.equals("W") && owner.layout() == ParameterOwner.Layout.DEPTHWISE) {
            dl4j = depthwiseToDl4j(
                    v, owner.multiplier(), (int) layer.getParam("W").size(1));
        } else if (key.equals("var") && owner.layout() == ParameterOwner.Layout.LOG_STD) {
            dl4j = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                dl4j[i] = (float) Math.log10(Math.sqrt(v[i]));
            }
        }
        return dl4j;
    }

    /** Ours {@code [out][in]} (channel-major inputs) to DL4J's {@code [in][out]} (channels-last after such a flatten). */
    private static float[] denseToDl4j(float[] w, long nIn, long nOut, Shape hwcFlatten) {
        float[] t = new float[w.length];
        int in = (int) nIn;
        int out = (int) nOut;
        for (int i = 0; i < in; i++) {
            int ours = hwcFlatten == null ? i : DenseFactory.hwcToChw(i, hwcFlatten);
            for (int o = 0; o < out; o++) {
                t[i * out + o] = w[o * in + ours];
            }
        }
        return t;
    }

    /** Ours {@code [c * multiplier + m][taps]} to DL4J's {@code [m][c][taps]}. */
    private static float[] depthwiseToDl4j(float[] w, int multiplier, int channels) {
        int taps = w.length / (channels * multiplier);
        float[] t = new float[w.length];
        for (int m = 0; m < multiplier; m++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(w, (c * multiplier + m) * taps, t, (m * channels + c) * taps, taps);
            }
        }
        return t;
    }
}
