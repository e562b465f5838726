package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint is one set: a write stopped between its steps (as a kill would stop it) leaves the previous set
 * readable and whole, leftovers are deleted on the next resume, and a file that does not match the manifest is
 * refused with a sentence instead of resuming from the wrong epoch.
 */
class CheckpointTest {

    @AfterEach
    void noHook() {
        Checkpoint.stepHook = step -> {};
    }

    private static AdamW adamFor(float[][] params) {
        return new AdamW(
                Arrays.stream(params)
                        .map(v -> new ParameterBlock(1, "0", "W", ParameterBlock.Role.WEIGHT, v))
                        .toList(),
                0);
    }

    private static float[][] params(float value) {
        return new float[][] {{value, value + 1}, {value + 2}};
    }

    private static Checkpoint.State afterEpoch(Checkpoint.State s, int epoch) {
        return new Checkpoint.State(
                s.format(),
                s.sequence(),
                s.seed(),
                s.batchSize(),
                epoch,
                0,
                0,
                0,
                0,
                epoch,
                0.5,
                1.0,
                List.of(),
                s.last(),
                s.best());
    }

    @Test
    void aWriteStoppedBeforeItsManifestLeavesThePreviousSet(@TempDir Path dir) throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("m.zip.checkpoint"));
        float[][] p1 = params(1);
        AdamW adam = adamFor(p1);
        adam.step = 11;
        Checkpoint.State one = checkpoint.write(afterEpoch(Checkpoint.State.fresh(7, 8), 1), p1, adam, p1);

        // Epoch 2's files are written, then the process dies before state.json is renamed.
        Checkpoint.stepHook = step -> {
            if (step.equals("parameters written")) {
                throw new IOException("killed");
            }
        };
        AdamW adam2 = adamFor(p1);
        adam2.step = 22;
        assertThrows(IOException.class, () -> checkpoint.write(afterEpoch(one, 2), params(2), adam2, params(2)));
        Files.writeString(checkpoint.dir().resolve(".state.json.123.tmp"), "{\"half\": ");
        Checkpoint.stepHook = step -> {};

        float[][] read = params(0);
        AdamW readAdam = adamFor(read);
        Checkpoint.State state = checkpoint.read(read, readAdam).orElseThrow();
        assertEquals(1, state.epochsDone(), "the manifest still names epoch 1's set");
        assertArrayEquals(p1[0], read[0]);
        assertEquals(11, readAdam.step, "the optimiser of the same epoch, not of the next");
        try (Stream<Path> files = Files.list(checkpoint.dir())) {
            assertEquals(
                    List.of("best-000001.bin", "last-000001.bin", "state.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "epoch 2's orphans are gone");
        }
    }

    @Test
    void aFileThatIsNotTheOneTheManifestDescribesIsRefused(@TempDir Path dir) throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("m.zip.checkpoint"));
        float[][] p = params(1);
        Checkpoint.State s = checkpoint.write(afterEpoch(Checkpoint.State.fresh(7, 8), 1), p, adamFor(p), p);
        // What a kill between the old trainer's renames left: another epoch's parameters under the manifest's name.
        Path last = checkpoint.dir().resolve(s.last().name());
        byte[] bytes = Files.readAllBytes(last);
        bytes[bytes.length - 1] ^= 1;
        Files.write(last, bytes);
        IOException e = assertThrows(IOException.class, () -> checkpoint.read(params(0), adamFor(p)));
        assertTrue(e.getMessage().contains("is inconsistent: " + s.last().name()), e.getMessage());

        Files.delete(last);
        e = assertThrows(IOException.class, () -> checkpoint.read(params(0), adamFor(p)));
        assertTrue(e.getMessage().contains("is incomplete"), e.getMessage());
    }

    @Test
    void aRunWithoutResumeReplacesTheOldSetOnlyWithItsFirstWrite(@TempDir Path dir) throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("m.zip.checkpoint"));
        float[][] p = params(1);
        Checkpoint.State old = checkpoint.write(afterEpoch(Checkpoint.State.fresh(7, 8), 4), p, adamFor(p), p);
        Checkpoint.State fresh = checkpoint.fresh(9, 8);
        assertEquals(
                4,
                checkpoint.read(params(0), adamFor(p)).orElseThrow().epochsDone(),
                "starting over deletes nothing yet: a stop before the first write keeps the old checkpoint");
        Checkpoint.State first = checkpoint.write(afterEpoch(fresh, 1), params(5), adamFor(p), params(5));
        assertTrue(first.last().name().compareTo(old.last().name()) > 0, "a new name, never an old set's");
        float[][] read = params(0);
        assertEquals(1, checkpoint.read(read, adamFor(p)).orElseThrow().epochsDone());
        assertArrayEquals(params(5)[0], read[0]);
        try (Stream<Path> files = Files.list(checkpoint.dir())) {
            assertEquals(3, files.count(), "the old set is gone");
        }
    }

    @Test
    void aCheckpointOfTheOldThreeFileLayoutIsRefusedNotRestartedSilently(@TempDir Path dir) throws Exception {
        Path ckpt = Files.createDirectories(dir.resolve("m.zip.checkpoint"));
        Files.writeString(ckpt.resolve("state.json"), "{\"epochsDone\": 3, \"bestEpoch\": 2, \"history\": []}");
        Files.write(ckpt.resolve("last.bin"), new byte[16]);
        IOException e = assertThrows(IOException.class, () -> new Checkpoint(ckpt).read(params(0), adamFor(params(0))));
        assertTrue(e.getMessage().contains("older ConvScope"), e.getMessage());
    }
}
