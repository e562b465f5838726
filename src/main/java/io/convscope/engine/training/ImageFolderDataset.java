package io.convscope.engine.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An image-folder data set: {@code DIR/train/<label>/*} and {@code DIR/val/<label>/*}, with the class order from
 * {@code DIR/classes.tsv} (last column = folder label) when present, else the sorted folder names.
 */
public record ImageFolderDataset(Path root, List<String> classes, List<Sample> train, List<Sample> validation) {

    /** One labelled image file. */
    public record Sample(Path file, int label) {}

    private static final List<String> IMAGE_SUFFIXES =
            List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp");

    public static ImageFolderDataset open(Path root) throws IOException {
        Path trainDir = root.resolve("train");
        Path valDir = root.resolve("val");
        if (!Files.isDirectory(trainDir) || !Files.isDirectory(valDir)) {
            throw new IOException(root + " must contain train/<label>/ and val/<label>/ folders");
        }
        List<String> folders = readClassOrder(root, trainDir);
        List<String> classes =
                folders.stream().map(ImageFolderDataset::displayName).toList();
        return new ImageFolderDataset(root, classes, list(trainDir, folders), list(valDir, folders));
    }

    /** Lists {@code dir/<class>/*} images, matching folder names to {@code classes} loosely ("bell pepper" = "bell-pepper"). */
    public static List<Sample> listLabelled(Path dir, List<String> classes) throws IOException {
        List<String> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .forEach(folders::add);
        }
        List<Sample> samples = new ArrayList<>();
        for (String folder : folders) {
            int label = indexOfLoosely(classes, folder);
            if (label < 0) {
                throw new IOException("folder " + folder + " of " + dir + " names no class of the model " + classes);
            }
            for (Path f : images(dir.resolve(folder))) {
                samples.add(new Sample(f, label));
            }
        }
        if (samples.isEmpty()) {
            throw new IOException(dir + " holds no images in <label>/ folders");
        }
        return samples;
    }

    /** "bell-pepper" becomes "bell pepper": labels read as words. */
    public static String displayName(String folder) {
        return folder.replace('-', ' ').replace('_', ' ');
    }

    static int indexOfLoosely(List<String> classes, String name) {
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

    private static List<String> readClassOrder(Path root, Path trainDir) throws IOException {
        Path tsv = root.resolve("classes.tsv");
        List<String> folders = new ArrayList<>();
        if (Files.isRegularFile(tsv)) {
            List<String> lines = Files.readAllLines(tsv);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    String[] cols = line.split("\t");
                    folders.add(cols[cols.length - 1].trim());
                }
            }
        } else {
            try (Stream<Path> s = Files.list(trainDir)) {
                s.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .forEach(folders::add);
            }
        }
        if (folders.size() < 2) {
            throw new IOException(root + " needs at least two classes");
        }
        return folders;
    }

    private static List<Sample> list(Path split, List<String> folders) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int label = 0; label < folders.size(); label++) {
            Path dir = split.resolve(folders.get(label));
            if (!Files.isDirectory(dir)) {
                throw new IOException("missing folder " + dir);
            }
            for (Path f : images(dir)) {
                samples.add(new Sample(f, label));
            }
        }
        return samples;
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> IMAGE_SUFFIXES.stream()
                            .anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted()
                    .toList();
        }
    }
}
