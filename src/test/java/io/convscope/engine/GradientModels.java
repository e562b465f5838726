package io.convscope.engine;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.FixedSchedule;

import java.util.Map;
import java.util.Random;

/** Small DL4J networks (random weights, non-zero biases) whose gradients the backward-pass tests compare. */
final class GradientModels {

    private GradientModels() {}

    /** The bundled architecture: four 3x3 convolutions, two max poolings, dense softmax; 64 x 64 x 3. */
    static MultiLayerNetwork tinyVgg() {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(7, 10, new FixedSchedule(1e-3), 0));
        net.init();
        return jitter(net.paramTable(), net);
    }

    /** Convolution, batch normalisation, ReLU, average pooling, dense, batch normalisation, softmax; 12 x 12 x 3. */
    static MultiLayerNetwork batchNorm() {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(6)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(output(3))
                .setInputType(InputType.convolutional(12, 12, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return jitter(net.paramTable(), net);
    }

    /**
     * Strides, padding and dilation: a 5x5 stride-2 Same convolution, zero padding, a 3x2 convolution with padding
     * (1, 0) and dilation 2, a padded 3x3 stride-2 max pooling, a separable (depthwise + pointwise) convolution,
     * leaky ReLU, sigmoid and ELU-free activations; 17 x 15 x 2.
     */
    static MultiLayerNetwork strided() {
        var conf = base().convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(5)
                        .activation(Activation.LEAKYRELU)
                        .build())
                .layer(new ZeroPaddingLayer.Builder(1, 0, 2, 1).build())
                .layer(new ConvolutionLayer.Builder(3, 2)
                        .padding(1, 0)
                        .dilation(2, 1)
                        .nOut(4)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(3, 3)
                        .stride(2, 2)
                        .padding(1, 1)
                        .build())
                .layer(new SeparableConvolution2D.Builder(2, 2)
                        .depthMultiplier(2)
                        .nOut(3)
                        .activation(Activation.TANH)
                        .build())
                .layer(output(4))
                .setInputType(InputType.convolutional(17, 15, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return jitter(net.paramTable(), net);
    }

    /**
     * A small residual graph: a stem convolution, a block (convolution, batch norm, ReLU, convolution) added to its
     * shortcut, a scaled branch concatenated with it, nearest upsampling, global average pooling, softmax; 8 x 8 x 3.
     */
    static ComputationGraph residual() {
        return residual(DataType.FLOAT);
    }

    /** {@link #residual()} computing in {@code type}, with the same configuration (its parameters set by the caller). */
    static ComputationGraph residual(DataType type) {
        var conf = base().dataType(type)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("stem", conv(4, Activation.RELU), "in")
                .addLayer("a", conv(4, Activation.IDENTITY), "stem")
                .addLayer("bn", new BatchNormalization.Builder().build(), "a")
                .addLayer(
                        "relu",
                        new ActivationLayer.Builder()
                                .activation(Activation.RELU)
                                .build(),
                        "bn")
                .addLayer("b", conv(4, Activation.IDENTITY), "relu")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b", "stem")
                .addVertex("scaled", new ScaleVertex(0.5), "stem")
                .addVertex("concat", new MergeVertex(), "add", "scaled")
                .addLayer("up", new Upsampling2D.Builder(2).build(), "concat")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "up")
                .addLayer("out", output(3), "pool")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return jitter(graph.paramTable(), graph);
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER);
    }

    private static ConvolutionLayer conv(int out, Activation a) {
        return new ConvolutionLayer.Builder(3, 3)
                .convolutionMode(ConvolutionMode.Same)
                .nOut(out)
                .activation(a)
                .build();
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .build();
    }

    /** Non-zero biases and batch-norm statistics, so every gradient and every mask is exercised. */
    private static <T> T jitter(Map<String, INDArray> params, T net) {
        Random r = new Random(5);
        params.forEach((key, p) -> {
            if (key.endsWith("_b") || key.endsWith("_beta") || key.endsWith("_mean")) {
                fill(p, r, 0.1, 0);
            } else if (key.endsWith("_gamma") || key.endsWith("_var")) {
                fill(p, r, 0.3, 1);
            }
        });
        return net;
    }

    private static void fill(INDArray p, Random r, double spread, double centre) {
        float[] v = new float[(int) p.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centre + spread * (centre == 0 ? r.nextGaussian() : r.nextDouble() * 2 - 1));
        }
        p.assign(Nd4j.create(v, p.shape(), 'c'));
    }
}
