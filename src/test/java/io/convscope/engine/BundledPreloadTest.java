package io.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * The bundled model read ahead while the window is built: the next load takes that very model, every later one reads
 * its own (a model belongs to one owner), and both compute the same numbers.
 */
class BundledPreloadTest {

    @Test
    void thePreloadedModelIsTakenOnceAndComputesWhatAFreshReadDoes() throws Exception {
        ModelLoader.preloadBundled();
        LoadedModel preloaded = ModelLoader.loadBundled();
        LoadedModel fresh = ModelLoader.loadBundled();
        assertNotSame(preloaded, fresh, "taken once, then read afresh");

        float[] input = new float[3 * preloaded.inputHeight() * preloaded.inputWidth()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i * 37 % 255) / 255f;
        }
        assertArrayEquals(
                fresh.compiled().forward(input).logits(),
                preloaded.compiled().forward(input).logits());
    }
}
