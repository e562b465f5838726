package io.convscope.engine;

import io.convscope.engine.dataset.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tiny VGG we ship: CNN Explainer's exact architecture, our own training, and at least 72 % validation accuracy. */
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
    void metadataSaysHowItWasTrained() {
        ModelMetadata.Training t = model.metadata().training();
        assertNotNull(t, "training metadata");
        assertEquals("tiny-imagenet-10", t.dataset());
        assertTrue(t.command().startsWith("convscope train --data "), t.command());
        assertTrue(t.command().contains("--seed " + t.seed()), t.command());
        assertTrue(t.bestEpoch() >= 1 && t.bestEpoch() <= t.epochs());
        assertEquals(64, model.inputHeight());
    }

    @Test
    void validationAccuracyIsAtLeast72PercentAndAsRecorded() throws Exception {
        Evaluation e = Evaluation.of(model, SharedData.tinyImageNet().resolve("val"));
        assertEquals(250, e.total());
        assertTrue(e.accuracy() >= 0.72, "validation accuracy " + e.accuracy());
        assertEquals(
                model.metadata().training().validationAccuracy(),
                e.accuracy(),
                1e-9,
                "the metadata must record what the model really scores");
    }
}
