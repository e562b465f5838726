package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.dataset.Evaluation;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on a small generated image-folder data set: it learns, reports every epoch, honours classes.tsv, writes
 * the model and its metadata, and a run stopped and resumed from its checkpoint ends with the very same weights as
 * an unbroken run with the same seed.
 */
class TrainerTest {

    static final List<String> CLASSES = List.of("reddish", "greenish", "bluish");

    /** Noisy images whose dominant colour is the class: easy enough to learn in a few epochs. */
    static Path makeDataset(Path root) throws Exception {
        Random rng = new Random(1);
        Files.writeString(root.resolve("classes.tsv"), "index\tlabel\n0\treddish\n1\tgreenish\n2\tbluish\n");
        for (String split : List.of("train", "val")) {
            for (int c = 0; c < CLASSES.size(); c++) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(CLASSES.get(c)));
                for (int i = 0; i < (split.equals("train") ? 24 : 6); i++) {
                    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 64; y++) {
                        for (int x = 0; x < 64; x++) {
                            int[] rgb = {rng.nextInt(120), rng.nextInt(120), rng.nextInt(120)};
                            rgb[c] += 120 + rng.nextInt(15);
                            img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    static Trainer.Options options(Path data, Path out, int epochs, boolean resume) {
        return options(data, out, epochs, 8, TrainingRecipe.standard(2e-3), resume);
    }

    static Trainer.Options options(Path data, Path out, int epochs, int batch, TrainingRecipe recipe, boolean resume) {
        return new Trainer.Options(data, out, null, 64, epochs, 7, batch, 10, recipe, resume, "test");
    }

    @Test
    void learnsWritesMetadataAndResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Path data = makeDataset(Files.createDirectories(dir.resolve("data")));

        Path unbroken = dir.resolve("unbroken.zip");
        List<Trainer.EpochResult> epochs = new ArrayList<>();
        Trainer.Result r = new Trainer(options(data, unbroken, 3, false))
                .train(
                        new Trainer.Listener() {
                            @Override
                            public void epochDone(Trainer.EpochResult result) {
                                epochs.add(result);
                            }
                        },
                        () -> false);
        assertEquals(3, epochs.size());
        assertTrue(r.validationAccuracy() > 0.8, "validation accuracy " + r.validationAccuracy());
        ModelMetadata meta = ModelMetadata.read(ModelMetadata.sidecarOf(unbroken));
        assertEquals(CLASSES, meta.classes());
        assertEquals(7, meta.training().seed());
        assertEquals(r.validationAccuracy(), meta.training().validationAccuracy(), 1e-12);
        LoadedModel model = ModelLoader.load(unbroken);
        assertEquals(Evaluation.of(model, data.resolve("val")).accuracy(), r.validationAccuracy(), 1e-12);

        // Stop after the first epoch (the listener asks to cancel), then resume to three.
        Path resumed = dir.resolve("resumed.zip");
        AtomicInteger batches = new AtomicInteger();
        Trainer first = new Trainer(options(data, resumed, 3, false));
        first.train(
                new Trainer.Listener() {},
                () -> batches.incrementAndGet() > 9); // 72 images / 8 = 9 batches: cancelled at the start of epoch 2
        assertTrue(Files.isRegularFile(first.checkpointDir().resolve(Checkpoint.MANIFEST)));
        new Trainer(options(data, resumed, 3, true)).train(new Trainer.Listener() {}, () -> false);

        float[] a = ModelLoader.load(unbroken).description().weights("conv_2_2").weightArray();
        float[] b = ModelLoader.load(resumed).description().weights("conv_2_2").weightArray();
        assertArrayEquals(a, b, "a resumed run must end exactly where an unbroken one does");

        // Stopped in the middle of epoch 2 (after its third batch): the checkpoint holds those batches, and the
        // resume continues with the fourth, to the same weights and the same epoch count.
        Path midEpoch = dir.resolve("mid-epoch.zip");
        AtomicInteger calls = new AtomicInteger();
        Trainer.Result stopped = new Trainer(options(data, midEpoch, 3, false))
                .train(new Trainer.Listener() {}, () -> calls.incrementAndGet() > 12);
        assertEquals(1, stopped.epochsRun());
        assertEquals(3, stopped.batchesIntoNextEpoch());
        List<String> resumedBatches = new ArrayList<>();
        List<Integer> resumedEpochs = new ArrayList<>();
        Trainer.Result finished = new Trainer(options(data, midEpoch, 3, true))
                .train(
                        new Trainer.Listener() {
                            @Override
                            public void batchDone(int epoch, int batch, double loss) {
                                resumedBatches.add(epoch + "." + batch);
                            }

                            @Override
                            public void epochDone(Trainer.EpochResult result) {
                                resumedEpochs.add(result.epoch());
                            }
                        },
                        () -> false);
        assertEquals("2.4", resumedBatches.get(0), "the resume starts at the fourth batch of epoch 2");
        assertEquals(List.of(2, 3), resumedEpochs);
        assertEquals(3, finished.epochsRun());
        assertEquals(r.trainAccuracy(), finished.trainAccuracy(), 1e-12);
        assertArrayEquals(
                a,
                ModelLoader.load(midEpoch).description().weights("conv_2_2").weightArray(),
                "a run stopped mid-epoch and resumed ends where an unbroken one does");
    }

    @Test
    void aDivergingRunStopsWithASentenceAndWritesNoModel(@TempDir Path dir) throws Exception {
        Path data = makeDataset(Files.createDirectories(dir.resolve("data")));
        Path out = dir.resolve("nan.zip");
        Trainer.Options huge = options(data, out, 2, 8, TrainingRecipe.standard(1e30), false);
        IOException e =
                assertThrows(IOException.class, () -> new Trainer(huge).train(new Trainer.Listener() {}, () -> false));
        assertTrue(
                e.getMessage().contains("training diverged in epoch 1")
                        && e.getMessage().contains("learning rate"),
                e.getMessage());
        assertFalse(Files.exists(out), "no model of NaNs");
        assertFalse(Files.exists(ModelMetadata.sidecarOf(out)));
    }

    @Test
    void aBatchLargerThanTheDataSetIsTheWholeDataSet(@TempDir Path dir) throws Exception {
        Path data = makeDataset(Files.createDirectories(dir.resolve("data")));
        Trainer.Options options =
                options(data, dir.resolve("m.zip"), 1, Integer.MAX_VALUE, TrainingRecipe.standard(2e-3), false);
        AtomicInteger batches = new AtomicInteger();
        new Trainer(options)
                .train(
                        new Trainer.Listener() {
                            @Override
                            public void batchDone(int epoch, int batch, double loss) {
                                batches.incrementAndGet();
                            }
                        },
                        () -> false);
        assertEquals(1, batches.get(), "one batch of all 72 images, not zero batches and an untrained model");
    }

    @Test
    void missingSplitIsAClearError(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("train/a"));
        var e = Assertions.assertThrows(
                IOException.class, () -> new Trainer(options(dir, dir.resolve("m.zip"), 1, false))
                        .train(new Trainer.Listener() {}, () -> false));
        assertTrue(e.getMessage().contains("val"), e.getMessage());
    }
}
