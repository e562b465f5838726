package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Our own model format: a DL4J {@code .zip} plus its {@link ModelMetadata} JSON beside it, written as a pair.
 * Two files cannot be renamed in one step, so the JSON records the zip's size and SHA-256: both are written to
 * temporary files, the zip is renamed first and the JSON last. A reader that finds a zip its JSON does not describe
 * (a save killed between the renames) takes the pending JSON that does describe it, so it sees either the old pair
 * or the new one, never a mix; with no such JSON it refuses with a sentence.
 */
public final class ModelStore {

    /** The sidecar's field that ties it to its zip. */
    static final String MODEL_FILE = "modelFile";

    /** Size and SHA-256 of a model zip. */
    public record Fingerprint(long bytes, String sha256) {
        static Fingerprint of(Path file) throws IOException {
            MessageDigest sha = newSha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new Fingerprint(Files.size(file), HexFormat.of().formatHex(sha.digest()));
        }

        public static MessageDigest newSha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }

    /** A step of a save, for tests that stop a save between its renames as a kill would. */
    @FunctionalInterface
    interface StepHook {
        void reached(String step) throws IOException;
    }

    static volatile StepHook stepHook = step -> {};

    private ModelStore() {}

    /** Writes the network (without updater state: a shipped model is for inference) and its metadata as one pair. */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Path zip) throws IOException {
        Path json = ModelMetadata.sidecarOf(zip);
        finishInterruptedSave(zip, json);
        AtomicFiles.deleteStaleTemporaries(zip);
        AtomicFiles.deleteStaleTemporaries(json);
        Path zipTmp = AtomicFiles.writeTemporary(zip, out -> ModelSerializer.writeModel(net, out, false));
        Path jsonTmp;
        try {
            ObjectNode sidecar = ModelMetadata.JSON.valueToTree(metadata);
            sidecar.set(MODEL_FILE, ModelMetadata.JSON.valueToTree(Fingerprint.of(zipTmp)));
            jsonTmp = AtomicFiles.writeTemporary(json, out -> ModelMetadata.JSON.writeValue(out, sidecar));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(zipTmp);
            throw e;
        }
        try {
            AtomicFiles.commit(zipTmp, zip);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(zipTmp);
            Files.deleteIfExists(jsonTmp);
            throw e;
        }
        // From here on the pending JSON is what makes the new zip readable: it stays even if this save fails.
        stepHook.reached("zip renamed");
        AtomicFiles.commit(jsonTmp, json);
    }

    /** Refuses, before any work, a place a model cannot be saved to: a folder, or a file in a missing or read-only folder. */
    public static void checkWritable(Path zip) throws IOException {
        if (Files.isDirectory(zip)) {
            throw new IOException(zip + " is a folder; give the model file to write, e.g. " + zip.resolve("model.zip"));
        }
        Path dir = zip.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write " + zip + ": " + dir
                    + (Files.exists(dir) ? " is a file, not a folder" : " does not exist"));
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write " + zip + ": the folder " + dir + " is not writable");
        }
        Path json = ModelMetadata.sidecarOf(zip);
        if (Files.isDirectory(json)) {
            throw new IOException("cannot write " + zip + ": its metadata file " + json + " is a folder");
        }
    }

    /**
     * The metadata that belongs to {@code zip}: its JSON when that describes this zip (or describes no zip: written
     * by hand or by an older ConvScope), else the JSON of a save interrupted after its zip was renamed; empty when
     * the zip has no JSON at all.
     */
    public static Optional<ModelMetadata> readMetadata(Path zip) throws ModelLoadException {
        Path json = ModelMetadata.sidecarOf(zip);
        Sidecar s;
        try {
            s = sidecarOf(zip, json);
        } catch (IOException e) {
            // not JSON at all, or unreadable: the field-by-field reader words it for the user
            return Optional.of(ModelChecks.metadata(json));
        }
        return s == null ? Optional.empty() : Optional.of(ModelChecks.metadata(json, s.json));
    }

    private record Sidecar(Path file, JsonNode json, boolean pending) {}

    /** Completes a save that was killed between its two renames, so that the next one starts from a whole pair. */
    private static void finishInterruptedSave(Path zip, Path json) throws IOException {
        try {
            Sidecar s = sidecarOf(zip, json);
            if (s != null && s.pending) {
                AtomicFiles.commit(s.file, json);
            }
        } catch (ModelLoadException | IOException e) {
            // a pair that does not belong together, or an unreadable JSON, is about to be replaced by a new pair
        }
    }

    private static Sidecar sidecarOf(Path zip, Path json) throws IOException, ModelLoadException {
        List<Path> pending = AtomicFiles.temporariesOf(json);
        JsonNode current = Files.isRegularFile(json) ? ModelMetadata.JSON.readTree(json.toFile()) : null;
        boolean fingerprinted = current != null && current.has(MODEL_FILE);
        if (!Files.isRegularFile(zip) || !fingerprinted && pending.isEmpty()) {
            // no zip to check, or nothing to check it against (a JSON by hand or by an older ConvScope)
            return current == null ? null : new Sidecar(json, current, false);
        }
        Fingerprint actual = Fingerprint.of(zip);
        if (fingerprinted && describes(current, actual)) {
            return new Sidecar(json, current, false);
        }
        for (Path p : pending) {
            try {
                JsonNode node = ModelMetadata.JSON.readTree(p.toFile());
                if (describes(node, actual)) {
                    return new Sidecar(p, node, true);
                }
            } catch (IOException ignored) {
                // a half-written pending JSON belongs to a save that never renamed its zip
            }
        }
        if (!fingerprinted) {
            return current == null ? null : new Sidecar(json, current, false);
        }
        throw new ModelLoadException(zip.getFileName() + " and " + json.getFileName() + " do not belong together: "
                + json.getFileName() + " describes another version of the model file (it was replaced, or a save was "
                + "interrupted); save or copy the two files again as a pair");
    }

    private static boolean describes(JsonNode sidecar, Fingerprint actual) {
        JsonNode f = sidecar.get(MODEL_FILE);
        return f != null
                && f.path("bytes").asLong(-1) == actual.bytes()
                && actual.sha256().equals(f.path("sha256").asText());
    }
}
