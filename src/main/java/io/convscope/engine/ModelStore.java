package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.dataset.DatasetSplit;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Our own model format: a DL4J {@code .zip} plus its {@link ModelMetadata} JSON beside it, written as a pair, and
 * for a model trained on a split plain folder its {@link DatasetSplit} ({@code m.split.json}) as a third member.
 * Files cannot be renamed together, so the JSON records the zip's (and the split's) size and SHA-256: all are written
 * to temporary files, the zip is renamed first, then the split, and the JSON last. A reader that finds a zip its
 * JSON does not describe (a save killed between the renames) takes the pending JSON that does describe it, and the
 * split that JSON describes, so it sees either the old set or the new one, never a mix; with no such JSON it refuses
 * with a sentence.
 */
public final class ModelStore {

    /** The sidecar's field that ties it to its zip. */
    static final String MODEL_FILE = "modelFile";
    /** The sidecar's field that ties it to its split file, when the model has one. */
    static final String SPLIT_FILE = "splitFile";

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
        save(net, metadata, zip, null);
    }

    /**
     * Writes the network, its metadata and (when not null) the split of the plain folder it was trained on as one
     * set; a model saved without a split leaves no split file of an older model beside it.
     */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Path zip, DatasetSplit split)
            throws IOException {
        Path json = ModelMetadata.sidecarOf(zip);
        Path splitFile = DatasetSplit.fileOf(zip);
        finishInterruptedSave(zip, json);
        AtomicFiles.deleteStaleTemporaries(zip);
        AtomicFiles.deleteStaleTemporaries(json);
        AtomicFiles.deleteStaleTemporaries(splitFile);
        Path zipTmp = AtomicFiles.writeTemporary(zip, out -> ModelSerializer.writeModel(net, out, false));
        Path splitTmp = null;
        Path jsonTmp = null;
        try {
            ObjectNode sidecar = ModelMetadata.JSON.valueToTree(metadata);
            sidecar.set(MODEL_FILE, ModelMetadata.JSON.valueToTree(Fingerprint.of(zipTmp)));
            if (split != null) {
                splitTmp = AtomicFiles.writeTemporary(splitFile, out -> ModelMetadata.JSON.writeValue(out, split));
                sidecar.set(SPLIT_FILE, ModelMetadata.JSON.valueToTree(Fingerprint.of(splitTmp)));
            }
            jsonTmp = AtomicFiles.writeTemporary(json, out -> ModelMetadata.JSON.writeValue(out, sidecar));
            stepHook.reached("temporaries written");
            AtomicFiles.commit(zipTmp, zip);
        } catch (IOException | RuntimeException e) {
            for (Path tmp : new Path[] {zipTmp, splitTmp, jsonTmp}) {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
            throw e;
        }
        // From here on the pending JSON (and split) make the new zip readable: they stay even if this save fails.
        stepHook.reached("zip renamed");
        if (splitTmp != null) {
            AtomicFiles.commit(splitTmp, splitFile);
            stepHook.reached("split renamed");
        }
        AtomicFiles.commit(jsonTmp, json);
        if (split == null) {
            Files.deleteIfExists(splitFile);
        }
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

    /**
     * The split of the plain folder {@code zip} was trained on, as its metadata describes it (a pending split of a
     * save killed between its renames included); empty when the model records none.
     */
    public static Optional<DatasetSplit> readSplit(Path zip) throws ModelLoadException {
        Path json = ModelMetadata.sidecarOf(zip);
        Path splitFile = DatasetSplit.fileOf(zip);
        Sidecar s;
        try {
            s = sidecarOf(zip, json);
        } catch (IOException e) {
            throw new ModelLoadException(ModelLoader.fileName(json) + " cannot be read");
        }
        if (s == null || !s.json.has(SPLIT_FILE)) {
            return Optional.empty();
        }
        Path file = describedSplit(splitFile, s.json);
        if (file == null) {
            throw new ModelLoadException(ModelLoader.fileName(splitFile) + " does not belong to "
                    + ModelLoader.fileName(zip) + ": " + ModelLoader.fileName(json) + " describes another split (the "
                    + "file was replaced, removed or a save was interrupted); train again to write the set anew");
        }
        try {
            return Optional.of(ModelMetadata.JSON.readValue(file.toFile(), DatasetSplit.class));
        } catch (IOException e) {
            throw new ModelLoadException(ModelLoader.fileName(splitFile) + " cannot be read");
        }
    }

    /** The split file (or a save's pending temporary of it) that {@code sidecar} describes, or null. */
    private static Path describedSplit(Path splitFile, JsonNode sidecar) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(splitFile);
        try {
            candidates.addAll(AtomicFiles.temporariesOf(splitFile));
            for (Path p : candidates) {
                if (Files.isRegularFile(p) && describesFile(sidecar.get(SPLIT_FILE), Fingerprint.of(p))) {
                    return p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private record Sidecar(Path file, JsonNode json, boolean pending) {}

    /** Completes a save that was killed between its two renames, so that the next one starts from a whole pair. */
    private static void finishInterruptedSave(Path zip, Path json) throws IOException {
        try {
            Sidecar s = sidecarOf(zip, json);
            if (s != null && s.pending) {
                Path splitFile = DatasetSplit.fileOf(zip);
                Path pendingSplit = s.json.has(SPLIT_FILE) ? describedSplit(splitFile, s.json) : null;
                if (pendingSplit != null && !pendingSplit.equals(splitFile)) {
                    AtomicFiles.commit(pendingSplit, splitFile);
                }
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
        return describesFile(sidecar.get(MODEL_FILE), actual);
    }

    /** Whether a recorded {@code {bytes, sha256}} is the fingerprint of the file found. */
    private static boolean describesFile(JsonNode f, Fingerprint actual) {
        return f != null
                && f.path("bytes").asLong(-1) == actual.bytes()
                && actual.sha256().equals(f.path("sha256").asText());
    }
}
