package io.convscope.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files built to hurt: 100-megapixel pictures that must open in a small heap, tiny files claiming huge pictures that
 * must be refused from their headers, and things that are not files at all. Memory is checked by decoding in a
 * second JVM with a small heap, where the old code ran out; nothing here measures time.
 */
class HostileImageTest {

    @TempDir
    Path dir;

    @Test
    void largePicturesAreReadSubsampledSoTheirPixelsNeverExistAtFullSize() {
        assertEquals(1, ImageDecoder.subsampling(6000, 4000), "a 24-megapixel photo stays exact");
        assertEquals(2, ImageDecoder.subsampling(6001, 4000));
        assertEquals(3, ImageDecoder.subsampling(10_000, 10_000));
    }

    @Test
    void hundredMegapixelDeflateTiffOpensInA256MegabyteHeap() throws Exception {
        Path tiff = Files.write(dir.resolve("big.tif"), HostileImages.deflateTiff(10_000, 10_000));
        BufferedImage decoded = ImagePreprocessor.decode(tiff);
        assertEquals(3334, decoded.getWidth());
        assertEquals(3334, decoded.getHeight());
        assertEquals(List.of("big.tif: 64 x 64"), inSmallHeap("256m", tiff));
    }

    @Test
    void hundredMegapixelRle8BmpOpensInA256MegabyteHeap() throws Exception {
        Path bmp = Files.write(dir.resolve("big.bmp"), HostileImages.rle8Bmp(10_000, 10_000));
        BufferedImage decoded = ImagePreprocessor.decode(bmp);
        assertEquals(3334, decoded.getWidth());
        // Bottom-up rows: the top output row is source row 9999, palette entry 9999 % 256 = 15 (R 7, G 240, B 15).
        assertEquals(0x07F00F, decoded.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(List.of("big.bmp: 64 x 64"), inSmallHeap("256m", bmp));
    }

    @Test
    void tinyFilesClaimingHugePicturesAreRefusedFromTheirHeaders() throws Exception {
        Path webp = Files.write(dir.resolve("claim.webp"), HostileImages.vp8Claiming(15205, 4067, 600));
        Path jpeg = Files.write(dir.resolve("claim.jpg"), HostileImages.progressiveJpegClaiming(10_000, 10_000, 1024));
        Path png = Files.write(dir.resolve("claim.png"), HostileImages.pngClaiming(10_000, 10_000));
        // In 64 MB the old code ran out of memory allocating the claimed picture before it noticed anything.
        assertEquals(
                List.of(
                        "claim.webp: claim.webp is not a readable image (truncated WebP data)",
                        "claim.jpg: claim.jpg is not a readable image (truncated JPEG data)",
                        "claim.png: claim.png is not a readable image (corrupt PNG data)"),
                inSmallHeap("64m", webp, jpeg, png));
    }

    @Test
    void aPngTextChunkInflatingToAQuarterGigabyteIsNeverInflated() throws Exception {
        byte[] png = Files.readAllBytes(writePng(HostileImages.noise(8, 8), "plain.png"));
        Path bomb = Files.write(dir.resolve("bomb.png"), HostileImages.pngWithTextBomb(png, 1L << 28));
        // 256 MB of text cannot fit in 64 MB: the old code ran out of memory inflating it and refused the picture.
        assertEquals(List.of("bomb.png: 64 x 64"), inSmallHeap("64m", bomb));
    }

    @Test
    void truncatedLosslessWebpClaimingABigPictureIsRefusedAsTruncated() {
        // 4000 x 4000 at 3 bits a pixel needs 6 MB; the file stops after 64 bits. TwelveMonkeys' bit reader used to
        // swallow the end of file and decode stale bits, one EOFException per pixel, for minutes.
        byte[] webp = HostileImages.losslessWebp(4000, 4000, new Random(1), 64);
        ImageInputException e =
                assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(webp, "cut.webp"));
        assertEquals("cut.webp is not a readable image (truncated WebP data)", e.getMessage());
    }

    @Test
    void aDecoderReadingOnAndOnPastTheEndIsStopped() throws IOException {
        ByteArrayImageInputStream in = new ByteArrayImageInputStream(new byte[] {1, 2});
        in.readFully(new byte[2]);
        for (int i = 0; i < 4096; i++) {
            assertThrows(EOFException.class, in::readByte);
        }
        assertThrows(UncheckedIOException.class, in::readByte);
    }

    @Test
    void namedPipeIsNamedAndNeverOpened() throws Exception {
        Path fifo = dir.resolve("photo.jpg");
        assumeTrue(makeFifo(fifo), "mkfifo is not available here");
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(fifo));
        assertEquals("photo.jpg is a named pipe, not an image file", e.getMessage());
        assertEquals(ImageInputException.Problem.NAMED_PIPE, e.problem());
    }

    @Test
    void deviceIsNamed() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(zero));
        assertEquals("zero is a device, not an image file", e.getMessage());
    }

    @Test
    void folderIsNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("holiday.png"));
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(folder));
        assertEquals("holiday.png is a folder, not an image", e.getMessage());
    }

    private Path writePng(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    private static boolean makeFifo(Path path) throws InterruptedException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                    .redirectErrorStream(true)
                    .start();
            return mkfifo.waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@link SmallHeapDecode} on the files in a JVM with the given -Xmx and returns its lines. */
    private static List<String> inSmallHeap(String heap, Path... files) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + heap,
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapDecode.class.getName()));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the small-heap JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }
}
