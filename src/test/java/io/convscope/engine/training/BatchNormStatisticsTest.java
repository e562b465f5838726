package io.convscope.engine.training;

import io.convscope.engine.DesignedNetworks;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.PassMode;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch norm's running statistics after training steps are DL4J's: the same decay, the batch's biased variance, the
 * same stored form (DL4J's log10 of the standard deviation), so a model trained here infers in DL4J, in the app and in
 * {@code evaluate} exactly as it did in the trainer's last evaluation.
 */
class BatchNormStatisticsTest {

    @Test
    void runningMeanAndVarianceMoveAsInDl4jFit() throws Exception {
        ArchitectureDesign design = new ArchitectureDesign(
                "bn",
                32,
                3,
                3,
                List.of(
                        new Block.Conv(4, 3, 1, Block.Padding.SAME, "relu", true),
                        new Block.Pool(Block.PoolMode.MAX, 2, 2)));
        MultiLayerNetwork dl4j = DesignedNetworks.build(design, 3);
        MultiLayerNetwork ours = dl4j.clone();
        TrainableNetwork network = TrainableNetwork.compile(ours, design.inputShape(), List.of("a", "b", "c"));

        Random rng = new Random(9);
        int batch = 5;
        int size = design.inputShape().size();
        for (int step = 0; step < 3; step++) {
            float[][] images = new float[batch][size];
            int[] labels = new int[batch];
            float[] flat = new float[batch * size];
            float[] oneHot = new float[batch * 3];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < size; i++) {
                    images[b][i] = rng.nextFloat() * (1 + step);
                }
                System.arraycopy(images[b], 0, flat, b * size, size);
                labels[b] = rng.nextInt(3);
                oneHot[b * 3 + labels[b]] = 1;
            }
            // The statistics come from the forward pass, before any update: train ours without changing weights,
            // and give DL4J the same batch (its own update of the weights happens after its forward pass, so
            // from the second step on both networks see other weights: copy ours back into DL4J's first).
            network.writeTo(dl4j);
            network.lossGradients(images, labels, 0, PassMode.TRAINING, step);
            dl4j.fit(
                    Nd4j.create(flat, new long[] {batch, 3, 32, 32}, 'c'),
                    Nd4j.create(oneHot, new long[] {batch, 3}, 'c'));
            network.writeTo(ours);
            int bn = batchNormLayer(dl4j);
            int compared = 0;
            for (String key : List.of("mean", "var", "log10stdev")) {
                INDArray expected = dl4j.getLayer(bn).paramTable().get(key);
                if (expected == null) {
                    continue;
                }
                float[] e = expected.dup('c').data().asFloat();
                float[] a =
                        ours.getLayer(bn).paramTable().get(key).dup('c').data().asFloat();
                assertArrayEquals(e, a, 1e-4f, "step " + step + ", " + key);
                compared++;
            }
            assertTrue(compared == 2, "the mean and one form of the variance");
        }
    }

    private static int batchNormLayer(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i) instanceof BatchNormalization) {
                return i;
            }
        }
        throw new AssertionError("no batch norm layer");
    }
}
