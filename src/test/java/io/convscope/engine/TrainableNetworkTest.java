package io.convscope.engine;

import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.PassMode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The loss, the seeded (attribution) backward, and reading and writing parameters. */
class TrainableNetworkTest {

    /** Softmax cross-entropy with label smoothing, mean over the batch, against its double-precision differences. */
    @Test
    void smoothedCrossEntropyMatchesFiniteDifferences() throws Exception {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        TrainableNetwork t = TrainableNetwork.compile(net, Shape.vector(6), List.of("a", "b", "c", "d"));
        float[][] images = {GradientCheck.randomFloats(6, 1), GradientCheck.randomFloats(6, 2)};
        int[] labels = {2, 0};
        double smoothing = 0.1;
        Gradients g = t.lossGradients(images, labels, smoothing, PassMode.TRAINING, 0);
        double[] w = GradientCheck.toDouble(new float[][] {t.parameters().get(0).values()})[0];
        double[] b = GradientCheck.toDouble(new float[][] {t.parameters().get(1).values()})[0];
        double[][] x = GradientCheck.toDouble(images);
        assertEquals(loss(x, labels, w, b, smoothing), g.loss(), 1e-6);
        for (int n = 0; n < 2; n++) {
            GradientCheck.compare(
                    "input " + n, GradientCheck.differences(x[n], () -> loss(x, labels, w, b, smoothing)), g.input(n));
        }
        GradientCheck.compare(
                "weights",
                GradientCheck.differences(w, () -> loss(x, labels, w, b, smoothing)),
                g.parameters().get(0));
        GradientCheck.compare(
                "bias",
                GradientCheck.differences(b, () -> loss(x, labels, w, b, smoothing)),
                g.parameters().get(1));
    }

