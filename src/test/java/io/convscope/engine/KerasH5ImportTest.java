package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.network.ActivationSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Keras 2 .h5 file (written by hand with h5py by {@code src/test/resources/keras/make_small_cnn_h5.py}) loads through
 * DL4J's importer, and our forward pass gives the probabilities of an independent numpy forward pass.
 */
class KerasH5ImportTest {

    @Test
    void h5ModelMatchesNumpy(@TempDir Path dir) throws Exception {
        Path h5 = copy("small_cnn.h5", dir);
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/keras/small_cnn_expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        LoadedModel model = ModelLoader.load(h5);
        assertEquals(20, model.inputHeight());
        assertEquals(24, model.inputWidth());
        assertEquals(
                expected.get("conv_a_kernel_0000").floatValue(),
                model.description().weights("conv_a").weight(0, 0, 0, 0),
                1e-7,
                "kernel HWIO -> OIHW");

        // The fixture's input is stored height-width-channel; ours is channel-major.
        JsonNode hwc = expected.get("input_hwc");
        float[] chw = new float[3 * 20 * 24];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 24; x++) {
                for (int c = 0; c < 3; c++) {
                    chw[(c * 20 + y) * 24 + x] = hwc.get((y * 24 + x) * 3 + c).floatValue();
                }
            }
        }
        ActivationSnapshot s = model.compiled().forward(chw);
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.get("logits").get(c).asDouble(), s.logit(c), 1e-4, "logit " + c);
            assertEquals(expected.get("probabilities").get(c).asDouble(), s.probability(c), 1e-5, "probability " + c);
        }
    }

    @Test
    void truncatedH5IsReported(@TempDir Path dir) throws Exception {
        Path h5 = copy("small_cnn.h5", dir);
        byte[] bytes = Files.readAllBytes(h5);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(cut));
        assertTrue(e.getMessage().contains("cut.h5"), e.getMessage());
    }

    private Path copy(String resource, Path dir) throws Exception {
        Path target = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("/keras/" + resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
