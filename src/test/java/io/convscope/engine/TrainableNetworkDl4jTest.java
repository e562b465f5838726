package io.convscope.engine;

import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.PassMode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled backward pass against DL4J's own on the same weights and batch: the score, every parameter gradient
 * ({@code computeGradientAndScore} / {@code calculateGradients}) and the input gradient. DL4J's score is the batch's
 * mean loss while its gradients (before the updater divides them) are the batch's sum; ours are the mean's gradients,
 * so DL4J's are divided by the batch size. Training mode on both sides: batch norm uses the batch's statistics.
 */
class TrainableNetworkDl4jTest {

    private static final int BATCH = 4;

    @Test
    void tinyVggMatchesDl4j() throws Exception {
        MultiLayerNetwork net = GradientModels.tinyVgg();
        compare(net, new Shape(3, 64, 64), 10);
    }

    @Test
    void batchNormInTrainingModeMatchesDl4j() throws Exception {
        compare(GradientModels.batchNorm(), new Shape(3, 12, 12), 3);
    }

    @Test
    void stridesPaddingDilationAndSeparableMatchDl4j() throws Exception {
        compare(GradientModels.strided(), new Shape(2, 17, 15), 4);
    }

    @Test
    void residualGraphMatchesDl4j() throws Exception {
        ComputationGraph graph = GradientModels.residual();
        Shape shape = new Shape(3, 8, 8);
        Batch b = batch(shape, 3);
        TrainableNetwork ours = TrainableNetwork.compile(graph, shape, classes(3));
        Gradients g = ours.lossGradients(b.images, b.labels, 0, PassMode.TRAINING, 1);
        graph.setInputs(b.x);
        graph.setLabels(b.y);
        graph.computeGradientAndScore();
        assertEquals(graph.score(), g.loss(), 1e-5, "mean cross-entropy");
        check(ours, g, graph.gradient(), graph::getLayer, block -> block.dl4jLayer());
        // DL4J 1.0.0-M2.1's ComputationGraph does not return its input gradient: central differences of its own
        // score, computed in double precision on the same weights, stand in for it.
        ComputationGraph exact = GradientModels.residual(DataType.DOUBLE);
        exact.setParams(graph.params().castTo(DataType.DOUBLE));
        INDArray x = b.x.castTo(DataType.DOUBLE);
        MultiDataSet data = new MultiDataSet(x, b.y.castTo(DataType.DOUBLE));
        double h = 1e-4;
        float[] expected = new float[(int) b.x.length()];
        float[] actual = new float[expected.length];
        Random pick = new Random(9);
        for (int s = 0; s < 40; s++) {
            int i = pick.nextInt(expected.length);
            double v = x.getDouble(i);
            x.putScalar(i, v + h);
            double up = exact.score(data, true);
            x.putScalar(i, v - h);
            double down = exact.score(data, true);
            x.putScalar(i, v);
            expected[i] = (float) ((up - down) / (2 * h) * BATCH); // checkInput divides by the batch
            actual[i] = g.input(i / (int) shape.size())[i % shape.size()];
        }
        checkInputValues(expected, actual);
    }

    private static void compare(MultiLayerNetwork net, Shape shape, int classes) throws Exception {
        Batch b = batch(shape, classes);
        TrainableNetwork ours = TrainableNetwork.compile(net, shape, classes(classes));
        Gradients g = ours.lossGradients(b.images, b.labels, 0, PassMode.TRAINING, 1);
        Pair<Gradient, INDArray> dl4j = net.calculateGradients(b.x, b.y, null, null);
        net.setInput(b.x);
        net.setLabels(b.y);
        net.computeGradientAndScore();
        assertEquals(net.score(), g.loss(), 1e-5, "mean cross-entropy");
        check(
                ours,
                g,
                dl4j.getFirst(),
                net::getLayer,
                block -> Integer.toString(net.getLayer(block.dl4jLayer()).getIndex()));
        checkInput(g, dl4j.getSecond());
    }

    /** Every trainable block against DL4J's gradient under its key ({@code prefix_key}), DL4J's sum / batch. */
    private static void check(
            TrainableNetwork ours,
            Gradients g,
            Gradient dl4j,
            Function<String, Layer> layers,
            Function<ParameterBlock, String> prefix) {
        List<ParameterBlock> blocks = ours.parameters();
        int checked = 0;
        for (int i = 0; i < blocks.size(); i++) {
            ParameterBlock block = blocks.get(i);
            if (!block.trainable()) {
                continue;
            }
            ParameterOwner owner = ours.ownerOf(block.layer());
            String key = prefix.apply(block) + "_" + DlParameters.dl4jKey(block, owner);
            INDArray expected = dl4j.getGradientFor(key);
            assertTrue(
                    expected != null,
                    "DL4J has no gradient " + key + " among "
                            + dl4j.gradientForVariable().keySet());
            float[] actual = DlParameters.inDl4jLayout(
                    layers.apply(block.dl4jLayer()),
                    block,
                    owner,
                    g.parameters().get(i));
            float[] e = expected.dup('c').div(BATCH).data().asFloat();
            assertTrue(
                    block.role() != ParameterBlock.Role.WEIGHT || Math.abs(e[0]) + Math.abs(e[e.length - 1]) > 0,
                    block + ": DL4J's gradient is zero, the comparison would prove nothing");
            assertClose(e, actual, block.toString());
            checked++;
        }
        assertEquals(
                dl4j.gradientForVariable().keySet().stream()
                        .filter(k -> !k.endsWith("_mean") && !k.endsWith("_var") && !k.endsWith("_log10stdev"))
                        .count(),
                checked,
                "every DL4J gradient compared");
    }

    private static void checkInput(Gradients g, INDArray dl4jInput) {
        float[] expected = dl4jInput.dup('c').data().asFloat();
        float[] actual = new float[expected.length];
        int size = expected.length / BATCH;
        for (int n = 0; n < BATCH; n++) {
            System.arraycopy(g.input(n), 0, actual, n * size, size);
        }
        checkInputValues(expected, actual);
    }

    /** {@code expected} is DL4J's sum-convention gradient; ours is the mean's. */
    private static void checkInputValues(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            expected[i] /= BATCH;
        }
        assertClose(expected, actual, "input gradient");
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        // A bias before a training-mode batch norm has a gradient of exactly 0 (DL4J rounds to ~1e-7): a floor.
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-3 * Math.max(scale, 1e-3), what + " [" + i + "]");
        }
    }

    private record Batch(float[][] images, int[] labels, INDArray x, INDArray y) {}

    private static Batch batch(Shape shape, int classes) {
        Random r = new Random(3);
        float[][] images = new float[BATCH][shape.size()];
        int[] labels = new int[BATCH];
        float[] flat = new float[BATCH * shape.size()];
        float[] oneHot = new float[BATCH * classes];
        for (int n = 0; n < BATCH; n++) {
            for (int i = 0; i < shape.size(); i++) {
                images[n][i] = (float) r.nextGaussian();
            }
            System.arraycopy(images[n], 0, flat, n * shape.size(), shape.size());
            labels[n] = r.nextInt(classes);
            oneHot[n * classes + labels[n]] = 1;
        }
        INDArray x = Nd4j.create(flat, new long[] {BATCH, shape.channels(), shape.height(), shape.width()}, 'c');
        return new Batch(images, labels, x, Nd4j.create(oneHot, new long[] {BATCH, classes}, 'c'));
    }

    private static List<String> classes(int n) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.add("c" + i);
        }
        return c;
    }
}
