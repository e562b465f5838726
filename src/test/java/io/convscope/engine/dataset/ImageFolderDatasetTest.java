package io.convscope.engine.dataset;

import io.convscope.engine.SharedData;
import io.convscope.engine.TinyVgg;
import io.convscope.image.HostileImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Data set folders: the train/val layout, a plain folder split by class with a seed (the same held-out files on
 * every machine), the class order of classes.tsv, and a sentence naming the folder for each layout mistake.
 */
class ImageFolderDatasetTest {

    /** A folder per class with {@code counts[c]} small PNGs of varied sizes. */
    static Path plainFolder(Path root, Map<String, Integer> counts) throws IOException {
        for (var e : counts.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(e.getKey()));
            for (int i = 0; i < e.getValue(); i++) {
                BufferedImage img = HostileImages.noise(10 + 7 * i, 12 + 3 * i);
                ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
            }
        }
        return root;
    }

    private static String refusal(Path root) {
        return assertThrows(IOException.class, () -> ImageFolderDataset.open(root))
                .getMessage();
    }

    @Test
    void aPlainFolderIsSplitByClassTheSameWayForTheSameSeed(@TempDir Path dir) throws Exception {
        Path root = plainFolder(dir, Map.of("cats", 10, "dogs", 7, "owls", 2));
        ImageFolderDataset data = ImageFolderDataset.open(root);
        assertEquals(List.of("cats", "dogs", "owls"), data.classes());
        Map<Integer, Long> heldPerClass = data.validation().stream()
                .collect(Collectors.groupingBy(ImageFolderDataset.Sample::label, Collectors.counting()));
        // 15 %, rounded, at least one each way: 10 -> 2, 7 -> 1, 2 -> 1
        assertEquals(Map.of(0, 2L, 1, 1L, 2, 1L), heldPerClass);
        assertEquals(15, data.train().size());
        assertEquals(15, data.split().trainImages());
        // Pinned: java.util.Random's sequence is part of the JDK's specification, so this holds on every machine.
        assertEquals(
                List.of("cats/img2.png", "cats/img3.png", "dogs/img0.png", "owls/img1.png"),
                data.split().heldOut());
        assertEquals(data.split(), ImageFolderDataset.open(root).split());
        assertNotEquals(
                data.split().heldOut(),
                ImageFolderDataset.open(root, 7, 0.15).split().heldOut());
        // adding a class leaves the other classes' held-out images as they were
        plainFolder(root, Map.of("bats", 4));
        List<String> withBats = ImageFolderDataset.open(root).split().heldOut();
        assertTrue(withBats.containsAll(data.split().heldOut()), withBats.toString());
    }

    @Test
    void anEarlierSplitIsReappliedAndAFolderThatLostAHeldOutImageIsNamed(@TempDir Path dir) throws Exception {
        Path root = plainFolder(dir, Map.of("a", 6, "b", 6));
        DatasetSplit split = ImageFolderDataset.open(root, 3, 0.3).split();
        ImageFolderDataset again = ImageFolderDataset.openWithSplit(root, split);
        assertEquals(
                split.heldOut(),
                again.validation().stream()
                        .map(s -> DatasetSplit.relative(root, s.file()))
                        .toList());
        Files.delete(root.resolve(split.heldOut().get(0)));
        IOException e = assertThrows(IOException.class, () -> ImageFolderDataset.openWithSplit(root, split));
        assertEquals(
                "the split held out " + split.heldOut().get(0) + ", which is no longer in " + root
                        + "; the folder changed since the model was trained",
                e.getMessage());
    }

    @Test
    void classesTsvOrdersTheClassesInBothLayouts(@TempDir Path dir) throws Exception {
        Path plain = plainFolder(Files.createDirectories(dir.resolve("plain")), Map.of("bell-pepper", 3, "apple", 3));
        Files.writeString(plain.resolve("classes.tsv"), "index\tlabel\n0\tbell-pepper\n1\tapple\n");
        assertEquals(
                List.of("bell pepper", "apple"), ImageFolderDataset.open(plain).classes());

        Path tv = dir.resolve("tv");
        plainFolder(Files.createDirectories(tv.resolve("train")), Map.of("x", 2, "y", 2));
        plainFolder(Files.createDirectories(tv.resolve("val")), Map.of("x", 1, "y", 1));
        Files.writeString(tv.resolve("classes.tsv"), "index\twnid\tlabel\n0\tn1\ty\n1\tn2\tx\n");
        ImageFolderDataset data = ImageFolderDataset.open(tv);
        assertEquals(List.of("y", "x"), data.classes());
        assertNull(data.split());
        assertEquals(4, data.train().size());
        assertEquals(2, data.validation().size());
    }

    @Test
    void layoutMistakesAreSentencesNamingTheFolder(@TempDir Path dir) throws Exception {
        Path one = plainFolder(Files.createDirectories(dir.resolve("one")), Map.of("cats", 3));
        assertEquals(
                one + " holds 1 class; ConvScope trains on 2 to 200 classes, one folder of images each", refusal(one));

        Path many = Files.createDirectories(dir.resolve("many"));
        for (int c = 0; c < 201; c++) {
            Files.createDirectories(many.resolve("c" + c));
        }
        assertEquals(
                many + " holds 201 classes; ConvScope trains on 2 to 200 classes, one folder of images each",
                refusal(many));

        Path empty = plainFolder(Files.createDirectories(dir.resolve("empty")), Map.of("cats", 3, "dogs", 0));
        Files.writeString(empty.resolve("dogs").resolve("notes.txt"), "not an image");
        assertEquals(
                "the class folder " + empty.resolve("dogs")
                        + " holds no images (JPEG, PNG, GIF, BMP, TIFF or WebP files)",
                refusal(empty));

        Path single = plainFolder(Files.createDirectories(dir.resolve("single")), Map.of("cats", 3, "dogs", 1));
        assertEquals(
                "the class folder " + single.resolve("dogs") + " holds only 1 image; every class needs at "
                        + "least 2, one to train on and one to hold out",
                refusal(single));

        Path trainOnly = Files.createDirectories(dir.resolve("trainonly").resolve("train"))
                .getParent();
        assertTrue(refusal(trainOnly).startsWith(trainOnly + " has a train/ folder but no val/"));

        Path listed = plainFolder(Files.createDirectories(dir.resolve("listed")), Map.of("a", 2, "b", 2));
        Files.writeString(listed.resolve("classes.tsv"), "index\tlabel\n0\ta\n1\tb\n2\tc\n");
        assertEquals(
                listed.resolve("classes.tsv") + " lists the class c, but " + listed + " has no folder of that name",
                refusal(listed));

        Path missing = dir.resolve("missing");
        assertEquals("the data set folder " + missing + " does not exist", refusal(missing));
    }

    @Test
    void tinyImageNetOpensInItsClassOrderAndItsTrainingImagesSplitWithValLeftApart() throws Exception {
        Path root = SharedData.tinyImageNet();
        ImageFolderDataset data = ImageFolderDataset.open(root);
        assertEquals(TinyVgg.CLASSES, data.classes());
        assertEquals(5_000, data.train().size());
        assertEquals(250, data.validation().size());
        assertNull(data.split());

        ImageFolderDataset selection = ImageFolderDataset.openTrainSplit(root, 42, 0.15);
        assertEquals(TinyVgg.CLASSES, selection.classes());
        assertEquals(root.resolve("train"), selection.root());
        assertEquals(750, selection.validation().size());
        assertEquals(4_250, selection.train().size());
        assertTrue(selection.validation().stream().allMatch(s -> s.file().startsWith(root.resolve("train"))));
        // the held-out part is found again from the split alone, in the same class order
        ImageFolderDataset again = ImageFolderDataset.openWithSplit(root.resolve("train"), selection.split());
        assertEquals(selection.validation(), again.validation());
        assertEquals(selection.train(), again.train());
    }

    @Test
    void anUnreadableClassFolderIsNamed(@TempDir Path dir) throws Exception {
        Path root = plainFolder(dir, Map.of("a", 2, "b", 2));
        Path locked = root.resolve("b");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as root: every folder is readable");
            assertEquals(locked + " cannot be read: permission denied", refusal(root));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
