package io.convscope.engine;

import io.convscope.explain.ConvolutionExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerKind;
import io.convscope.network.OutputMap;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.FixedSchedule;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our fast forward pass must give DL4J's numbers at every layer DL4J exposes. */
class CompiledNetworkTest {

    @Test
    void aSegmentationModelsZipOpensWithAMapOutput(@TempDir Path dir) throws Exception {
        // A user's own DL4J model ending in a per-pixel sigmoid loss (a U-Net in miniature), saved without a sidecar:
        // the loader must not read the last layer's one channel as one class.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5)
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .build())
                .layer(new ConvolutionLayer.Builder(1, 1)
                        .nOut(1)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.convolutional(64, 64, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path zip = dir.resolve("segmenter.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        LoadedModel m = ModelLoader.load(zip);
        assertTrue(m.metadata().classes().isEmpty());
        assertTrue(!m.description().predictsClasses());
        assertTrue(OutputMap.isMask(m.description()));
        float[] x = new float[3 * 64 * 64];
        Random rng = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        ActivationSnapshot s = m.compiled().forward(x);
        float[] expected = net.output(Nd4j.create(x, new long[] {1, 3, 64, 64}, 'c'), false)
                .dup()
                .data()
                .asFloat();
        var mask = s.layer(s.layerCount() - 1);
        assertEquals(new Shape(1, 64, 64), mask.shape());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], mask.value(i), 1e-6f, "mask value " + i);
        }
    }

    @Test
    void tinyVggMatchesDl4jAtEveryLayer() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(5, 10, new FixedSchedule(1e-3), 0));
        net.init();
        CompiledNetwork compiled = CompiledNetwork.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "t");
        List<String> names =
                compiled.description().layers().stream().map(l -> l.name()).toList();
        assertEquals(
                List.of(
                        "input",
                        "conv_1_1",
                        "relu_1_1",
                        "conv_1_2",
                        "relu_1_2",
                        "max_pool_1",
                        "conv_2_1",
                        "relu_2_1",
                        "conv_2_2",
                        "relu_2_2",
                        "max_pool_2",
                        "flatten",
                        "output"),
                names);
        assertEquals(
                new Shape(10, 13, 13), compiled.description().layers().get(10).outputShape());
        assertEquals(LayerKind.OUTPUT, compiled.description().layers().get(12).kind());
        assertEquals(19_920, compiled.description().parameterCount());
        compareWithDl4j(net, compiled, 3);
    }

    @Test
    void otherKernelsStridesPaddingAndPoolingMatchDl4j() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .name("c5s2p2")
                        .nOut(6)
                        .stride(2, 2)
                        .padding(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .name("pool3s2")
                        .kernelSize(3, 3)
                        .stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .build())
                .layer(new ZeroPaddingLayer.Builder(1, 2, 0, 1).name("pad").build())
                .layer(new ConvolutionLayer.Builder(4, 2)
                        .name("c4x2same")
                        .nOut(5)
                        .stride(1, 2)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder()
                        .name("tanh")
                        .activation(Activation.TANH)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG)
                        .name("avg2same")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nOut(12)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(37, 29, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random rng = new Random(2);
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).numParams() > 0 && net.getLayer(i).getParam("b") != null) {
                INDArray b = net.getLayer(i).getParam("b");
                for (int j = 0; j < b.length(); j++) {
                    b.putScalar(j, rng.nextGaussian() * 0.1);
                }
            }
        }
        CompiledNetwork compiled = CompiledNetwork.compile(net, new Shape(3, 37, 29), List.of("a", "b", "c", "d"), "x");
        assertTrue(
                compiled.description().layers().stream().anyMatch(l -> l.name().equals("c5s2p2_relu")),
                "a convolution with a built-in ReLU shows the ReLU as its own layer");
        compareWithDl4j(net, compiled, 3);
    }

    @Test
    void separableConvolutionIsADepthwiseThenAPointwiseStep() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(4)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new SeparableConvolution2D.Builder(3, 3)
                        .name("sep")
                        .nOut(5)
                        .depthMultiplier(2)
                        .stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SeparableConvolution2D.Builder(2, 2)
                        .name("sep2")
                        .nOut(4)
                        .hasBias(false)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder()
                        .name("tanh")
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(13, 11, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray b = net.getLayer(0).getParam("b");
        Random rng = new Random(3);
        for (int j = 0; j < b.length(); j++) {
            b.putScalar(j, rng.nextGaussian() * 0.1);
        }
        CompiledNetwork compiled = CompiledNetwork.compile(net, new Shape(3, 13, 11), List.of("a", "b", "c"), "x");
        var d = compiled.description();
        int depthwise = d.indexOf("sep_depthwise");
        assertEquals(new Shape(6, 7, 6), d.layer(depthwise).outputShape(), "3 channels x multiplier 2, stride 2");
        assertEquals("sep", d.layer(depthwise + 1).name());
        assertEquals(net.numParams(), d.parameterCount());
        compareWithDl4j(net, compiled, 3);
        // A depthwise neuron's arithmetic: channel c * 2 + m reads input channel c alone.
        float[] x = new float[3 * 13 * 11];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        ActivationSnapshot s = compiled.forward(x);
        var explanation = new ConvolutionExplanation(s, depthwise, 5);
        assertTrue(explanation.depthwise());
        assertEquals(1, explanation.inputChannels());
        assertEquals(2, explanation.inputChannel(0));
        float[][] sum = explanation.sumOfIntermediatesPlusBias();
        for (int y = 0; y < 7; y++) {
            for (int xx = 0; xx < 6; xx++) {
                assertEquals(s.layer(depthwise).value(5, y, xx), sum[y][xx], 1e-5);
            }
        }
    }

    @Test
    void unsupportedLayersAreRefusedWithTheirName() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv")
                        .nOut(2)
                        .activation(Activation.ELU)
                        .build())
                .layer(new OutputLayer.Builder()
                        .name("out")
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ModelLoadException e = assertThrows(
                ModelLoadException.class,
                () -> CompiledNetwork.compile(net, new Shape(1, 8, 8), List.of("a", "b"), "x"));
        assertTrue(e.getMessage().contains("conv"), e.getMessage());
    }

    static void compareWithDl4j(MultiLayerNetwork net, CompiledNetwork compiled, int inputs) {
        Shape in = compiled.description().inputShape();
        Random rng = new Random(9);
        for (int n = 0; n < inputs; n++) {
            float[] x = new float[in.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextFloat();
            }
            ActivationSnapshot s = compiled.forward(x);
            INDArray input = Nd4j.create(x, new long[] {1, in.channels(), in.height(), in.width()}, 'c');
            List<INDArray> ref = net.feedForward(input, false);
            int compared = 0;
            for (int layer = 0; layer < s.layerCount(); layer++) {
                int idx = compiled.dl4jIndexOf(layer);
                if (idx < 0) {
                    continue;
                }
                // DL4J applies a following activation layer in place, so ask for each layer's output on its own.
                float[] expected = idx == 0
                        ? x
                        : net.feedForwardToLayer(idx - 1, input, false)
                                .get(idx)
                                .dup('c')
                                .data()
                                .asFloat();
                float[] actual = s.layer(layer).toArray();
                assertEquals(expected.length, actual.length, "size of layer " + layer);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(
                            expected[i],
                            actual[i],
                            1e-5 + 1e-5 * Math.abs(expected[i]),
                            compiled.description().layer(layer).name() + " [" + i + "]");
                }
                compared++;
            }
            assertTrue(compared >= 4, "compared only " + compared + " layers");
            float[] probabilities = ref.get(ref.size() - 1).data().asFloat();
            for (int c = 0; c < probabilities.length; c++) {
                assertEquals(probabilities[c], s.probability(c), 1e-6, "probability " + c);
            }
        }
    }
}
