package io.convscope.engine;

import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trained model is a set: the zip, its metadata (classes, input size, architecture, data set, split, seed, epochs,
 * accuracies, the command) and the split of the plain folder it learnt from. The metadata reads back as written, and
 * a save that fails at any step leaves the old set or completes the new one, never a mix.
 */
class TrainedModelSetTest {

    private static final List<String> CLASSES = List.of("cats", "dogs");

    @AfterEach
    void noHook() {
        ModelStore.stepHook = step -> {};
    }

    private static MultiLayerNetwork net(long seed) throws Exception {
        return DesignedNetworks.build(ArchitectureDesign.tinyVgg(2), seed);
    }

    private static ModelMetadata meta(String command, DatasetSplit split) {
        ModelMetadata.Split s = new ModelMetadata.Split(
                ModelMetadata.Split.SPLIT,
                split.seed(),
                split.validationFraction(),
                split.trainImages(),
                split.heldOut().size(),
                "m.split.json");
        return new ModelMetadata("Tiny VGG", CLASSES, 64, 64, 3, null)
                .withTraining(new ModelMetadata.Training(
                        "pets",
                        split.seed(),
                        12,
                        9,
                        0.91,
                        0.84,
                        command,
                        "2026-12-06T06:00:00Z",
                        "/data/pets",
                        DesignFiles.toJson(ArchitectureDesign.tinyVgg(2)),
                        s,
                        3));
    }

    private static DatasetSplit split(long seed, String heldOut) {
        return new DatasetSplit(seed, 0.15, 17, List.of(heldOut));
    }

    private static float[] weights(Path zip) throws Exception {
        return ModelLoader.load(zip).description().weights("conv_1_1").weightArray();
    }

    @Test
    void theMetadataOfATrainedModelReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        DatasetSplit split = split(42, "cats/a.jpg");
        ModelMetadata written = meta("convscope train --data pets --out m.zip --arch tinyvgg", split);
        ModelStore.save(net(1), written, zip, split);
        ModelMetadata read = ModelStore.readMetadata(zip).orElseThrow();
        assertEquals(written, read);
        assertEquals(ArchitectureDesign.tinyVgg(2), read.training().design().orElseThrow());
        assertEquals(split, ModelStore.readSplit(zip).orElseThrow());
        assertEquals(split, DatasetSplit.read(DatasetSplit.fileOf(zip)));
        assertEquals(CLASSES, ModelLoader.load(zip).description().classes());
        // the Tiny VGG trainer's metadata, without the new fields, still reads
        ModelMetadata old = new ModelMetadata("Tiny VGG", CLASSES, 64, 64, 3, null)
                .withTraining(new ModelMetadata.Training("pets", 1, 2, 2, 0.5, 0.5, "c", "t"));
        ModelStore.save(net(1), old, zip);
        assertEquals(old, ModelStore.readMetadata(zip).orElseThrow());
        assertTrue(ModelStore.readSplit(zip).isEmpty());
        assertTrue(
                Files.notExists(DatasetSplit.fileOf(zip)), "a model without a split leaves no older split beside it");
    }

    @Test
    void aSaveThatFailsBeforeItsFirstRenameLeavesTheOldSetIntact(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        DatasetSplit oldSplit = split(1, "cats/old.jpg");
        ModelStore.save(net(1), meta("old", oldSplit), zip, oldSplit);
        float[] oldWeights = weights(zip);
        ModelStore.stepHook = step -> {
            if (step.equals("temporaries written")) {
                throw new IOException("disk full");
            }
        };
        assertThrows(
                IOException.class,
                () -> ModelStore.save(net(2), meta("new", split(2, "dogs/new.jpg")), zip, split(2, "dogs/new.jpg")));
        assertArrayEquals(oldWeights, weights(zip));
        assertEquals(
                "old", ModelStore.readMetadata(zip).orElseThrow().training().command());
        assertEquals(oldSplit, ModelStore.readSplit(zip).orElseThrow());
        assertEquals(List.of("m.json", "m.split.json", "m.zip"), files(dir), "no temporary file left");
    }

    @Test
    void aSaveKilledBetweenItsRenamesReadsAsTheNewSetAndTheNextSaveCompletesIt(@TempDir Path dir) throws Exception {
        for (String killedAfter : List.of("zip renamed", "split renamed")) {
            Path zip = dir.resolve(killedAfter.replace(' ', '-')).resolve("m.zip");
            Files.createDirectories(zip.getParent());
            DatasetSplit oldSplit = split(1, "cats/old.jpg");
            DatasetSplit newSplit = split(2, "dogs/new.jpg");
            ModelStore.save(net(1), meta("old", oldSplit), zip, oldSplit);
            ModelStore.stepHook = step -> {
                if (step.equals(killedAfter)) {
                    throw new IOException("killed after " + step);
                }
            };
            assertThrows(IOException.class, () -> ModelStore.save(net(2), meta("new", newSplit), zip, newSplit));
            ModelStore.stepHook = step -> {};

            assertEquals(
                    "new", ModelStore.readMetadata(zip).orElseThrow().training().command(), killedAfter);
            assertEquals(newSplit, ModelStore.readSplit(zip).orElseThrow(), killedAfter);
            ModelStore.save(net(3), meta("third", oldSplit), zip, oldSplit);
            assertEquals(
                    "third",
                    ModelStore.readMetadata(zip).orElseThrow().training().command());
            assertEquals(oldSplit, ModelStore.readSplit(zip).orElseThrow());
            assertEquals(List.of("m.json", "m.split.json", "m.zip"), files(zip.getParent()), killedAfter);
        }
    }

    @Test
    void aSplitFileReplacedByHandIsRefusedWithASentence(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        DatasetSplit s = split(1, "cats/a.jpg");
        ModelStore.save(net(1), meta("c", s), zip, s);
        split(5, "dogs/b.jpg").write(DatasetSplit.fileOf(zip));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelStore.readSplit(zip));
        assertEquals(
                "m.split.json does not belong to m.zip: m.json describes another split (the file was replaced, "
                        + "removed or a save was interrupted); train again to write the set anew",
                e.getMessage());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
