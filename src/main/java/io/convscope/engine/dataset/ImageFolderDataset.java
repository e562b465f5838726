package io.convscope.engine.dataset;

import io.convscope.engine.dataset.DatasetException.Problem;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An image-folder data set, in one of two layouts: {@code DIR/train/<label>/*} and {@code DIR/val/<label>/*}, or a
 * plain {@code DIR/<label>/*} that is split into training and held-out images by a {@link DatasetSplit}. The class
 * order comes from {@code DIR/classes.tsv} (a header line, then one line per class whose last column is the folder
 * name) when present, else from the sorted folder names. Only file names are listed here; {@link TrainingImages}
 * decodes them.
 *
 * @param split how a plain folder was split; null for the train/val layout
 */
public record ImageFolderDataset(
        Path root, List<String> classes, List<Sample> train, List<Sample> validation, DatasetSplit split) {

    /** One labelled image file. */
    public record Sample(Path file, int label) {}

    public static final int MIN_CLASSES = 2;
    public static final int MAX_CLASSES = 200;

    private static final List<String> IMAGE_SUFFIXES =
            List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp");
    private static final String KINDS = "JPEG, PNG, GIF, BMP, TIFF or WebP files";

    public ImageFolderDataset {
        classes = List.copyOf(classes);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** Opens either layout; a plain folder is split with the default seed and 15 % held out. */
    public static ImageFolderDataset open(Path root) throws IOException {
        return open(root, DatasetSplit.DEFAULT_SEED, DatasetSplit.DEFAULT_VALIDATION_FRACTION);
    }

    /**
     * Opens either layout, checking it: 2 to 200 classes, no empty class folder, every class of a plain folder with
     * at least 2 images. Every refusal is a sentence naming the folder.
     *
     * @param splitSeed          the seed of a plain folder's split (ignored for train/val)
     * @param validationFraction the share of each class a plain folder holds out, 0.01 to 0.5
     */
    public static ImageFolderDataset open(Path root, long splitSeed, double validationFraction) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(Files.exists(root) ? Problem.IS_A_FILE : Problem.MISSING, root);
        }
        Path trainDir = root.resolve("train");
        Path valDir = root.resolve("val");
        boolean hasTrain = Files.isDirectory(trainDir);
        if (hasTrain != Files.isDirectory(valDir)) {
            throw new DatasetException(
                    Problem.HALF_SPLIT, root, hasTrain ? "train" : "val", hasTrain ? "val" : "train");
        }
        return hasTrain ? openTrainVal(root, trainDir, valDir) : openPlain(root, splitSeed, validationFraction);
    }

    /** True when the folder is a plain {@code DIR/<label>/} one (no train/ and val/ in it). */
    public static boolean isPlain(Path root) {
        return Files.isDirectory(root) && !Files.isDirectory(root.resolve("train"));
    }

    private static ImageFolderDataset openTrainVal(Path root, Path trainDir, Path valDir) throws IOException {
        List<String> folders = classFolders(root, trainDir);
        List<Sample> train = new ArrayList<>();
        List<Sample> val = new ArrayList<>();
        for (int label = 0; label < folders.size(); label++) {
            Path t = trainDir.resolve(folders.get(label));
            Path v = valDir.resolve(folders.get(label));
            if (!Files.isDirectory(v)) {
                throw new DatasetException(Problem.VAL_LACKS_CLASS, valDir, folders.get(label));
            }
            List<Path> images = images(t);
            if (images.isEmpty()) {
                throw new DatasetException(Problem.CLASS_WITHOUT_IMAGES, t, KINDS);
            }
            for (Path f : images) {
                train.add(new Sample(f, label));
            }
            for (Path f : images(v)) {
                val.add(new Sample(f, label));
            }
        }
        if (val.isEmpty()) {
            throw new DatasetException(Problem.VAL_WITHOUT_IMAGES, valDir, KINDS);
        }
        return new ImageFolderDataset(root, displayNames(folders), train, val, null);
    }

    /**
     * The training images of a train/val data set, split to choose epochs and recipes on, so that {@code val/} stays
     * unseen until the one final measurement. The data set's root is {@code DIR/train} (the split's paths are
     * relative to it, so {@code evaluate --data DIR/train} scores the held-out part); the class order is still
     * {@code DIR/classes.tsv}'s.
     */
    public static ImageFolderDataset openTrainSplit(Path root, long seed, double fraction) throws IOException {
        ImageFolderDataset whole = open(root);
        if (whole.split() != null) {
            throw new DatasetException(Problem.NO_TRAIN_VAL, root);
        }
        return openPlain(root.resolve("train"), root, seed, fraction);
    }

    private static ImageFolderDataset openPlain(Path root, long seed, double fraction) throws IOException {
        return openPlain(root, tsvRootOf(root), seed, fraction);
    }

    /** A train/ folder given on its own keeps its data set's class order (classes.tsv beside it). */
    private static Path tsvRootOf(Path plain) {
        Path parent = plain.toAbsolutePath().normalize().getParent();
        boolean trainOfDataSet = parent != null
                && "train"
                        .equals(plain.toAbsolutePath().normalize().getFileName().toString())
                && !Files.isRegularFile(plain.resolve("classes.tsv"))
                && Files.isRegularFile(parent.resolve("classes.tsv"));
        return trainOfDataSet ? parent : plain;
    }

    /** {@code tsvRoot} is where classes.tsv may be: the folder itself, or the data set above its train/. */
    private static ImageFolderDataset openPlain(Path root, Path tsvRoot, long seed, double fraction)
            throws IOException {
        if (!(fraction >= DatasetSplit.MIN_FRACTION && fraction <= DatasetSplit.MAX_FRACTION)) {
            throw new DatasetException(
                    Problem.BAD_FRACTION, fraction, DatasetSplit.MIN_FRACTION, DatasetSplit.MAX_FRACTION);
        }
        List<String> folders = classFolders(tsvRoot, root);
        List<List<String>> byClass = new ArrayList<>();
        for (String folder : folders) {
            Path dir = root.resolve(folder);
            List<Path> images = images(dir);
            if (images.size() < 2) {
                throw images.isEmpty()
                        ? new DatasetException(Problem.CLASS_WITHOUT_IMAGES, dir, KINDS)
                        : new DatasetException(Problem.CLASS_WITH_ONE_IMAGE, dir);
            }
            byClass.add(images.stream().map(f -> DatasetSplit.relative(root, f)).toList());
        }
        DatasetSplit split = DatasetSplit.stratified(folders, byClass, seed, fraction);
        return withSplit(root, folders, byClass, split);
    }

    /**
     * A plain folder with an earlier split (a resumed run, or {@code evaluate} with the model's split file): the
     * held-out images are the split's, the others train.
     *
     * @throws IOException when an image the split holds out is no longer in the folder
     */
    public static ImageFolderDataset openWithSplit(Path root, DatasetSplit split) throws IOException {
        if (!isPlain(root)) {
            throw new DatasetException(Problem.SPLIT_OF_TRAIN_VAL, root);
        }
        List<String> folders = classFolders(tsvRootOf(root), root);
        List<List<String>> byClass = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (String folder : folders) {
            List<String> files = images(root.resolve(folder)).stream()
                    .map(f -> DatasetSplit.relative(root, f))
                    .toList();
            byClass.add(files);
            present.addAll(files);
        }
        for (String held : split.heldOut()) {
            if (!present.contains(held)) {
                throw new DatasetException(Problem.HELD_OUT_GONE, held, root);
            }
        }
        return withSplit(root, folders, byClass, split);
    }

    private static ImageFolderDataset withSplit(
            Path root, List<String> folders, List<List<String>> byClass, DatasetSplit split) {
        Set<String> held = new HashSet<>(split.heldOut());
        List<Sample> train = new ArrayList<>();
        List<Sample> val = new ArrayList<>();
        for (int label = 0; label < folders.size(); label++) {
            for (String rel : byClass.get(label)) {
                (held.contains(rel) ? val : train).add(new Sample(root.resolve(rel), label));
            }
        }
        return new ImageFolderDataset(root, displayNames(folders), train, val, split);
    }

    /** Lists {@code dir/<class>/*} images, matching folder names to {@code classes} loosely ("bell pepper" = "bell-pepper"). */
    public static List<Sample> listLabelled(Path dir, List<String> classes) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String folder : subfolders(dir)) {
            int label = indexOfLoosely(classes, folder);
            if (label < 0) {
                throw new DatasetException(Problem.NOT_A_CLASS_OF_MODEL, folder, dir, classes);
            }
            for (Path f : images(dir.resolve(folder))) {
                samples.add(new Sample(f, label));
            }
        }
        if (samples.isEmpty()) {
            throw new DatasetException(Problem.NO_LABELLED_IMAGES, dir);
        }
        return samples;
    }

    /** "bell-pepper" becomes "bell pepper": labels read as words. */
    public static String displayName(String folder) {
        return folder.replace('-', ' ').replace('_', ' ');
    }

    public static int indexOfLoosely(List<String> classes, String name) {
        String key = normalise(name);
        for (int i = 0; i < classes.size(); i++) {
            if (normalise(classes.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static List<String> displayNames(List<String> folders) {
        return folders.stream().map(ImageFolderDataset::displayName).toList();
    }

    /** The class folders in class order (classes.tsv's, else sorted), every one present in {@code dir}. */
    private static List<String> classFolders(Path root, Path dir) throws IOException {
        List<String> present = subfolders(dir);
        Path tsv = root.resolve("classes.tsv");
        List<String> folders = Files.isRegularFile(tsv) ? readClassOrder(tsv) : present;
        if (folders.size() < MIN_CLASSES || folders.size() > MAX_CLASSES) {
            boolean listed = Files.isRegularFile(tsv);
            boolean one = folders.size() == 1;
            throw new DatasetException(
                    listed
                            ? (one ? Problem.LIST_ONE_CLASS : Problem.LIST_CLASS_COUNT)
                            : (one ? Problem.FOLDER_ONE_CLASS : Problem.FOLDER_CLASS_COUNT),
                    listed ? tsv : dir,
                    folders.size(),
                    MIN_CLASSES,
                    MAX_CLASSES);
        }
        for (String f : folders) {
            if (!present.contains(f)) {
                throw new DatasetException(Problem.LISTED_CLASS_MISSING, tsv, f, dir);
            }
        }
        for (String f : present) {
            if (!folders.contains(f)) {
                throw new DatasetException(Problem.FOLDER_NOT_LISTED, dir.resolve(f), tsv, dir);
            }
        }
        return folders;
    }

    private static List<String> readClassOrder(Path tsv) throws IOException {
        List<String> lines = readable(tsv, () -> Files.readAllLines(tsv));
        List<String> folders = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isBlank()) {
                String[] cols = line.split("\t");
                String folder = cols[cols.length - 1].trim();
                if (folders.contains(folder)) {
                    throw new DatasetException(Problem.LISTED_TWICE, tsv, folder);
                }
                folders.add(folder);
            }
        }
        return folders;
    }

    /** Sub-folders by name, sorted; hidden ones (".git", "__MACOSX"-like dot folders) left out. */
    private static List<String> subfolders(Path dir) throws IOException {
        return readable(dir, () -> {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith("."))
                        .sorted()
                        .toList();
            }
        });
    }

    private static List<Path> images(Path dir) throws IOException {
        return readable(dir, () -> {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> IMAGE_SUFFIXES.stream()
                                .anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                        .sorted()
                        .toList();
            }
        });
    }

    private interface Listing<T> {
        T list() throws IOException;
    }

    /** Runs a listing, turning the file system's exception into a sentence naming the folder or file. */
    private static <T> T readable(Path p, Listing<T> listing) throws IOException {
        try {
            return listing.list();
        } catch (AccessDeniedException e) {
            throw new DatasetException(Problem.DENIED, e, p);
        } catch (IOException e) {
            throw new DatasetException(Problem.UNREADABLE, e, p);
        }
    }
}
