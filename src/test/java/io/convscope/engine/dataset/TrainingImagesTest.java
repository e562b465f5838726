package io.convscope.engine.dataset;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.convscope.image.HostileImages;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training images are decoded when read into a cache bounded by bytes; files that do not decode are skipped and
 * listed, never thrown; the memory they need is estimated before any is decoded.
 */
class TrainingImagesTest {

    @Test
    void badFilesAreSkippedAndListedAndTheRestDecodeAsThePreprocessorDoes(@TempDir Path dir) throws Exception {
        Path root = ImageFolderDatasetTest.plainFolder(dir, Map.of("a", 4, "b", 4));
        ImageIO.write(
                HostileImages.noise(300, 90),
                "jpg",
                root.resolve("a").resolve("wide.jpg").toFile());
        Files.write(root.resolve("a").resolve("empty.png"), new byte[0]);
        Files.writeString(root.resolve("b").resolve("notes.jpg"), "not a picture at all");
        byte[] png = Files.readAllBytes(root.resolve("b").resolve("img3.png"));
        Files.write(root.resolve("b").resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        ImageFolderDataset data = ImageFolderDataset.open(root);
        List<ImageFolderDataset.Sample> all = new ArrayList<>(data.train());
        all.addAll(data.validation());

        Shape input = new Shape(3, 32, 32);
        TrainingImages.Checked checked = TrainingImages.check(all, input, 1L << 30, TrainingImages.Progress.NONE);
        assertEquals(3, checked.skipped().size());
        assertEquals(
                List.of(root.resolve("a/empty.png"), root.resolve("b/notes.jpg"), root.resolve("b/truncated.png")),
                checked.skipped().stream().map(TrainingImages.Skipped::file).toList());
        assertTrue(
                checked.skipped().get(0).reason().contains("empty.png"),
                checked.skipped().get(0).reason());
        TrainingImages images = checked.images();
        assertEquals(all.size() - 3, images.size());
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(ImagePreprocessor.load(images.file(i), 32, 32), images.image(i), images.file(i) + "");
        }
        assertEquals(TrainingImages.estimate(images.size(), input, 1L << 30).allBytes(), images.cachedBytes());
        String sentence = TrainingImages.skippedSentence(checked.skipped(), all.size(), 2);
        assertTrue(sentence.startsWith("Skipped 3 of 12 images that could not be read, the first 2: "), sentence);
        assertTrue(
                sentence.contains("empty.png") && sentence.contains("notes.jpg") && sentence.endsWith("; ..."),
                sentence);
        assertEquals("", TrainingImages.skippedSentence(List.of(), 9, 2));
        // a: 4 + wide.jpg - empty.png; b: 4 - notes.jpg - truncated.png
        assertArrayEquals(new int[] {5, 4}, images.countsPerClass(2));
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBytesAndDecodesAgainWhatItDropped(@TempDir Path dir) throws Exception {
        Path root = ImageFolderDatasetTest.plainFolder(dir, Map.of("a", 6, "b", 6));
        Shape input = new Shape(3, 40, 40);
        long perImage = TrainingImages.estimate(1, input, 0).bytesPerImage();
        long budget = 3 * perImage + perImage / 2;
        ImageFolderDataset data = ImageFolderDataset.open(root);
        TrainingImages images = TrainingImages.check(data.train(), input, budget, TrainingImages.Progress.NONE)
                .images();
        assertTrue(images.cachedBytes() <= budget && images.cachedBytes() == 3 * perImage, "" + images.cachedBytes());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(ImagePreprocessor.load(images.file(i), 40, 40), images.image(i));
                assertTrue(images.cachedBytes() <= budget);
            }
        }
    }

    @Test
    void aOneChannelInputReadsTheMeanOfRedGreenAndBlue(@TempDir Path dir) throws Exception {
        Path root = ImageFolderDatasetTest.plainFolder(dir, Map.of("a", 2, "b", 2));
        ImageFolderDataset data = ImageFolderDataset.open(root);
        TrainingImages grey = TrainingImages.lazy(data.train(), new Shape(1, 32, 32), 1 << 20);
        float[] rgb = ImagePreprocessor.load(grey.file(0), 32, 32);
        float[] x = grey.image(0);
        assertEquals(32 * 32, x.length);
        assertEquals((rgb[5] + rgb[1024 + 5] + rgb[2048 + 5]) / 3f, x[5]);
    }

    @Test
    void memoryIsEstimatedBeforeAnyImageIsDecoded() {
        TrainingImages.MemoryEstimate small = TrainingImages.estimate(5_000, new Shape(3, 64, 64), 1L << 30);
        assertEquals(5_000L * (3 * 64 * 64 * 4 + 16), small.allBytes());
        assertEquals(
                "5,000 images take 246 MB decoded at 64 x 64; all stay in memory (cache 1,074 MB)", small.sentence());
        TrainingImages.MemoryEstimate big = TrainingImages.estimate(100_000, new Shape(3, 224, 224), 1L << 30);
        assertTrue(big.allBytes() >= 100_000L * (3 * 224 * 224 * 4 + 16), "at least the floats themselves");
        assertTrue(big.sentence().startsWith("100,000 images take "), big.sentence());
        assertTrue(
                big.sentence()
                                .contains(" cache keeps 1 % of them and the rest are decoded again every epoch "
                                        + "(slower); -Xmx")
                        || big.sentence().contains(" cache keeps 2 % of them"),
                big.sentence());
    }

    @Test
    void anImageOfHalfARegionOrMoreIsWeighedAsTheWholeRegionsG1GivesIt() {
        long small = TrainingImages.heapFootprint(3 * 64 * 64);
        assertEquals(3 * 64 * 64 * 4 + 16, small);
        long large = TrainingImages.heapFootprint(3 * 224 * 224);
        assertTrue(large >= 3 * 224 * 224 * 4 + 16);
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue());
        if (g1 && Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue()) == 1 << 20) {
            // a heap under 2 GB: 1 MB regions, and a 602 KB image takes one of its own
            assertEquals(1 << 20, large);
        }
    }

    @Test
    void aDataSetOfOnlyUnreadableFilesIsRefusedWithTheFirstReason(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("a"));
        Files.write(root.resolve("x.png"), new byte[0]);
        List<ImageFolderDataset.Sample> samples = List.of(new ImageFolderDataset.Sample(root.resolve("x.png"), 0));
        var e = assertThrows(
                IOException.class,
                () -> TrainingImages.check(samples, new Shape(3, 32, 32), 1 << 20, TrainingImages.Progress.NONE));
        assertTrue(e.getMessage().startsWith("none of the 1 images could be read, e.g. "), e.getMessage());
    }
}
