package io.convscope.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;
import io.convscope.engine.SmallModels;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds ModelLoader thousands of damaged model files made from seeds this test builds itself: our DL4J zip with its
 * JSON sidecar (saved from a small network), the bundled Tiny VGG, a TensorFlow.js model.json with its weight shard,
 * and a Keras 2 JSON configuration. Mutations are seeded (-Dfuzz.seed): JSON fields deleted, replaced with huge,
 * negative or NaN numbers or retyped; zip entries corrupted, dropped or truncated; shards cut short or filled with
 * NaN. Every input must load (and analyse), or be refused with a ModelLoadException whose message is a sentence, in
 * under 5 s. Run: {@code mvn -B -Pfuzz test -Dtest=ModelFuzzTest -Dfuzz.models=N}.
 */
class ModelFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void damagedModelsAreLoadedOrRefusedWithASentence(@TempDir Path dir) throws Exception {
        int iterations = FuzzSupport.iterations("fuzz.models", 2_000);
        long seed = Long.getLong("fuzz.seed", 20261206L);
        Seeds seeds = Seeds.build(dir.resolve("seeds"));
        Random rng = new Random(seed);
        try (FuzzSupport.Runner runner = new FuzzSupport.Runner("ModelFuzzTest (seed " + seed + ")")) {
            for (Path fixed : List.of(dir, Path.of("/"), dir.resolve("missing.zip"))) {
                runner.run("path " + fixed, () -> load(fixed), ModelLoadException.class::isInstance);
            }
            for (int i = 0; i < iterations; i++) {
                Path work = Files.createDirectories(dir.resolve("case-" + i));
                String label = "case " + i + " (seed " + seed + ")";
                Path model =
                        switch (rng.nextInt(4)) {
                            case 0 -> seeds.mutatedZip(work, rng, false);
                            case 1 -> seeds.mutatedZip(work, rng, true);
                            case 2 -> seeds.mutatedTfjs(work, rng);
                            default -> seeds.mutatedKeras(work, rng);
                        };
                runner.run(
                        label + " " + work.relativize(model), () -> load(model), ModelLoadException.class::isInstance);
                deleteTree(work);
            }
            System.out.println(runner.summary());
            assertTrue(runner.failures().isEmpty(), runner.summary());
        }
    }

    /** Loads and analyses a model as the app and the CLI do. */
    private static String load(Path model) throws Exception {
        LoadedModel m = ModelLoader.load(model);
        m.architecture().checkTotals();
        Inference.requireFits(m); // as the app and the CLI do before the first pass: a pass that cannot fit is refused
        m.compiled().forward(new float[m.metadata().inputChannels() * m.inputHeight() * m.inputWidth()]);
        return "loaded";
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** The seed files, kept as bytes so every case starts from a clean copy. */
    private record Seeds(
            Map<String, byte[]> smallZip,
            Map<String, byte[]> bundledZip,
            byte[] smallSidecar,
            byte[] bundledSidecar,
            JsonNode tfjs,
            float[] shard,
            JsonNode keras) {

        static Seeds build(Path dir) throws Exception {
            Files.createDirectories(dir);
            MultiLayerNetwork net = SmallModels.network();
            Path zip = dir.resolve("small.zip");
            ModelStore.save(net, new ModelMetadata("small", List.of("a", "b", "c"), 8, 8, 3, null), zip);
            byte[] bundled;
            byte[] bundledJson;
            try (InputStream z = ModelLoader.class.getResourceAsStream(ModelLoader.BUNDLED_MODEL);
                    InputStream j = ModelLoader.class.getResourceAsStream(ModelLoader.BUNDLED_METADATA)) {
                bundled = z.readAllBytes();
                bundledJson = j.readAllBytes();
            }
            return new Seeds(
                    entries(Files.readAllBytes(zip)),
                    entries(bundled),
                    Files.readAllBytes(dir.resolve("small.json")),
                    bundledJson,
                    JSON.readTree(SmallModels.TFJS),
                    SmallModels.tfjsWeights(),
                    JSON.readTree(SmallModels.KERAS));
        }

        Path mutatedZip(Path work, Random rng, boolean bundled) throws IOException {
            Map<String, byte[]> entries = new LinkedHashMap<>(bundled ? bundledZip : smallZip);
            byte[] sidecar = bundled ? bundledSidecar : smallSidecar;
            switch (rng.nextInt(7)) {
                case 0 -> sidecar = FuzzSupport.damageText(
                                FuzzSupport.text(FuzzSupport.mutateJson(JSON.readTree(sidecar), rng)), rng)
                        .getBytes(StandardCharsets.UTF_8);
                case 1, 2 -> entries.put(
                        "configuration.json",
                        FuzzSupport.text(FuzzSupport.mutateJson(JSON.readTree(entries.get("configuration.json")), rng))
                                .getBytes(StandardCharsets.UTF_8));
                case 3 -> entries.put("coefficients.bin", corrupt(entries.get("coefficients.bin"), rng));
                case 4 -> entries.remove(List.copyOf(entries.keySet()).get(rng.nextInt(entries.size())));
                case 5 -> entries.put("coefficients.bin", withNonFinite(entries.get("coefficients.bin"), rng));
                default -> {}
            }
            byte[] zip = zip(entries);
            if (rng.nextInt(6) == 0) {
                zip = corrupt(zip, rng);
            }
            Path model = work.resolve("model.zip");
            Files.write(model, zip);
            if (rng.nextInt(10) != 0) {
                Files.write(work.resolve("model.json"), sidecar);
            }
            return model;
        }

        Path mutatedTfjs(Path work, Random rng) throws IOException {
            JsonNode json = rng.nextInt(4) == 0 ? tfjs : FuzzSupport.mutateJson(tfjs, rng);
            String text = FuzzSupport.text(json);
            if (rng.nextInt(5) == 0) {
                text = FuzzSupport.damageText(text, rng);
            }
            Path model = work.resolve("model.json");
            Files.writeString(model, text);
            byte[] weights = SmallModels.littleEndian(shard);
            switch (rng.nextInt(5)) {
                case 0 -> weights = withNonFinite(weights, rng);
                case 1 -> weights = Arrays.copyOf(weights, rng.nextInt(weights.length + 1));
                case 2 -> weights = corrupt(weights, rng);
                default -> {}
            }
            if (rng.nextInt(12) != 0) {
                Files.write(work.resolve("group1-shard1of1.bin"), weights);
            }
            if (rng.nextInt(6) == 0) {
                String[] labels = {"", "index\tname\n", "a\nb\nc\n", "\u0000\u00ff\n"};
                Files.writeString(
                        work.resolve(rng.nextBoolean() ? "classes.tsv" : "labels.txt"),
                        labels[rng.nextInt(labels.length)]);
            }
            return rng.nextInt(10) == 0 ? work : model;
        }

        Path mutatedKeras(Path work, Random rng) throws IOException {
            String text = FuzzSupport.text(FuzzSupport.mutateJson(keras, rng));
            if (rng.nextInt(5) == 0) {
                text = FuzzSupport.damageText(text, rng);
            }
            Path model = work.resolve("keras.json");
            Files.writeString(model, text);
            return model;
        }
    }

    // ------------------------------------------------------------------ seed material

    /** Overwrites a few aligned 4-byte words near the end (where the values are) with NaN or an infinity. */
    private static byte[] withNonFinite(byte[] bytes, Random rng) {
        byte[] out = bytes.clone();
        int words = Math.max(1, Math.min(out.length / 4, 32));
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int k = 0; k < 1 + rng.nextInt(3); k++) {
            int at = out.length - 4 * (1 + rng.nextInt(words));
            if (at < 0) {
                break;
            }
            int v = Float.floatToRawIntBits(bad[rng.nextInt(bad.length)]);
            boolean little = rng.nextBoolean(); // ND4J writes big-endian, TF.js little-endian: either may hit
            for (int i = 0; i < 4; i++) {
                out[at + i] = (byte) (v >>> (little ? 8 * i : 8 * (3 - i)));
            }
        }
        return out;
    }

    /** Random bytes changed, or the data cut short. */
    private static byte[] corrupt(byte[] bytes, Random rng) {
        if (bytes.length == 0) {
            return bytes;
        }
        if (rng.nextBoolean()) {
            return Arrays.copyOf(bytes, rng.nextInt(bytes.length));
        }
        byte[] out = bytes.clone();
        for (int k = 0; k < 1 + rng.nextInt(8); k++) {
            out[rng.nextInt(out.length)] = (byte) rng.nextInt(256);
        }
        return out;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
