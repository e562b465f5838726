package io.convscope.engine;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model zip and its JSON are one pair: the loader never combines one save's zip with another's JSON, a save
 * killed between its two renames reads as the new pair, and the next save leaves no temporary files behind.
 */
class ModelStoreTest {

    private static final List<String> OLD = List.of("cat", "dog");
    private static final List<String> NEW = List.of("apple", "pear");

    @AfterEach
    void noHook() {
        ModelStore.stepHook = step -> {};
    }

    private static MultiLayerNetwork net(long seed) throws DesignException {
        return DesignedNetworks.build(ArchitectureDesign.tinyVgg(2), seed);
    }

    private static ModelMetadata meta(List<String> classes) {
        return new ModelMetadata("Tiny VGG", classes, 64, 64, 3, null);
    }

    private static float[] weights(Path zip) throws Exception {
        return ModelLoader.load(zip).description().weights("conv_1_1").weightArray();
    }

    @Test
    void aZipBesideAnotherSavesJsonIsRefusedWithASentence(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        ModelStore.save(net(1), meta(OLD), a);
        ModelStore.save(net(2), meta(NEW), b);
        // What a kill between the old ModelStore's two renames left: the new zip beside the old JSON.
        Files.copy(b, a, StandardCopyOption.REPLACE_EXISTING);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(a));
        assertTrue(e.getMessage().startsWith("a.zip and a.json do not belong together"), e.getMessage());
    }

    @Test
    void aSaveKilledBetweenItsRenamesReadsAsTheNewPair(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        ModelStore.save(net(1), meta(OLD), zip);
        ModelStore.stepHook = step -> {
            if (step.equals("zip renamed")) {
                throw new IOException("killed after " + step);
            }
        };
        assertThrows(IOException.class, () -> ModelStore.save(net(2), meta(NEW), zip));
        ModelStore.stepHook = step -> {};

        ModelStore.save(net(2), meta(NEW), dir.resolve("reference.zip"));
        assertEquals(NEW, ModelLoader.load(zip).description().classes(), "the new zip with its own JSON");
        assertArrayEquals(weights(dir.resolve("reference.zip")), weights(zip));

        // The next save completes the pair first, then writes its own and leaves no temporary file.
        Files.writeString(dir.resolve(".m.zip.999.tmp"), "half a zip");
        ModelStore.save(net(3), meta(OLD), zip);
        assertEquals(OLD, ModelLoader.load(zip).description().classes());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of("m.json", "m.zip", "reference.json", "reference.zip"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSaveKilledBeforeItsZipIsRenamedLeavesTheOldPair(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        ModelStore.save(net(1), meta(OLD), zip);
        float[] old = weights(zip);
        // A pending JSON without its zip renamed: a kill before the first rename.
        Files.writeString(
                dir.resolve(".m.json.42.tmp"),
                "{\"name\": \"x\", \"classes\": [\"apple\", \"pear\"], "
                        + "\"modelFile\": {\"bytes\": 1, \"sha256\": \"00\"}}");
        assertEquals(OLD, ModelLoader.load(zip).description().classes());
        assertArrayEquals(old, weights(zip));
    }

    @Test
    void aJsonLeftWithoutItsZipDoesNotStopTheNextSave(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        ModelStore.save(net(1), meta(OLD), zip);
        Files.delete(zip);
        ModelStore.save(net(2), meta(NEW), zip);
        assertEquals(NEW, ModelLoader.load(zip).description().classes());
    }

    @Test
    void aJsonWithoutFingerprintStillLoads(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        ModelStore.save(net(1), meta(OLD), zip);
        // Written by hand or by an older ConvScope (as the bundled model's JSON is): nothing to check it against.
        meta(NEW).write(ModelMetadata.sidecarOf(zip));
        assertEquals(NEW, ModelLoader.load(zip).description().classes());
    }

    @Test
    void aFolderIsNoPlaceForAModel(@TempDir Path dir) throws Exception {
        IOException e = assertThrows(IOException.class, () -> ModelStore.checkWritable(dir));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        e = assertThrows(
                IOException.class,
                () -> ModelStore.checkWritable(dir.resolve("none").resolve("m.zip")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
