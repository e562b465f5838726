package io.convscope.engine.training;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Run settings are saved and reopened unchanged, and a bad file is refused with one sentence naming the field. */
class RunSettingsTest {

    @Test
    void settingsRoundTrip(@TempDir Path dir) throws Exception {
        ArchitectureDesign design = new ArchitectureDesign(
                "mine",
                48,
                3,
                null,
                List.of(
                        new Block.Conv(16, 5, 1, Block.Padding.SAME, "relu", true),
                        new Block.Pool(Block.PoolMode.MAX, 2, 2),
                        new Block.Dense(32, "relu"),
                        new Block.Dropout(0.25)));
        RunSettings s = new RunSettings(
                dir.resolve("data").toAbsolutePath(),
                design,
                7,
                16,
                0.01,
                TrainingRecipe.OptimiserKind.SGD,
                TrainingRecipe.ScheduleKind.STEP,
                false,
                -3);
        Path file = dir.resolve("run.json");
        s.write(file);
        assertEquals(s, RunSettings.read(file));
        RunSettings defaults = RunSettings.defaults(null);
        defaults.write(file);
        assertEquals(defaults, RunSettings.read(file));
    }

    @Test
    void defaultsAreTheBundledModelsRecipe() {
        RunSettings d = RunSettings.defaults(null);
        assertEquals(20, d.epochs());
        assertEquals(32, d.batchSize());
        assertEquals(0.002, d.learningRate());
        assertEquals(42, d.seed());
        assertEquals(TrainingRecipe.standard(0.002).fingerprint(), d.recipe().fingerprint());
    }

    @Test
    void badFilesGiveOneSentenceNamingTheField(@TempDir Path dir) throws Exception {
        assertRefused(dir, "{\"convscopeRun\": 1, \"epochs\": 0}", "run.json: epochs 0 is outside 1 to 1000");
        assertRefused(
                dir,
                "{\"convscopeRun\": 1, \"batchSize\": \"big\"}",
                "run.json: batchSize \"big\" is not a whole number");
        assertRefused(
                dir,
                "{\"convscopeRun\": 1, \"learningRate\": 3}",
                "run.json: learningRate 3.0 must be above 0 and at most 1");
        assertRefused(
                dir,
                "{\"convscopeRun\": 1, \"optimiser\": \"adam\"}",
                "run.json: optimiser \"adam\" is not one of adamw, sgd");
        assertRefused(dir, "{\"convscopeRun\": 1, \"epoch\": 3}", "run.json: unknown field epoch; the fields are");
        assertRefused(dir, "{\"convscopeRun\": 2}", "run.json was written by a newer ConvScope (format 2)");
        assertRefused(dir, "{\"name\": \"x\"}", "run.json is not a ConvScope run-settings file");
        assertRefused(dir, "{\"convscopeRun\": 1, ", "run.json is not valid JSON (line 1)");
        assertRefused(
                dir,
                "{\"convscopeRun\": 1, \"architecture\": {\"inputSize\": 32, \"blocks\": [{\"type\": \"conv\", "
                        + "\"filters\": 4, \"kernel\": 5}, {\"type\": \"pool\", \"size\": 2}, {\"type\": \"conv\", "
                        + "\"filters\": 4, \"kernel\": 5}, {\"type\": \"pool\", \"size\": 2}, {\"type\": \"conv\", "
                        + "\"filters\": 4, \"kernel\": 5}, {\"type\": \"pool\", \"size\": 2}]}}",
                "run.json: architecture: block 6 (pool)");
        IOException missing = assertThrows(IOException.class, () -> RunSettings.read(dir.resolve("none.json")));
        assertEquals("none.json does not exist", missing.getMessage());
    }

    private static void assertRefused(Path dir, String json, String start) throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, json);
        IOException e = assertThrows(IOException.class, () -> RunSettings.read(file));
        if (!e.getMessage().startsWith(start)) {
            throw new AssertionError("expected a sentence starting with '" + start + "', got '" + e.getMessage() + "'");
        }
    }
}
