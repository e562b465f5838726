package io.convscope.engine;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;

/** Steps for DL4J's batch normalisation and local response normalisation. */
final class NormalisationFactory {

    private NormalisationFactory() {}

    /**
     * Inference-time batch normalisation, folded into one scale and shift per channel:
     * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, where DL4J may store {@code log10(sqrt(var))}.
     */
    static void batchNorm(Dl4jCompiler c, BatchNormalization bn, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        if (bn.isLockGammaBeta()) {
            throw new ModelLoadException("layer " + name + " locks gamma and beta, which ConvScope does not support");
        }
        var layer = ref.runtime();
        float[] gamma = layer.getParam("gamma").dup().data().asFloat();
        float[] beta = layer.getParam("beta").dup().data().asFloat();
        float[] mean = layer.getParam("mean").dup().data().asFloat();
        float[] variance;
        if (bn.isUseLogStd()) {
            // DL4J stores log10 of the deviation; the step keeps the variance (and still adds eps, as DL4J does).
            variance = layer.getParam("log10stdev").dup().data().asFloat();
            for (int ch = 0; ch < variance.length; ch++) {
                double sd = Math.pow(10, variance[ch]);
                variance[ch] = (float) (sd * sd);
            }
        } else {
            variance = layer.getParam("var").dup().data().asFloat();
        }
        Shape s = c.shape();
        int channels = s.channels();
        NormalisationSteps.BatchNorm step = new NormalisationSteps.BatchNorm(
                channels, s.height() * s.width(), gamma, beta, mean, variance, bn.getEps(), bn.getDecay());
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        step.fold(scale, shift);
        // The explanation views show the folded arithmetic, y = scale * x + shift, per channel.
        c.putWeights(name, new LayerWeights(channels, 1, 1, 1, scale, shift));
        c.add(
                LayerDescription.elementwise(name, LayerKind.BATCH_NORM, s, s, "identity", 4L * channels),
                step,
                ref.key());
        c.ownParameters(new ParameterOwner(
                name,
                new String[] {"gamma", "beta", "mean", "var"},
                bn.isUseLogStd() ? ParameterOwner.Layout.LOG_STD : ParameterOwner.Layout.AS_IS,
                null,
                1));
        // DL4J 1.0.0-M2.1's batch normalisation never applies the activation its configuration names (the zoo's
        // Inception-ResNet v1 names tanh, Xception sigmoid): measured against its outputs in PresetModelsTest,
        // so ConvScope computes exactly what DL4J does and shows no such step.
    }

    static void localResponse(Dl4jCompiler c, LocalResponseNormalization lrn, String name, Dl4jCompiler.Ref ref) {
        Shape s = c.shape();
        c.add(
                LayerDescription.elementwise(name, LayerKind.LOCAL_RESPONSE_NORM, s, s, "identity", 0),
                new NormalisationSteps.LocalResponse(
                        s.channels(), s.height() * s.width(), lrn.getK(), lrn.getN(), lrn.getAlpha(), lrn.getBeta()),
                ref.key());
    }
}
