package io.convscope.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.List;

/**
 * CNN Explainer's Tiny VGG, layer for layer and name for name, so every picture a student sees matches it:
 * 64x64x3 -> (conv 3x3 10 -> relu) x2 -> maxpool 2x2 -> (conv 3x3 10 -> relu) x2 -> maxpool 2x2 -> dense 10 softmax.
 */
public final class TinyVgg {

    public static final int INPUT_SIZE = 64;
    public static final int CHANNELS = 3;
    public static final int FILTERS = 10;
    /** CNN Explainer's output order, which the Tiny ImageNet subset's classes.tsv keeps. */
    public static final List<String> CLASSES = List.of(
            "lifeboat",
            "ladybug",
            "pizza",
            "bell pepper",
            "school bus",
            "koala",
            "espresso",
            "red panda",
            "orange",
            "sports car");

    private TinyVgg() {}

    /**
     * @param seed          weight initialisation seed
     * @param classes       number of output classes
     * @param learningRate  Adam's step size schedule
     * @param weightDecay   decoupled weight decay coefficient (0 for none)
     */
    public static MultiLayerConfiguration configuration(
            long seed, int classes, ISchedule learningRate, double weightDecay) {
        return configuration(seed, classes, learningRate, weightDecay, CHANNELS, INPUT_SIZE, INPUT_SIZE);
    }

    private static MultiLayerConfiguration configuration(
            long seed, int classes, ISchedule learningRate, double weightDecay, int channels, int height, int width) {
        var builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Truncate);
        if (weightDecay > 0) {
            builder.weightDecay(weightDecay, true);
        }
        return builder.list()
                .layer(conv("conv_1_1"))
                .layer(relu("relu_1_1"))
                .layer(conv("conv_1_2"))
                .layer(relu("relu_1_2"))
                .layer(pool("max_pool_1"))
                .layer(conv("conv_2_1"))
                .layer(relu("relu_2_1"))
                .layer(conv("conv_2_2"))
                .layer(relu("relu_2_2"))
                .layer(pool("max_pool_2"))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("output")
                        .nOut(classes)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(height, width, channels))
                .build();
    }

    /**
     * The same architecture for another input size or class count, with a fixed learning rate (for analysis only:
     * training uses {@link #configuration(long, int, ISchedule, double)}).
     */
    public static MultiLayerConfiguration configurationFor(int channels, int height, int width, int classes) {
        return configuration(0, classes, new FixedSchedule(1e-3), 0, channels, height, width);
    }

    private static ConvolutionLayer conv(String name) {
        return new ConvolutionLayer.Builder(3, 3)
                .name(name)
                .nOut(FILTERS)
                .stride(1, 1)
                .activation(Activation.IDENTITY)
                .build();
    }

    private static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder()
                .name(name)
                .activation(Activation.RELU)
                .build();
    }

    private static SubsamplingLayer pool(String name) {
        return new SubsamplingLayer.Builder(PoolingType.MAX)
                .name(name)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build();
    }
}
