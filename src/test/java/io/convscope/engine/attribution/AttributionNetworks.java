package io.convscope.engine.attribution;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

/** Small generated networks (seeded random weights, non-zero biases) for the attribution tests. */
final class AttributionNetworks {

    static final List<String> CLASSES = List.of("a", "b", "c");

    private AttributionNetworks() {}

    /** Smooth everywhere (tanh, average pooling), so finite differences of its logits are exact to O(h^2). */
    static TrainableNetwork smooth() throws ModelLoadException {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(Activation.TANH)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(2, 2)
                        .nOut(3)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(output())
                .setInputType(InputType.convolutional(9, 9, 2))
                .build();
        return compile(conf, new Shape(2, 9, 9));
    }

    /** Dense layers only (a multilayer perceptron on a small image): no layer has spatial maps for a CAM. */
    static TrainableNetwork dense() throws ModelLoadException {
        var conf = base().list()
                .layer(new DenseLayer.Builder()
                        .nOut(5)
                        .activation(Activation.RELU)
                        .build())
                .layer(output())
                .setInputType(InputType.convolutional(4, 4, 2))
                .build();
        return compile(conf, new Shape(2, 4, 4));
    }

    /** Convolution, ReLU, convolution, ReLU, dense: the CAMs read the second ReLU's 4 maps of 4 x 4. */
    static TrainableNetwork camNet() throws ModelLoadException {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(3)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(output())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build();
        return compile(conf, new Shape(2, 8, 8));
    }

    /** The CAM architecture of Zhou et al. (2016): convolution with ReLU, global average pooling, one dense layer. */
    static TrainableNetwork globalAveragePooling() throws ModelLoadException {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(5)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(output())
                .setInputType(InputType.convolutional(7, 7, 2))
                .build();
        return compile(conf, new Shape(2, 7, 7));
    }

    /** A graph: a tanh convolution whose output is added to a second tanh convolution of it, then average pooled. */
    static TrainableNetwork residual() throws ModelLoadException {
        var conf = base().graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer(
                        "stem",
                        new ConvolutionLayer.Builder(3, 3)
                                .nOut(3)
                                .convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH)
                                .build(),
                        "in")
                .addLayer(
                        "branch",
                        new ConvolutionLayer.Builder(3, 3)
                                .nOut(3)
                                .convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH)
                                .build(),
                        "stem")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "branch")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer("out", output(), "pool")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(6);
        graph.paramTable().forEach((key, value) -> {
            if (key.endsWith("_b")) {
                value.assign(Nd4j.rand(value.shape()).subi(0.5).muli(0.4));
            }
        });
        return TrainableNetwork.compile(graph, new Shape(2, 6, 6), CLASSES);
    }

    static float[] image(Shape shape, long seed) {
        Random r = new Random(seed);
        float[] x = new float[shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(11).weightInit(WeightInit.XAVIER);
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(CLASSES.size())
                .activation(Activation.SOFTMAX)
                .build();
    }

    private static TrainableNetwork compile(MultiLayerConfiguration conf, Shape input) throws ModelLoadException {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Biases are zero after init; give them values so they take part.
        Nd4j.getRandom().setSeed(5);
        net.paramTable().forEach((key, value) -> {
            if (key.endsWith("_b")) {
                value.assign(Nd4j.rand(value.shape()).subi(0.5).muli(0.4));
            }
        });
        return TrainableNetwork.compile(net, input, CLASSES);
    }
}
