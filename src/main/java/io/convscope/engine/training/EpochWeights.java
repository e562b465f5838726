package io.convscope.engine.training;

import io.convscope.engine.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every finished epoch's parameters, one file each in a folder of the session's own, so a scrubber can go back to
 * any epoch and "Use this model" can export it. Bounded by bytes on disk: past the budget the oldest epochs go first,
 * but never the newest one nor the best one (so with a budget smaller than two epochs those two are still kept).
 */
final class EpochWeights {

    private final Path dir;
    private final long budgetBytes;
    private final TreeMap<Integer, Long> kept = new TreeMap<>();

    EpochWeights(Path dir, long budgetBytes) {
        this.dir = dir;
        this.budgetBytes = budgetBytes;
    }

    /** Writes epoch {@code epoch}'s values (atomically), then drops old epochs until the folder fits its budget. */
    synchronized void save(int epoch, float[][] values, int bestEpoch) throws IOException {
        Path file = file(epoch);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            AdamW.Arrays2.write(d, values);
            d.flush();
        });
        kept.put(epoch, Files.size(file));
        for (Integer old : new ArrayList<>(kept.keySet())) {
            if (bytes() <= budgetBytes) {
                break;
            }
            if (old != epoch && old != bestEpoch) {
                Files.deleteIfExists(file(old));
                kept.remove(old);
            }
        }
    }

    /** The epochs whose parameters are kept, in order. */
    synchronized List<Integer> epochs() {
        return List.copyOf(kept.keySet());
    }

    synchronized boolean has(int epoch) {
        return kept.containsKey(epoch);
    }

    synchronized long bytes() {
        return kept.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads epoch {@code epoch}'s values into {@code into} (arrays of the network's block sizes). */
    synchronized void read(int epoch, float[][] into) throws IOException {
        if (!kept.containsKey(epoch)) {
            throw new IOException("the weights of epoch " + epoch + " were not kept (only epochs " + kept.keySet()
                    + " fit the space given to this run's checkpoints)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(epoch))))) {
            AdamW.Arrays2.readInto(in, into);
        }
    }

    /** Deletes the folder and everything in it. */
    synchronized void deleteAll() throws IOException {
        kept.clear();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private Path file(int epoch) {
        return dir.resolve(String.format("epoch-%04d.bin", epoch));
    }

    /** For tests: epoch to bytes. */
    synchronized Map<Integer, Long> sizes() {
        return Map.copyOf(kept);
    }
}
