package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.EvaluationScope;
import org.deeplearning4j.util.ModelSerializer;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A student's design (batch norm, dropout, same padding, a hidden dense layer) trained end to end on the compiled
 * backward pass from a plain folder: the split is written beside the model, the saved zip loads in ModelLoader and
 * scores on the held-out images exactly what the trainer's own evaluation of the best epoch found, and a run stopped
 * after its first epoch and resumed ends with the same weights and running statistics as an unbroken one.
 */
class DesignedTrainingTest {

    private static final String DESIGN =
            """
            name: small
            inputSize: 32
            blocks:
              - {type: conv, filters: 4, padding: same, batchNorm: true}
              - {type: pool, size: 2}
              - {type: conv, filters: 6}
              - {type: pool, size: 2}
              - {type: dropout, rate: 0.25}
              - {type: dense, units: 8}
            """;

    /** Three colour classes of 16 noisy 40 x 40 images each, in a plain DIR/<label>/ folder. */
    static Path plainFolder(Path root) throws IOException {
        Random rng = new Random(5);
        String[] classes = {"red", "green", "blue"};
        for (int c = 0; c < classes.length; c++) {
            Path dir = Files.createDirectories(root.resolve(classes[c]));
            for (int i = 0; i < 16; i++) {
                BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 40; x++) {
                        int[] rgb = {rng.nextInt(110), rng.nextInt(110), rng.nextInt(110)};
                        rgb[c] += 110 + rng.nextInt(30);
                        img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                    }
                }
                ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    private static Trainer.Options options(Path data, Path out, Path design, TrainingRecipe recipe, boolean resume) {
        return new Trainer.Options(data, out, design.toString(), null, 2, 11, 8, 10, recipe, resume, "test");
    }

    private static TrainingRecipe recipe(double averageDecay) {
        return new TrainingRecipe(
                TrainingRecipe.OptimiserKind.SGD,
                0.05,
                TrainingRecipe.ScheduleKind.COSINE,
                0.5,
                30,
                0.1,
                1e-4,
                0.1,
                averageDecay,
                true);
    }

    @Test
    void aDesignTrainsSavesAndScoresItsHeldOutImagesAsTheTrainerDid(@TempDir Path dir) throws Exception {
        Path data = plainFolder(dir.resolve("photos"));
        Path design = Files.writeString(dir.resolve("small.yaml"), DESIGN);
        Path out = dir.resolve("small.zip");
        List<Trainer.EpochResult> epochs = new ArrayList<>();
        Trainer.Result r = new Trainer(options(data, out, design, recipe(0.9), false))
                .train(
                        new Trainer.Listener() {
                            @Override
                            public void epochDone(Trainer.EpochResult result) {
                                epochs.add(result);
                            }
                        },
                        () -> false);
        assertEquals(2, epochs.size());
        Trainer.EpochResult best = epochs.get(r.bestEpoch() - 1);
        assertTrue(best.best());

        ModelMetadata meta = ModelMetadata.read(ModelMetadata.sidecarOf(out));
        assertEquals(List.of("blue", "green", "red"), meta.classes());
        assertEquals(32, meta.inputHeight());
        assertNotNull(meta.training().architecture(), "the design is recorded");
        assertEquals(ModelMetadata.Split.SPLIT, meta.training().split().layout());
        assertTrue(Files.isRegularFile(DatasetSplit.fileOf(out)), "the split is written beside the model");

        LoadedModel model = ModelLoader.load(out);
        EvaluationScope scope = EvaluationScope.of(out, model, data);
        assertEquals(meta.training().split().validationImages(), scope.samples().size(), "only held-out images");
        double loaded = Evaluation.of(model, scope.samples()).accuracy();
        assertEquals(best.validationAccuracy(), loaded, 1e-12, "the saved model scores what the trainer measured");
        assertEquals(r.validationAccuracy(), loaded, 1e-12);
    }

    @Test
    void aStoppedDesignResumesToTheSameWeightsAndStatistics(@TempDir Path dir) throws Exception {
        Path data = plainFolder(dir.resolve("photos"));
        Path design = Files.writeString(dir.resolve("small.yaml"), DESIGN);
        Path unbroken = dir.resolve("unbroken.zip");
        new Trainer(options(data, unbroken, design, recipe(0), false)).train(new Trainer.Listener() {}, () -> false);

        Path resumed = dir.resolve("resumed.zip");
        AtomicInteger batches = new AtomicInteger();
        // 41 training images / 8 = 6 batches: stopped in the middle of epoch 2, after its second batch.
        new Trainer(options(data, resumed, design, recipe(0), false))
                .train(new Trainer.Listener() {}, () -> batches.incrementAndGet() > 8);
        new Trainer(options(data, resumed, design, recipe(0), true)).train(new Trainer.Listener() {}, () -> false);

        // Every parameter of the saved networks, batch norm's running mean and variance included.
        float[] a = ModelSerializer.restoreMultiLayerNetwork(unbroken.toFile(), false)
                .params()
                .toFloatVector();
        float[] b = ModelSerializer.restoreMultiLayerNetwork(resumed.toFile(), false)
                .params()
                .toFloatVector();
        assertArrayEquals(a, b, "a resumed run ends where an unbroken one does");

        // Another recipe cannot continue this checkpoint.
        IOException e =
                assertThrows(IOException.class, () -> new Trainer(options(data, resumed, design, recipe(0.9), true))
                        .train(new Trainer.Listener() {}, () -> false));
        assertTrue(e.getMessage().contains("the checkpoint was trained with"), e.getMessage());
    }

    @Test
    void aClassWhoseImagesAllFailToDecodeIsNamedBeforeTraining(@TempDir Path dir) throws Exception {
        Path data = plainFolder(dir.resolve("photos"));
        Path broken = Files.createDirectories(data.resolve("grey"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(broken.resolve(i + ".png"), "not a picture");
        }
        Path design = Files.writeString(dir.resolve("small.yaml"), DESIGN);
        IOException e = assertThrows(
                IOException.class, () -> new Trainer(options(data, dir.resolve("m.zip"), design, recipe(0), false))
                        .train(new Trainer.Listener() {}, () -> false));
        assertTrue(e.getMessage().startsWith("the class grey of "), e.getMessage());
        assertTrue(e.getMessage().contains("has no training image that could be read"), e.getMessage());
    }
}
