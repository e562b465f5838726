package io.convscope.engine.compile;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.runtime.ActivationFunction;
import io.convscope.engine.runtime.Detection;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

/** Steps for the layers that end a network without weights: loss layers and YOLOv2's detection output. */
final class MapOutputFactory {

    private MapOutputFactory() {}

    static boolean isLoss(Layer conf) {
        return conf instanceof LossLayer || conf instanceof CnnLossLayer;
    }

    /** A loss layer without an activation: DL4J's own output equals its input, so there is nothing to show. */
    static boolean isIdentityLoss(Layer conf) {
        return isLoss(conf)
                && (((BaseLayer) conf).getActivationFn() == null
                        || ((BaseLayer) conf).getActivationFn() instanceof ActivationIdentity);
    }

    /**
     * The network's last layer, a loss: SqueezeNet's softmax turns the pooled scores into probabilities, U-Net's
     * per-pixel sigmoid turns each pixel's score into a mask value; an identity loss adds nothing. Returns whether
     * the network ends in a softmax.
     */
    static boolean loss(Dl4jCompiler c, Layer conf, String name, Dl4jCompiler.Ref ref) throws ModelLoadException {
        if (isIdentityLoss(conf)) {
            return false;
        }
        var fn = ((BaseLayer) conf).getActivationFn();
        ActivationFunction f = ActivationFunction.of(fn, name);
        c.activation(name, f, Dl4jCompiler.alphaOf(fn), ref.key());
        return f == ActivationFunction.SOFTMAX;
    }

    /**
     * YOLOv2's output ({@link Detection}). The anchors are kept as this layer's weights (width, height per box), so
     * the views can show them.
     */
    static void detection(Dl4jCompiler c, Yolo2OutputLayer y, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        if (y.getFormat() != CNN2DFormat.NCHW) {
            throw new ModelLoadException(
                    "layer " + name + " reads channels-last data, which ConvScope does not support");
        }
        float[] priors =
                y.getBoundingBoxes().castTo(DataType.FLOAT).dup('c').data().asFloat();
        int boxes = priors.length / 2;
        Shape s = c.shape();
        if (s.channels() % boxes != 0 || s.channels() / boxes < 6) {
            throw new ModelLoadException("layer " + name + " has " + boxes + " anchor boxes but reads " + s.channels()
                    + " channels, which is not " + boxes + " x (5 + classes)");
        }
        c.putWeights(name, new LayerWeights(boxes, 1, 1, 2, priors, new float[boxes]));
        c.add(
                LayerDescription.elementwise(name, LayerKind.DETECTION, s, s, "yolo", 0),
                new Detection(priors, s.channels() / boxes, s.height() * s.width()),
                ref.key());
    }
}
