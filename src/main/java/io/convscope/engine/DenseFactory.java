package io.convscope.engine;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Steps for DL4J's dense and output layers. */
final class DenseFactory {

    private DenseFactory() {}

    /** Returns whether the layer ends the network in a separate softmax step. */
    static boolean dense(Dl4jCompiler c, Layer conf, String name, Dl4jCompiler.Ref ref, boolean last)
            throws ModelLoadException {
        BaseLayer d = (BaseLayer) conf;
        Shape in = c.shape();
        if (!in.isVector()) {
            throw new ModelLoadException(
                    "layer " + name + " is dense but receives a " + in + " map without a flatten step");
        }
        int nIn = in.channels();
        int nOut = (int) ((FeedForwardLayer) d).getNOut();
        INDArray wArr = ref.runtime().getParam("W");
        if (wArr.rows() != nIn) {
            throw new ModelLoadException("layer " + name + " expects " + wArr.rows() + " inputs but receives " + nIn);
        }
        boolean hasBias = d instanceof DenseLayer dl ? dl.hasBias() : ((BaseOutputLayer) d).hasBias();
        float[] b = hasBias ? ref.runtime().getParam("b").dup().data().asFloat() : new float[nOut];
        Shape hwc = c.takeHwcFlatten();
        float[] w = rowsPerOutput(wArr, nIn, nOut, hwc);
        ParameterOwner owner =
                new ParameterOwner(name, new String[] {"W", hasBias ? "b" : null}, ParameterOwner.Layout.DENSE, hwc, 1);
        c.putWeights(name, new LayerWeights(nOut, nIn, 1, 1, w, b));
        LinearSteps.Dense linear = LinearSteps.Dense.of(nIn, nOut, w, b);
        ActivationFunction f = ActivationFunction.of(d.getActivationFn(), name);
        Shape out = Shape.vector(nOut);
        long params = (long) nIn * nOut + (hasBias ? nOut : 0);
        if (last && f == ActivationFunction.SOFTMAX) {
            // The output layer: logits are kept as this layer's output, probabilities come from softmax after it.
            c.add(LayerDescription.elementwise(name, LayerKind.OUTPUT, in, out, "softmax", params), linear, null);
            c.ownParameters(owner);
            return false;
        }
        c.add(
                LayerDescription.elementwise(
                        name, last ? LayerKind.OUTPUT : LayerKind.DENSE, in, out, "identity", params),
                linear,
                f == ActivationFunction.IDENTITY ? ref.key() : null);
        c.ownParameters(owner);
        if (f != ActivationFunction.IDENTITY) {
            c.activation(name + "_" + f.label, f, Dl4jCompiler.alphaOf(d.getActivationFn()), ref.key());
            return last && f == ActivationFunction.SOFTMAX;
        }
        return false;
    }

    /**
     * DL4J's {@code [in][out]} weights as {@code [out][in]} over channel-major inputs; after a channels-last flatten
     * ({@code hwcMap} not null) the input rows are re-ordered from {@code [y][x][c]} to {@code [c][y][x]}.
     */
    private static float[] rowsPerOutput(INDArray wArr, int nIn, int nOut, Shape hwcMap) {
        if (hwcMap == null) {
            // ND4J transposes VGG's 25,088 x 4,096 matrix far faster than a strided Java loop would.
            return NativeGemm.toArray(wArr.transpose().dup('c'));
        }
        float[] wInOut = wArr.dup('c').data().asFloat();
        float[] w = new float[nIn * nOut];
        for (int i = 0; i < nIn; i++) {
            int chw = hwcToChw(i, hwcMap);
            for (int o = 0; o < nOut; o++) {
                w[o * nIn + chw] = wInOut[i * nOut + o];
            }
        }
        return w;
    }

    static int hwcToChw(int hwcIndex, Shape map) {
        int c = hwcIndex % map.channels();
        int spatial = hwcIndex / map.channels();
        return c * map.height() * map.width() + spatial;
    }
}
