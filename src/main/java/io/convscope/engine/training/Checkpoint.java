package io.convscope.engine.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.convscope.engine.AtomicFiles;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The trainer's checkpoint folder as one set: parameter files with names never reused ({@code last-000007.bin},
 * {@code best-000005.bin}) and {@code state.json}, the manifest, written last in one rename. The manifest says which
 * epoch and batch the files belong to and records each file's size and SHA-256; files it does not name (an older
 * set, a killed write's {@code .tmp}) are deleted once it is on disk. A kill at any moment leaves either the old
 * manifest with its old files or the new one with its new files, and {@link #read} verifies them before a resume.
 */
final class Checkpoint {

    static final String MANIFEST = "state.json";
    private static final int FORMAT = 2;
    private static final Pattern SEQUENCED = Pattern.compile("(?:last|best)-(\\d{1,18})\\.bin");

    /** One parameter file of the set. */
    record FileRef(String name, long bytes, String sha256) {}

    /**
     * Progress after {@code epochsDone} whole epochs and {@code batchesDone} batches of the next one (with the loss,
     * hits and seconds of those batches), the best epoch so far and the files holding the parameters.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(
            int format,
            long sequence,
            long seed,
            int batchSize,
            int epochsDone,
            int batchesDone,
            double partialLoss,
            int partialCorrect,
            double partialSeconds,
            int bestEpoch,
            double bestValidationAccuracy,
            double bestValidationLoss,
            List<Trainer.EpochResult> history,
            FileRef last,
            FileRef best) {

        static State fresh(long seed, int batchSize) {
            return fresh(seed, batchSize, 0);
        }

        private static State fresh(long seed, int batchSize, long sequence) {
            return new State(
                    FORMAT, sequence, seed, batchSize, 0, 0, 0, 0, 0, 0, -1, Double.MAX_VALUE, List.of(), null, null);
        }
    }

    /** A step of a write, for tests that stop a write between its steps as a kill would. */
    @FunctionalInterface
    interface StepHook {
        void reached(String step) throws IOException;
    }

    static volatile StepHook stepHook = step -> {};

    private final Path dir;

    Checkpoint(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * The state a run without resume starts from. An older checkpoint stays readable until this run's first write
     * replaces it, so this run's file names must come after every name in the folder.
     */
    State fresh(long seed, int batchSize) throws IOException {
        long highest = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                highest = files.map(f -> SEQUENCED.matcher(f.getFileName().toString()))
                        .filter(Matcher::matches)
                        .mapToLong(m -> Long.parseLong(m.group(1)))
                        .max()
                        .orElse(0);
            }
        }
        return State.fresh(seed, batchSize, highest);
    }

    /**
     * The verified state, with the last parameters and the optimiser's (and average's) state read into
     * {@code params} and {@code training}; empty when there is no checkpoint. Leftovers of a killed write are deleted.
     */
    Optional<State> read(float[][] params, TrainingState training) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        State state;
        try {
            state = ModelMetadata.JSON.readValue(manifest.toFile(), State.class);
        } catch (IOException e) {
            throw new IOException(
                    "the checkpoint " + manifest + " cannot be read; delete " + dir + " or train without --resume", e);
        }
        if (state.format() != FORMAT || state.last() == null) {
            throw new IOException("the checkpoint in " + dir + " was written by an older ConvScope and cannot be "
                    + "checked; delete it or train without --resume");
        }
        deleteAllBut(names(state));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(verified(state.last())))) {
            AdamW.Arrays2.readInto(in, params);
            training.read(in);
        }
        if (state.best() != null) {
            verified(state.best());
        }
        return Optional.of(state);
    }

    /** The parameters of the best epoch, verified against the manifest. */
    void readBest(State state, float[][] into) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(verified(state.best())))) {
            AdamW.Arrays2.readInto(in, into);
        }
    }

    /**
     * Writes a new set: the current parameters and training state, {@code best} when this epoch is a new best (the
     * parameters evaluated, which are the averaged ones when training averages weights), then the manifest; returns
     * the state as written (with its file names).
     */
    State write(State state, float[][] params, TrainingState training, float[][] best) throws IOException {
        Files.createDirectories(dir);
        long sequence = state.sequence() + 1;
        FileRef last = writeBin(String.format("last-%06d.bin", sequence), d -> {
            AdamW.Arrays2.write(d, params);
            training.write(d);
        });
        FileRef bestRef = best != null
                ? writeBin(String.format("best-%06d.bin", sequence), d -> AdamW.Arrays2.write(d, best))
                : state.best();
        stepHook.reached("parameters written");
        State written = new State(
                FORMAT,
                sequence,
                state.seed(),
                state.batchSize(),
                state.epochsDone(),
                state.batchesDone(),
                state.partialLoss(),
                state.partialCorrect(),
                state.partialSeconds(),
                state.bestEpoch(),
                state.bestValidationAccuracy(),
                state.bestValidationLoss(),
                state.history(),
                last,
                bestRef);
        AtomicFiles.write(dir.resolve(MANIFEST), out -> ModelMetadata.JSON.writeValue(out, written));
        stepHook.reached("manifest written");
        deleteAllBut(names(written));
        return written;
    }

    private interface BinWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private FileRef writeBin(String name, BinWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            writer.write(d);
        }
        byte[] content = bytes.toByteArray();
        AtomicFiles.write(dir.resolve(name), out -> out.write(content));
        return new FileRef(name, content.length, sha256(content));
    }

    private byte[] verified(FileRef ref) throws IOException {
        Path file = dir.resolve(ref.name());
        if (!Files.isRegularFile(file)) {
            throw new IOException("the checkpoint in " + dir + " is incomplete: " + ref.name() + " named by " + MANIFEST
                    + " is missing; delete the folder or train without --resume");
        }
        byte[] content = Files.readAllBytes(file);
        if (content.length != ref.bytes() || !sha256(content).equals(ref.sha256())) {
            throw new IOException("the checkpoint in " + dir + " is inconsistent: " + ref.name() + " is not the file "
                    + MANIFEST + " describes; delete the folder or train without --resume");
        }
        return content;
    }

    private static Set<String> names(State state) {
        return state.best() == null
                ? Set.of(MANIFEST, state.last().name())
                : Set.of(MANIFEST, state.last().name(), state.best().name());
    }

    private void deleteAllBut(Set<String> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> !keep.contains(f.getFileName().toString()))
                    .toList()) {
                if (Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(ModelStore.Fingerprint.newSha256().digest(content));
    }
}
