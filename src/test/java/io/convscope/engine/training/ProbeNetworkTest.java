package io.convscope.engine.training;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.ImageOutcome;
import io.convscope.network.LayerWeights;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The probe copy runs with the parameters it is given: its overview equals the engine's ordinary compiled pass of
 * the trained network layer by layer (weights included), an earlier moment's parameters give that moment's overview
 * after more training, and the confusion matrix counts the trainer's own predictions.
 */
class ProbeNetworkTest {

    static void train(TrainerNetwork network, SgdMomentum sgd, int steps, long seed) {
        for (int s = 0; s < steps; s++) {
            float[][] x = StepInspectorTest.images(4, seed + s);
            var g = network.lossGradients(x, StepInspectorTest.LABELS, 0, s);
            sgd.update(network.parameters(), g.parameters().toArray(float[][]::new), 0.05);
            network.parametersChanged();
        }
    }

    @Test
    void theProbeIsTheTrainedNetworkAsTheOverviewComputesIt() throws Exception {
        try (TrainerNetwork trainer = StepInspectorTest.network(11)) {
            SgdMomentum sgd = new SgdMomentum(trainer.parameters(), 0.9, 1e-4);
            ProbeNetwork probe = ProbeNetwork.of(trainer);
            train(trainer, sgd, 3, 100);
            float[][] early = ProbeNetwork.copyParameters(trainer);
            float[] image = StepInspectorTest.images(1, 55)[0];
            ActivationSnapshot seen = probe.snapshot(early, image);

            var reference = Dl4jCompiler.compile(
                            trainer.toDl4j(),
                            trainer.inputShape(),
                            trainer.description().classes(),
                            "reference")
                    .forward(image);
            assertEquals(reference.layerCount(), seen.layerCount());
            for (int l = 0; l < seen.layerCount(); l++) {
                assertArrayEquals(reference.layer(l).toArray(), seen.layer(l).toArray(), 1e-5f, "layer " + l);
            }
            assertArrayEquals(reference.probabilities(), seen.probabilities(), 1e-6f);
            String conv = seen.network().layer(1).name();
            LayerWeights live = seen.network().weights().get(conv);
            assertArrayEquals(trainer.parameters().get(0).values(), live.weightArray());
            assertFalse(
                    Arrays.equals(trainer.description().weights().get(conv).weightArray(), live.weightArray()),
                    "the weights shown are the trained ones, not those the network was built with");

            train(trainer, sgd, 3, 200);
            ActivationSnapshot again = probe.snapshot(early, image);
            assertArrayEquals(seen.probabilities(), again.probabilities(), "an earlier moment's parameters");
            ActivationSnapshot now = probe.snapshot(ProbeNetwork.copyParameters(trainer), image);
            assertArrayEquals(trainer.probabilities(new float[][] {image})[0], now.probabilities(), 1e-6f);
            assertArrayEquals(
                    trainer.parameters().get(0).values(),
                    probe.describe(ProbeNetwork.copyParameters(trainer))
                            .weights()
                            .get(conv)
                            .weightArray());
        }
    }

    @Test
    void everyLayersWeightsAreTheTrainedOnesBatchNormalisationFoldedAsTheOverviewShowsIt() throws Exception {
        ArchitectureDesign design = new ArchitectureDesign(
                "normalised",
                32,
                3,
                3,
                List.of(
                        new Block.Conv(4, 3, 1, Block.Padding.SAME, "relu", true),
                        new Block.Pool(Block.PoolMode.MAX, 4, 4),
                        new Block.Dense(6, "relu")));
        try (TrainerNetwork trainer = TrainableNetworks.create(design, StepInspectorTest.CLASSES, 13)) {
            ProbeNetwork probe = ProbeNetwork.of(trainer);
            train(trainer, new SgdMomentum(trainer.parameters(), 0.9, 1e-4), 3, 400);
            float[] image = StepInspectorTest.images(1, 56)[0];
            ActivationSnapshot seen = probe.snapshot(ProbeNetwork.copyParameters(trainer), image);
            var reference = Dl4jCompiler.compile(
                            trainer.toDl4j(),
                            trainer.inputShape(),
                            trainer.description().classes(),
                            "reference")
                    .forward(image);
            assertEquals(
                    reference.network().weights().keySet(),
                    seen.network().weights().keySet());
            for (var e : reference.network().weights().entrySet()) {
                LayerWeights mine = seen.network().weights().get(e.getKey());
                assertArrayEquals(e.getValue().weightArray(), mine.weightArray(), 1e-6f, e.getKey());
                assertArrayEquals(e.getValue().biasArray(), mine.biasArray(), 1e-6f, e.getKey());
            }
            for (int l = 0; l < seen.layerCount(); l++) {
                assertArrayEquals(reference.layer(l).toArray(), seen.layer(l).toArray(), 1e-5f, "layer " + l);
            }
        }
    }

    @Test
    void theConfusionMatrixCountsTheTrainersPredictions(@TempDir Path dir) throws Exception {
        ImageFolderDataset data = ImageFolderDataset.open(DesignedTrainingTest.plainFolder(dir), 3, 0.25);
        try (TrainerNetwork trainer = StepInspectorTest.network(12)) {
            TrainingImages images = TrainingImages.check(
                            data.validation(), trainer.inputShape(), 1L << 24, TrainingImages.Progress.NONE)
                    .images();
            train(trainer, new SgdMomentum(trainer.parameters(), 0.9, 0), 4, 300);
            ProbeNetwork probe = ProbeNetwork.of(trainer);
            int[][] counts = probe.confusion(ProbeNetwork.copyParameters(trainer), images);
            int[][] expected = new int[3][3];
            float[][] p = trainer.probabilities(TrainingData.slice(images, 0, images.size()));
            for (int i = 0; i < p.length; i++) {
                expected[images.label(i)][CrossEntropy.argmax(p[i])]++;
            }
            assertArrayEquals(expected, counts);
            assertEquals(
                    images.size(),
                    Arrays.stream(counts).flatMapToInt(Arrays::stream).sum());
            assertThrows(IllegalArgumentException.class, () -> probe.confusion(new float[1][], images));

            // Each image's outcome: the same predictions, so a cell lists as many images as it counts.
            Path root = dir;
            List<ImageOutcome> outcomes =
                    probe.outcomes(ProbeNetwork.copyParameters(trainer), images, root, Evaluation.Progress.NONE);
            int[][] listed = new int[3][3];
            for (int i = 0; i < outcomes.size(); i++) {
                ImageOutcome o = outcomes.get(i);
                listed[o.truth()][o.predicted()]++;
                assertEquals(images.label(i), o.truth());
                assertEquals(p[i][o.predicted()], o.pPredicted());
                assertEquals(p[i][o.truth()], o.pTruth());
                assertEquals(
                        root.toAbsolutePath().resolve(o.path()), images.file(i).toAbsolutePath());
            }
            assertArrayEquals(counts, listed);
            assertThrows(
                    CancellationException.class,
                    () -> probe.outcomes(ProbeNetwork.copyParameters(trainer), images, root, (done, all) -> false));
        }
    }
}
