package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a TensorFlow.js layers-model: every group of its {@code weightsManifest}, its binary shards joined
 * and read as little-endian float32 in manifest order, by weight name. Apart from {@link TfjsModelImporter} because
 * reading untrusted shard files (paths, sizes, dtypes) is its own set of checks, each refused with a sentence naming
 * the file and the weight.
 */
final class TfjsWeights {

    private final Map<String, float[]> weights;

    private TfjsWeights(Map<String, float[]> weights) {
        this.weights = weights;
    }

    /** Reads every shard of every manifest group; values keyed by weight name. */
    static TfjsWeights read(Path modelJson, JsonNode manifest) throws ModelLoadException {
        Map<String, float[]> out = new HashMap<>();
        String file = ModelLoader.fileName(modelJson);
        if (!manifest.isArray()) {
            throw new ModelLoadException(file + ": weightsManifest is not a list of weight groups");
        }
        for (JsonNode group : manifest) {
            ByteBuffer data = concatShards(modelJson, group.path("paths"));
            if (!group.path("weights").isArray()) {
                throw new ModelLoadException(file + ": a weightsManifest group has no list of weights");
            }
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                if (!w.path("name").isTextual() || name.isEmpty()) {
                    throw new ModelLoadException(file + ": a weight in weightsManifest has no name");
                }
                if (!w.path("dtype").asText("float32").equals("float32") || w.has("quantization")) {
                    throw new ModelLoadException(file + ": weight '" + name + "' is stored as "
                            + w.path("dtype").asText() + (w.has("quantization") ? " (quantized)" : "")
                            + "; ConvScope reads float32 weights");
                }
                if (!w.path("shape").isArray()) {
                    throw new ModelLoadException(file + ": weight '" + name + "': shape is missing");
                }
                long count = 1;
                boolean overflow = false;
                for (JsonNode d : w.path("shape")) {
                    if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                        throw new ModelLoadException(file + ": weight '" + name + "': shape "
                                + ModelChecks.shortText(w.path("shape")) + " is not a list of sizes");
                    }
                    try {
                        count = Math.multiplyExact(count, d.asLong());
                    } catch (ArithmeticException e) {
                        overflow = true;
                    }
                }
                if (overflow || count > data.remaining() / 4) {
                    throw new ModelLoadException("the weight files of " + file
                            + " are shorter than its manifest says (missing " + name + ")");
                }
                float[] values = new float[(int) count];
                data.asFloatBuffer().get(values);
                data.position(data.position() + (int) count * 4);
                out.put(name, values);
            }
        }
        return new TfjsWeights(out);
    }

    private static ByteBuffer concatShards(Path modelJson, JsonNode paths) throws ModelLoadException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        String file = ModelLoader.fileName(modelJson);
        if (!paths.isArray()) {
            throw new ModelLoadException(file + ": a weightsManifest group has no list of paths");
        }
        for (JsonNode p : paths) {
            Path shard;
            try {
                shard = p.isTextual() && !p.asText().isEmpty() ? modelJson.resolveSibling(p.asText()) : null;
            } catch (InvalidPathException e) {
                shard = null;
            }
            if (shard == null) {
                throw new ModelLoadException(
                        file + ": weight file path " + ModelChecks.shortText(p) + " is not a file name");
            }
            if (!Files.isRegularFile(shard)) {
                throw new ModelLoadException("the weight file " + p.asText() + " named by " + file + " is missing");
            }
            try {
                if (Files.size(shard) > Integer.MAX_VALUE - 8 - total) {
                    throw new ModelLoadException(
                            "the weight files of " + file + " are larger than 2 GB, ConvScope's limit");
                }
                byte[] bytes = Files.readAllBytes(shard);
                parts.add(bytes);
                total += bytes.length;
            } catch (IOException e) {
                throw new ModelLoadException("the weight file " + p.asText() + " named by " + file + " cannot be read");
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    /**
     * The {@code expected} values of parameter {@code param} ("kernel", "bias") of Keras layer {@code layer}, refused
     * with a sentence when missing or of another size.
     */
    float[] get(String layer, String param, long expected) throws ModelLoadException {
        float[] v = weights.get(layer + "/" + param);
        if (v == null) {
            // Newer converters prefix the model name, e.g. "sequential/conv_1_1/kernel".
            v = weights.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + layer + "/" + param))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
        if (v == null) {
            throw new ModelLoadException("the weights of layer " + layer + " (" + param + ") are missing");
        }
        if (v.length != expected) {
            throw new ModelLoadException("layer " + layer + "'s " + param + " has " + v.length
                    + " values but its configuration needs " + expected);
        }
        return v;
    }
}