    private static double loss(double[][] x, int[] labels, double[] w, double[] b, double smoothing) {
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            double[] p = ReferenceSteps.activation(ActivationFunction.SOFTMAX, 0, ReferenceSteps.dense(x[n], w, b));
            for (int c = 0; c < p.length; c++) {
                double target = (c == labels[n] ? 1 - smoothing : 0) + smoothing / p.length;
                sum -= target * Math.log(p[c]);
            }
        }
        return sum / x.length;
    }

    /**
     * The gradient of one logit, seeded by hand, composes into the loss's: {@code dL/dx = sum_c (p_c - y_c) dz_c/dx}
     * (the loss path itself is compared with DL4J in {@link TrainableNetworkDl4jTest}).
     */
    @Test
    void logitGradientsComposeIntoTheLossGradient() throws Exception {
        TrainableNetwork t = TrainableNetwork.compile(GradientModels.tinyVgg(), new Shape(3, 64, 64), TinyVgg.CLASSES);
        float[] image = GradientCheck.randomFloats(3 * 64 * 64, 4);
        Gradients loss = t.lossGradients(new float[][] {image}, new int[] {3}, 0, PassMode.INFERENCE, 0);
        float[] p = t.probabilities(new float[][] {image})[0];
        double[] composed = new double[image.length];
        for (int c = 0; c < p.length; c++) {
            Gradients logit = t.logitGradient(image, c);
            assertEquals(image.length, logit.input(0).length);
            double weight = p[c] - (c == 3 ? 1 : 0);
            for (int i = 0; i < image.length; i++) {
                composed[i] += weight * logit.input(0)[i];
            }
        }
        GradientCheck.compare("composed input gradient", composed, loss.input(0));
        // From the app's snapshot of the same model, without a second forward pass: the same gradients.
        CompiledNetwork app =
                CompiledNetwork.compile(GradientModels.tinyVgg(), new Shape(3, 64, 64), TinyVgg.CLASSES, "tiny vgg");
        float[] oneHot = new float[10];
        oneHot[5] = 1;
        Gradients fromSnapshot = t.backward(app.forward(image), t.logitsLayer(), oneHot);
        assertArrayEquals(t.logitGradient(image, 5).input(0), fromSnapshot.input(0));
        // Every layer up to the logits has its gradient; a softmax step after them (if any) has none.
        Gradients one = t.logitGradient(image, 0);
        for (int layer = 0; layer <= t.logitsLayer(); layer++) {
            assertEquals(t.description().layer(layer).outputShape().size(), one.activation(layer, 0).length);
        }
        for (int layer = t.logitsLayer() + 1; layer < one.activations().length; layer++) {
            assertEquals(null, one.activations()[layer]);
        }
    }

    /** Changed parameters reach DL4J under their keys and in its layouts: the written model computes what ours does. */
    @Test
    void parametersWrittenBackGiveDl4jTheSameOutputs() throws Exception {
        MultiLayerNetwork strided = GradientModels.strided();
        Shape s1 = new Shape(2, 17, 15);
        TrainableNetwork t1 = TrainableNetwork.compile(strided, s1, List.of("a", "b", "c", "d"));
        perturb(t1);
        t1.writeTo(strided);
        assertSameOutputs(t1, strided.output(batchOf(s1)), s1);

        MultiLayerNetwork bn = GradientModels.batchNorm();
        Shape s2 = new Shape(3, 12, 12);
        TrainableNetwork t2 = TrainableNetwork.compile(bn, s2, List.of("a", "b", "c"));
        perturb(t2);
        t2.writeTo(bn);
        assertSameOutputs(t2, bn.output(batchOf(s2)), s2);

        ComputationGraph graph = GradientModels.residual();
        Shape s3 = new Shape(3, 8, 8);
        TrainableNetwork t3 = TrainableNetwork.compile(graph, s3, List.of("a", "b", "c"));
        perturb(t3);
        t3.writeTo(graph);
        assertSameOutputs(t3, graph.outputSingle(batchOf(s3)), s3);
    }

    /** Keys name what DL4J's parameter table holds, and every DL4J parameter has a block. */
    @Test
    void blocksCoverEveryDl4jParameter() throws Exception {
        MultiLayerNetwork net = GradientModels.strided();
        TrainableNetwork t = TrainableNetwork.compile(net, new Shape(2, 17, 15), List.of("a", "b", "c", "d"));
        long ours = t.parameters().stream().mapToLong(ParameterBlock::size).sum();
        assertEquals(net.numParams(), ours);
        ComputationGraph graph = GradientModels.residual();
        TrainableNetwork g = TrainableNetwork.compile(graph, new Shape(3, 8, 8), List.of("a", "b", "c"));
        assertEquals(
                graph.numParams(),
                g.parameters().stream().mapToLong(ParameterBlock::size).sum());
        for (ParameterBlock b : g.parameters()) {
            String key = DlParameters.dl4jKey(b, g.ownerOf(b.layer()));
            assertEquals(graph.getLayer(b.dl4jLayer()).getParam(key).length(), b.size(), b.toString());
        }
    }

    /** A dropout layer trains with its mask; a dropout DL4J would apply to a layer's input is refused, not ignored. */
    @Test
    void dropoutLayersTrainAndLayerDropoutIsRefused() throws Exception {
        var withLayer = new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(output())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(withLayer);
        net.init();
        TrainableNetwork t = TrainableNetwork.compile(net, Shape.vector(6), List.of("a", "b", "c", "d"));
        float[][] images = {GradientCheck.randomFloats(6, 1)};
        Gradients inference = t.lossGradients(images, new int[] {1}, 0, PassMode.INFERENCE, 0);
        Gradients training = t.lossGradients(images, new int[] {1}, 0, PassMode.TRAINING, 0);
        assertNotEquals(inference.loss(), training.loss(), "training drops values");
        assertEquals(
                training.loss(),
                t.lossGradients(images, new int[] {1}, 0, PassMode.TRAINING, 0).loss());

        var onLayer = new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new DenseLayer.Builder()
                        .nOut(5)
                        .dropOut(0.5)
                        .name("hidden")
                        .build())
                .layer(output())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork refused = new MultiLayerNetwork(onLayer);
        refused.init();
        ModelLoadException e = assertThrows(
                ModelLoadException.class,
                () -> TrainableNetwork.compile(refused, Shape.vector(6), List.of("a", "b", "c", "d")));
        assertEquals(
                "layer hidden applies dropout to its input, which ConvScope cannot train; put a dropout layer"
                        + " before it instead",
                e.getMessage());
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(4)
                .activation(Activation.SOFTMAX)
                .build();
    }

    private static void perturb(TrainableNetwork t) {
        Random r = new Random(8);
        for (ParameterBlock b : t.parameters()) {
            float[] v = b.values();
            for (int i = 0; i < v.length; i++) {
                v[i] = b.role() == ParameterBlock.Role.RUNNING_VARIANCE
                        ? v[i] * (1.5f + r.nextFloat())
                        : v[i] + (float) (0.1 * r.nextGaussian());
            }
        }
        t.parametersChanged();
    }

    private static INDArray batchOf(Shape s) {
        return Nd4j.create(images(s), new long[] {2, s.channels(), s.height(), s.width()}, 'c');
    }

    private static float[] images(Shape s) {
        float[] flat = new float[2 * s.size()];
        System.arraycopy(GradientCheck.randomFloats(s.size(), 40), 0, flat, 0, s.size());
        System.arraycopy(GradientCheck.randomFloats(s.size(), 41), 0, flat, s.size(), s.size());
        return flat;
    }

    private static void assertSameOutputs(TrainableNetwork t, INDArray dl4j, Shape s) {
        float[] flat = images(s);
        float[][] batch = {new float[s.size()], new float[s.size()]};
        System.arraycopy(flat, 0, batch[0], 0, s.size());
        System.arraycopy(flat, s.size(), batch[1], 0, s.size());
        float[][] ours = t.probabilities(batch);
        float[] expected = dl4j.dup('c').data().asFloat();
        float[] actual = new float[expected.length];
        System.arraycopy(ours[0], 0, actual, 0, ours[0].length);
        System.arraycopy(ours[1], 0, actual, ours[0].length, ours[1].length);
        assertArrayEquals(expected, actual, 1e-5f);
    }
}
