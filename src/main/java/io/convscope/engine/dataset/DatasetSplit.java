package io.convscope.engine.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.convscope.engine.AtomicFiles;
import io.convscope.engine.ModelMetadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which images of a plain {@code DIR/<label>/} folder were held out for validation: a stratified split (the same
 * share of every class, at least one image each way), seeded and the same on every machine, because the file names
 * are sorted as strings before a {@link Random} of the seed (its algorithm is fixed by the JDK's specification)
 * shuffles them. Written beside the model ({@code m.zip} + {@code m.split.json}) so {@code evaluate} later scores
 * the held-out images only.
 *
 * @param heldOut the held-out files, relative to the data set's folder with {@code /} between names, sorted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSplit(long seed, double validationFraction, int trainImages, List<String> heldOut) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.15;
    public static final double MIN_FRACTION = 0.01;
    public static final double MAX_FRACTION = 0.5;

    public DatasetSplit {
        heldOut = List.copyOf(heldOut);
    }

    /** The split file kept beside a model zip: {@code x.zip} -> {@code x.split.json}. */
    public static Path fileOf(Path modelZip) {
        String file = modelZip.getFileName().toString();
        String base = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        return modelZip.resolveSibling(base + ".split.json");
    }

    /**
     * Splits each class's images (relative paths) on its own: the classes do not disturb one another's split, so
     * adding a class leaves the others' held-out images as they were.
     *
     * @param byClass per class folder name, its images' relative paths
     */
    static DatasetSplit stratified(List<String> folders, List<List<String>> byClass, long seed, double fraction) {
        Set<String> held = new TreeSet<>();
        int train = 0;
        for (int c = 0; c < folders.size(); c++) {
            List<String> files = new ArrayList<>(byClass.get(c));
            files.sort(null);
            Random rng = new Random(seed * 1_000_003L + folders.get(c).hashCode());
            for (int i = files.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                files.set(i, files.set(j, files.get(i)));
            }
            int n = files.size();
            int k = (int) Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
            held.addAll(files.subList(0, k));
            train += n - k;
        }
        return new DatasetSplit(seed, fraction, train, List.copyOf(held));
    }

    public static DatasetSplit read(Path file) throws IOException {
        try {
            return ModelMetadata.JSON.readValue(file.toFile(), DatasetSplit.class);
        } catch (IOException e) {
            throw new IOException("the split file " + file + " cannot be read; train again to write it", e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> ModelMetadata.JSON.writeValue(out, this));
    }

    /** A file's path relative to the data set's folder as the split records it, {@code /} between names. */
    static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }
}
