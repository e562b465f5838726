package io.convscope.engine;

import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.ImageFolderDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tiny VGG we ship: CNN Explainer's exact architecture, our own training with epochs and recipe chosen on a split
 * of the training images, and at least 75 % on the 250 validation images that chose nothing.
 */
class BundledModelTest {

    static LoadedModel model;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.loadBundled();
    }

    @Test
    void architectureIsCnnExplainersTinyVgg() {
        TinyVggLayers.assertTinyVgg(model.description());
        assertEquals(1690, model.description().layer(11).outputShape().size());
        assertEquals(TinyVgg.CLASSES, model.description().classes());
    }

    @Test
    void metadataSaysHowItWasTrainedAndSelected() {
        ModelMetadata.Training t = model.metadata().training();
        assertNotNull(t, "training metadata");
        assertTrue(t.datasetPath().replace('\\', '/').endsWith("tiny-imagenet-10/train"), t.datasetPath());
        assertTrue(t.command().startsWith("convscope train --data "), t.command());
        assertTrue(t.command().contains("--seed " + t.seed()), t.command());
        assertTrue(t.bestEpoch() >= 1 && t.bestEpoch() <= t.epochs());
        assertEquals(64, model.inputHeight());
        // selected on a split of the training images only: the 250 validation images chose nothing
        assertEquals(ModelMetadata.Split.SPLIT, t.split().layout());
        assertEquals(4250, t.split().trainImages());
        assertEquals(750, t.split().validationImages());
    }

    @Test
    void theRecordedSelectionAccuracyIsWhatItScoresOnTheHeldOutTrainingImages(@TempDir Path dir) throws Exception {
        Path splitFile = dir.resolve("tiny-vgg.split.json");
        try (InputStream in = ModelLoader.class.getResourceAsStream("/models/tiny-vgg.split.json")) {
            assertNotNull(in, "the bundled split file");
            Files.copy(in, splitFile);
        }
        ImageFolderDataset train = ImageFolderDataset.openWithSplit(
                SharedData.tinyImageNet().resolve("train"), DatasetSplit.read(splitFile));
        List<String> classes = model.description().classes();
        List<ImageFolderDataset.Sample> heldOut = new ArrayList<>();
        for (ImageFolderDataset.Sample s : train.validation()) {
            int label =
                    ImageFolderDataset.indexOfLoosely(classes, train.classes().get(s.label()));
            assertTrue(label >= 0, train.classes().get(s.label()));
            heldOut.add(new ImageFolderDataset.Sample(s.file(), label));
        }
        assertEquals(750, heldOut.size());
        assertEquals(
                model.metadata().training().validationAccuracy(),
                Evaluation.of(model, heldOut).accuracy(),
                1e-9,
                "the metadata must record what the model really scores on the images it was selected on");
    }

    @Test
    void scoresAtLeast75PercentOnValidationImagesItWasNeverSelectedOn() throws Exception {
        Evaluation e = Evaluation.of(model, SharedData.tinyImageNet().resolve("val"));
        assertEquals(250, e.total());
        assertTrue(e.accuracy() >= 0.75, "validation accuracy " + e.accuracy());
    }
}
