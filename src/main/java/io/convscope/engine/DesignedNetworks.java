package io.convscope.engine;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignedLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * Turns a student's {@link ArchitectureDesign} into an ordinary DL4J network, layer for layer as
 * {@link ArchitectureDesign#layers()} plans it (same names, same shapes), so a trained one saves as a plain DL4J zip
 * that {@link ModelLoader} opens and the compiled forward pass runs. Weights are drawn from a seeded He
 * initialisation (Xavier for layers whose activation is not of the ReLU family), so a seed gives the same network.
 */
public final class DesignedNetworks {

    private DesignedNetworks() {}

    /** The configuration of {@code design}, which must name its class count (see {@link ArchitectureDesign#withClasses}). */
    public static MultiLayerConfiguration configuration(ArchitectureDesign design, long seed) throws DesignException {
        List<DesignedLayer> layers = design.layers();
        var list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        for (DesignedLayer l : layers) {
            list.layer(layer(l));
        }
        return list.setInputType(InputType.convolutional(design.inputSize(), design.inputSize(), design.channels()))
                .build();
    }

    /** A new network with its seeded initial weights. */
    public static MultiLayerNetwork build(ArchitectureDesign design, long seed) throws DesignException {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(design, seed));
        net.init();
        return net;
    }

    private static Layer layer(DesignedLayer l) {
        return switch (l.kind()) {
            case CONVOLUTION -> new ConvolutionLayer.Builder(l.kernel(), l.kernel())
                    .name(l.name())
                    .nOut(l.output().channels())
                    .stride(l.stride(), l.stride())
                    .padding(l.padding().cells(), l.padding().cells())
                    .convolutionMode(l.padding().same() ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    // batch norm's beta is the bias; a second one would only be a parameter that learns nothing
                    .hasBias(!((Block.Conv) l.source()).batchNorm())
                    .activation(Activation.IDENTITY)
                    .build();
            case BATCH_NORM -> new BatchNormalization.Builder().name(l.name()).build();
            case ACTIVATION -> new ActivationLayer.Builder()
                    .name(l.name())
                    .activation(activation(l.activation()))
                    .build();
            case MAX_POOL, AVG_POOL -> new SubsamplingLayer.Builder(
                            l.kind() == DesignedLayer.Kind.MAX_POOL ? PoolingType.MAX : PoolingType.AVG)
                    .name(l.name())
                    .kernelSize(l.kernel(), l.kernel())
                    .stride(l.stride(), l.stride())
                    .build();
            case GLOBAL_MAX_POOL, GLOBAL_AVG_POOL -> new GlobalPoolingLayer.Builder(
                            l.kind() == DesignedLayer.Kind.GLOBAL_MAX_POOL ? PoolingType.MAX : PoolingType.AVG)
                    .name(l.name())
                    .build();
            case DENSE -> new DenseLayer.Builder()
                    .name(l.name())
                    .nOut(l.output().channels())
                    .activation(activation(l.activation()))
                    .weightInit(initFor(l.activation()))
                    .build();
            case DROPOUT -> new DropoutLayer.Builder()
                    .name(l.name())
                    // DL4J's Dropout takes the probability of keeping a value; a description gives the share dropped
                    .dropOut(new Dropout(1 - ((Block.Dropout) l.source()).rate()))
                    .build();
            case OUTPUT -> new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .name(l.name())
                    .nOut(l.output().channels())
                    .activation(Activation.SOFTMAX)
                    .weightInit(WeightInit.XAVIER)
                    .build();
        };
    }

    private static WeightInit initFor(String activation) {
        return activation.contains("relu") ? WeightInit.RELU : WeightInit.XAVIER;
    }

    static Activation activation(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "leaky_relu" -> Activation.LEAKYRELU;
            case "relu6" -> Activation.RELU6;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "identity" -> Activation.IDENTITY;
            default -> throw new IllegalArgumentException("unchecked activation " + name);
        };
    }
}
