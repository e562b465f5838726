package io.convscope.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePreprocessorTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;
    private static final int YELLOW = 0xFFFF00;

    @TempDir
    Path dir;

    // ---- formats and exact pixel values ----

    @Test
    void rgbPngOfTargetSizeRoundTripsExactlyThroughLoad() throws Exception {
        BufferedImage image = noise(64, 64, 1);
        float[] chw = ImagePreprocessor.load(write(image, "png", "noise.png"), 64, 64);

        assertEquals(3 * 64 * 64, chw.length);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = image.getRGB(x, y);
                int at = y * 64 + x;
                assertEquals(((rgb >> 16) & 0xFF) / 255f, chw[at], "R at " + x + "," + y);
                assertEquals(((rgb >> 8) & 0xFF) / 255f, chw[64 * 64 + at], "G at " + x + "," + y);
                assertEquals((rgb & 0xFF) / 255f, chw[2 * 64 * 64 + at], "B at " + x + "," + y);
            }
        }
    }

    @Test
    void eightBitGrayPngKeepsTheStoredSampleInAllChannels() throws Exception {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int v = 0; v < 256; v++) {
            gray.getRaster().setSample(v % 16, v / 16, 0, v);
        }
        BufferedImage decoded = ImagePreprocessor.decode(write(gray, "png", "gray.png"));

        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
        for (int v = 0; v < 256; v++) {
            assertEquals(v * 0x010101, rgb(decoded, v % 16, v / 16), "gray " + v);
        }
    }

    @Test
    void grayJpegKeepsTheStoredSampleInAllChannels() throws Exception {
        // Flat 8x8 blocks survive JPEG compression, so stored samples stay close to what we wrote.
        BufferedImage gray = new BufferedImage(64, 8, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 30, 60, 100, 128, 180, 220, 255};
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 8; y++) {
                gray.getRaster().setSample(x, y, 0, levels[x / 8]);
            }
        }
        Path file = dir.resolve("gray.jpg");
        writeJpeg(gray, file, 1f);
        Raster stored = ImageIO.read(file.toFile()).getRaster();
        assertEquals(1, stored.getNumBands(), "ImageIO should read the JPEG as single-channel gray");

        BufferedImage decoded = ImagePreprocessor.decode(file);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 8; y++) {
                int sample = stored.getSample(x, y, 0);
                assertEquals(sample * 0x010101, rgb(decoded, x, y), "at " + x + "," + y);
                assertTrue(Math.abs(sample - levels[x / 8]) <= 1, "flat block decoded as " + sample);
            }
        }
    }

    @Test
    void sixteenBitGrayPngIsRoundedToEightBits() throws Exception {
        int[] samples = {0, 128, 129, 257, 32767, 32896, 65278, 65535};
        BufferedImage gray = new BufferedImage(samples.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < samples.length; x++) {
            gray.getRaster().setSample(x, 0, 0, samples[x]);
        }
        BufferedImage decoded = ImagePreprocessor.decode(write(gray, "png", "gray16.png"));

        for (int x = 0; x < samples.length; x++) {
            int expected = (int) Math.round(samples[x] / 257.0);
            assertEquals(expected * 0x010101, rgb(decoded, x, 0), "sample " + samples[x]);
        }
    }

    @Test
    void sixteenBitRgbPngIsRoundedToEightBits() throws Exception {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16},
                false,
                false,
                Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(64, 4);
        Random random = new Random(16);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    raster.setSample(x, y, c, random.nextInt(65536));
                }
            }
        }
        BufferedImage image = new BufferedImage(model, raster, false, null);
        BufferedImage decoded = ImagePreprocessor.decode(write(image, "png", "rgb16.png"));

        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 64; x++) {
                int expected = 0;
                for (int c = 0; c < 3; c++) {
                    expected = (expected << 8) | (int) Math.round(raster.getSample(x, y, c) / 257.0);
                }
                assertEquals(expected, rgb(decoded, x, y), "at " + x + "," + y);
            }
        }
    }

    @Test
    void rgbaPngDropsAlphaAndKeepsStoredRgb() throws Exception {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(4);
        int[] argb = new int[32 * 32];
        for (int i = 0; i < argb.length; i++) {
            int alpha = i % 3 == 0 ? 0 : random.nextInt(256);
            argb[i] = (alpha << 24) | random.nextInt(1 << 24);
        }
        image.setRGB(0, 0, 32, 32, argb, 0, 32);
        BufferedImage decoded = ImagePreprocessor.decode(write(image, "png", "rgba.png"));

        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
        for (int i = 0; i < argb.length; i++) {
            assertEquals(argb[i] & 0xFFFFFF, rgb(decoded, i % 32, i / 32), "pixel " + i);
        }
    }

    @Test
    void paletteGifDecodesToItsPaletteColours() throws Exception {
        BufferedImage image = indexed(8, 8, new int[] {RED, GREEN, BLUE, 0x123456});
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        BufferedImage decoded = ImagePreprocessor.decode(write(image, "gif", "palette.gif"));

        assertPixelsEqual(image, decoded);
    }

    @Test
    void animatedGifGivesTheFirstFrame() throws Exception {
        BufferedImage first = indexed(10, 6, new int[] {RED, GREEN});
        for (int y = 0; y < 6; y++) {
            for (int x = 5; x < 10; x++) {
                first.getRaster().setSample(x, y, 0, 1);
            }
        }
        BufferedImage second = indexed(10, 6, new int[] {BLUE, WHITE});
        Path file = dir.resolve("animated.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertEquals(2, frameCount(file), "the fixture must really be animated");

        assertPixelsEqual(first, ImagePreprocessor.decode(file));
    }

    @Test
    void bmpDecodesExactly() throws Exception {
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR);
        image.setData(noise(37, 23, 2).getRaster());
        assertPixelsEqual(image, ImagePreprocessor.decode(write(image, "bmp", "noise.bmp")));
    }

    @Test
    void tiffDecodesExactly() throws Exception {
        BufferedImage image = noise(41, 29, 3);
        assertPixelsEqual(image, ImagePreprocessor.decode(write(image, "tiff", "noise.tif")));
    }

    @Test
    void losslessWebpDecodesExactly() throws Exception {
        assertTrue(ImageIO.getImageReadersByFormatName("webp").hasNext(), "a WebP reader must be registered");
        // Pixel i of the 4 x 2 image has red, green and blue each fully on or off by the bits of i.
        Path file = dir.resolve("tiny.webp");
        Files.write(file, webpWithEightColours());

        BufferedImage decoded = ImagePreprocessor.decode(file);
        assertEquals(4, decoded.getWidth());
        assertEquals(2, decoded.getHeight());
        for (int i = 0; i < 8; i++) {
            int expected = ((i & 4) != 0 ? RED : 0) | ((i & 2) != 0 ? GREEN : 0) | ((i & 1) != 0 ? BLUE : 0);
            assertEquals(expected, rgb(decoded, i % 4, i / 4), "pixel " + i);
        }
    }

    @Test
    void cmykJpegDecodesToPlausibleRgb() throws Exception {
        Path file = dir.resolve("cmyk.jpg");
        Files.write(file, cmykJpegWithPaperCyanAndBlackStripes());

        BufferedImage decoded = ImagePreprocessor.decode(file);
        assertEquals(48, decoded.getWidth());
        assertEquals(16, decoded.getHeight());
        int paper = rgb(decoded, 8, 8);
        int cyan = rgb(decoded, 24, 8);
        int black = rgb(decoded, 40, 8);
        assertTrue(brightness(paper) > 230, "no ink should be white, got " + Integer.toHexString(paper));
        assertTrue(
                ((cyan >> 16) & 0xFF) < 80 && ((cyan >> 8) & 0xFF) > 120 && (cyan & 0xFF) > 180,
                "cyan ink should be cyan, got " + Integer.toHexString(cyan));
        assertTrue(brightness(black) < 60, "full ink should be black, got " + Integer.toHexString(black));
    }

    @Test
    void exifOrientationSixRotatesClockwise() throws Exception {
        // Stored 48 wide x 32 tall with a red top-left corner; orientation 6 says "turn 90 degrees clockwise".
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 48, 32, BLUE);
        fill(image, 0, 0, 16, 16, RED);
        Path plain = dir.resolve("plain.jpg");
        writeJpeg(image, plain, 1f);
        Path rotated = dir.resolve("rotated.jpg");
        Files.write(rotated, withExifOrientation(Files.readAllBytes(plain), 6));

        BufferedImage asStored = ImagePreprocessor.decode(plain);
        assertEquals(48, asStored.getWidth());
        assertTrue(isReddish(rgb(asStored, 4, 4)));

        BufferedImage upright = ImagePreprocessor.decode(rotated);
        assertEquals(32, upright.getWidth());
        assertEquals(48, upright.getHeight());
        assertTrue(isReddish(rgb(upright, 27, 4)), "the red corner must move to the top right");
        assertFalse(isReddish(rgb(upright, 4, 4)));
        assertFalse(isReddish(rgb(upright, 27, 43)));
        assertFalse(isReddish(rgb(upright, 4, 43)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationComesOutUpright(int orientation) throws Exception {
        int[][] stored = {{RED, GREEN, BLUE}, {WHITE, 0, YELLOW}}; // 16 x 16 blocks, 48 x 32 pixels
        Path file = dir.resolve("orientation" + orientation + ".jpg");
        Files.write(file, withExifOrientation(jpegBytes(blocks(stored), 1f), orientation));
        // Reference: each orientation is "mirror left-right or not, then turn clockwise by quarter turns".
        boolean mirror = orientation == 2 || orientation == 4 || orientation == 5 || orientation == 7;
        int quarterTurns =
                switch (orientation) {
                    case 3, 4 -> 2;
                    case 6, 7 -> 1;
                    case 5, 8 -> 3;
                    default -> 0;
                };
        int[][] expected = mirror ? mirrored(stored) : stored;
        for (int turn = 0; turn < quarterTurns; turn++) {
            expected = turnedClockwise(expected);
        }

        BufferedImage upright = ImagePreprocessor.decode(file);

        assertEquals(16 * expected[0].length, upright.getWidth());
        assertEquals(16 * expected.length, upright.getHeight());
        for (int row = 0; row < expected.length; row++) {
            for (int column = 0; column < expected[0].length; column++) {
                int actual = rgb(upright, 16 * column + 8, 16 * row + 8);
                assertTrue(
                        close(expected[row][column], actual),
                        "block " + row + "," + column + " is " + Integer.toHexString(actual) + ", expected "
                                + Integer.toHexString(expected[row][column]));
            }
        }
    }

    @Test
    void brokenExifIsIgnored() throws Exception {
        BufferedImage image = blocks(new int[][] {{RED, BLUE}});
        // A TIFF header whose IFD0 offset points far beyond the segment.
        byte[] app1 = ByteBuffer.allocate(18)
                .put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) 16)
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 'M')
                .put((byte) 'M')
                .putShort((short) 42)
                .putInt(0x7FFFFFF0)
                .array();
        Path file = dir.resolve("brokenexif.jpg");
        Files.write(file, afterSoi(jpegBytes(image, 1f), app1));

        BufferedImage decoded = ImagePreprocessor.decode(file);
        assertEquals(32, decoded.getWidth());
        assertTrue(isReddish(rgb(decoded, 8, 8)));
    }

    @Test
    void decodesBytesFromTheClipboard() throws Exception {
        BufferedImage image = noise(20, 10, 5);
        byte[] png = Files.readAllBytes(write(image, "png", "pasted.png"));

        assertPixelsEqual(image, ImagePreprocessor.decode(png, "pasted image"));
        ImageInputException empty =
                assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(new byte[0], "pasted image"));
        assertTrue(empty.getMessage().contains("pasted image"));
    }

    // ---- resize and crop ----

    @Test
    void landscapeIsScaledByItsShorterSideAndCentreCropped() {
        // 640 x 480 scales to 85 x 64 (round(640 * 64 / 480)); the crop starts at scaled column (85 - 64) / 2 = 10.
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 640, 480, WHITE);
        fill(image, 0, 0, 70, 480, GREEN); // entirely in the cropped-away left margin
        fill(image, 225, 225, 60, 60, RED); // lands around output x 20..27, y 30..37

        BufferedImage small = ImagePreprocessor.resizeAndCrop(image, 64, 64);

        assertEquals(BufferedImage.TYPE_INT_RGB, small.getType());
        assertEquals(64, small.getWidth());
        assertEquals(64, small.getHeight());
        int markers = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                // The source rectangle this output pixel averages over.
                double left = (x + 10) * 640 / 85.0;
                double right = (x + 11) * 640 / 85.0;
                double top = y * 480 / 64.0;
                double bottom = (y + 1) * 480 / 64.0;
                if (left >= 225 && right <= 285 && top >= 225 && bottom <= 285) {
                    assertEquals(RED, rgb(small, x, y), "inside the marker at " + x + "," + y);
                    markers++;
                } else if (right <= 225 || left >= 285 || bottom <= 225 || top >= 285) {
                    assertEquals(WHITE, rgb(small, x, y), "background at " + x + "," + y);
                }
            }
        }
        assertEquals(7 * 8, markers, "output pixels lying wholly inside the marker");
    }

    @Test
    void areaAveragingTurnsAFineCheckerboardGray() {
        BufferedImage exactHalf = ImagePreprocessor.resizeAndCrop(checkerboard(128, 128), 64, 64);
        BufferedImage fractional = ImagePreprocessor.resizeAndCrop(checkerboard(640, 480), 64, 64);

        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                // Each output pixel averages two white and two black pixels: exactly 127.5, rounded half up.
                assertEquals(0x808080, rgb(exactHalf, x, y), "at " + x + "," + y);
                int level = rgb(fractional, x, y) & 0xFF;
                assertTrue(Math.abs(level - 127.5) < 6, "at " + x + "," + y + ": " + level);
            }
        }
    }

    @Test
    void smallSquareIsUpscaled() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 16, 32, RED);
        fill(image, 16, 0, 16, 32, BLUE);

        BufferedImage big = ImagePreprocessor.resizeAndCrop(image, 64, 64);

        assertEquals(64, big.getWidth());
        assertEquals(64, big.getHeight());
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x <= 30; x++) {
                assertEquals(RED, rgb(big, x, y), "at " + x + "," + y);
                assertEquals(BLUE, rgb(big, 63 - x, y), "at " + (63 - x) + "," + y);
            }
        }
    }

    @Test
    void narrowTallImageIsUpscaledAndCentreCropped() {
        // 20 x 100 scales by 3.2 to 64 x 320; the crop starts 128 scaled pixels down, at source row 40.
        BufferedImage image = new BufferedImage(20, 100, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 20, 40, RED);
        fill(image, 0, 40, 20, 20, GREEN);
        fill(image, 0, 60, 20, 40, BLUE);

        BufferedImage big = ImagePreprocessor.resizeAndCrop(image, 64, 64);

        assertEquals(64, big.getWidth());
        assertEquals(64, big.getHeight());
        for (int x = 0; x < 64; x++) {
            assertTrue((rgb(big, x, 0) & RED) != 0, "the top row blends in the red above the crop");
            assertTrue((rgb(big, x, 63) & BLUE) != 0, "the bottom row blends in the blue below the crop");
            for (int y = 2; y <= 61; y++) {
                assertEquals(GREEN, rgb(big, x, y), "at " + x + "," + y);
            }
        }
    }

    @Test
    void imageOfTargetSizeIsUntouched() {
        BufferedImage image = noise(64, 64, 6);
        assertPixelsEqual(image, ImagePreprocessor.resizeAndCrop(image, 64, 64));
    }

    @Test
    void imageWithOneSideOnTargetIsOnlyCropped() {
        BufferedImage image = noise(64, 100, 7);
        assertPixelsEqual(image.getSubimage(0, 18, 64, 64), ImagePreprocessor.resizeAndCrop(image, 64, 64));
    }

    @Test
    void grayImageHandedInDirectlyKeepsItsSamples() {
        BufferedImage gray = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 5, 0, 100);
        BufferedImage out = ImagePreprocessor.resizeAndCrop(gray, 64, 64);
        assertEquals(0x646464, rgb(out, 3, 5));
        assertEquals(0, rgb(out, 4, 5));
    }

    @Test
    void toChwIsChannelMajor() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x0A141E);
        float[] chw = ImagePreprocessor.toChw(image);

        assertEquals(18, chw.length);
        int at = 1 * 3 + 2; // y = 1, x = 2 in a 3-wide plane
        assertEquals(10 / 255f, chw[at]);
        assertEquals(20 / 255f, chw[6 + at]);
        assertEquals(30 / 255f, chw[12 + at]);
        assertEquals(0f, chw[0]);
    }

    // ---- refusals ----

    @Test
    void truncatedJpegIsRefused() throws Exception {
        byte[] jpeg = jpegBytes(noise(128, 128, 8));
        String message = refusal(file("half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertEquals("half.jpg is not a readable image (truncated JPEG data)", message);
    }

    @Test
    void jpegWithGarbageBodyIsRefused() throws Exception {
        byte[] jpeg = jpegBytes(noise(128, 128, 9));
        int body = scanDataStart(jpeg);
        byte[] garbage = new byte[jpeg.length - body];
        new Random(9).nextBytes(garbage);
        System.arraycopy(garbage, 0, jpeg, body, garbage.length);
        assertTrue(refusal(file("garbage.jpg", jpeg)).startsWith("garbage.jpg is not a readable image"));
    }

    @Test
    void truncatedPngIsRefused() throws Exception {
        byte[] png = Files.readAllBytes(write(noise(64, 64, 10), "png", "whole.png"));
        String message = refusal(file("half.png", Arrays.copyOf(png, png.length / 2)));
        assertEquals("half.png is not a readable image (truncated PNG data)", message);
    }

    @Test
    void pngWithBadImageDataIsRefused() throws Exception {
        byte[] png = Files.readAllBytes(write(noise(64, 64, 11), "png", "whole.png"));
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII));
        int length = ByteBuffer.wrap(png, idat - 4, 4).getInt();
        byte[] garbage = new byte[length];
        new Random(11).nextBytes(garbage);
        System.arraycopy(garbage, 0, png, idat + 4, length);
        // A correct CRC over the garbage, so only the compressed pixel data itself is wrong.
        CRC32 crc = new CRC32();
        crc.update(png, idat, 4 + length);
        ByteBuffer.wrap(png, idat + 4 + length, 4).putInt((int) crc.getValue());
        assertEquals("badidat.png is not a readable image (corrupt PNG data)", refusal(file("badidat.png", png)));
    }

    @Test
    void truncatedAndCorruptWebpAreRefused() throws Exception {
        byte[] vp8l = webpPayload(webpWithEightColours());
        byte[] headerOnly = Arrays.copyOf(vp8l, 5); // signature, size and flags; no image data
        // All one bits after the header ask for a 2^15-entry colour cache, which VP8L forbids (at most 2^11).
        byte[] garbageBody = new byte[64];
        Arrays.fill(garbageBody, (byte) 0xFF);
        System.arraycopy(headerOnly, 0, garbageBody, 0, headerOnly.length);

        assertEquals(
                "cut.webp is not a readable image (truncated WebP data)",
                refusal(file("cut.webp", riff("VP8L", headerOnly))));
        assertEquals(
                "ones.webp is not a readable image (corrupt WebP data)",
                refusal(file("ones.webp", riff("VP8L", garbageBody))));
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        assertTrue(refusal(file("empty.png", new byte[0])).contains("empty"));
    }

    @Test
    void textFileNamedJpgIsRefusedAsUnknownFormat() throws Exception {
        Path notes = file("notes.jpg", "Shopping list: milk, eggs, bread.\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "notes.jpg is not an image ConvScope can read (supported: JPEG, PNG, GIF, BMP, TIFF, WebP)",
                refusal(notes));
    }

    @Test
    void hugeDimensionsAreRefusedFromTheHeader() throws Exception {
        String message = refusal(file("big.png", pngClaiming(30000, 30000)));
        assertEquals("big.png is 30000 x 30000 pixels; ConvScope opens images up to 100 megapixels", message);
    }

    @Test
    void oversizedFileIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.png");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ImagePreprocessor.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        assertTrue(refusal(huge).contains("200 MB"));
    }

    @Test
    void missingFileIsRefused() {
        assertTrue(refusal(dir.resolve("missing.jpg")).contains("could not be found"));
    }

    @Test
    void folderIsRefused() throws Exception {
        assertTrue(refusal(Files.createDirectory(dir.resolve("holiday.jpg"))).contains("folder"));
    }

    /**
     * Decoding must fail with one plain sentence that names the file. The timeout is a hang guard, not a timing
     * assertion (a refusal takes milliseconds): a decoder that loops on a broken file fails here instead of hanging
     * the run. How long decoding takes is measured by the benchmarks.
     */
    private static String refusal(Path file) {
        ImageInputException error = assertTimeoutPreemptively(
                Duration.ofMinutes(2),
                () -> assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(file)));
        String message = error.getMessage();
        assertTrue(message.contains(file.getFileName().toString()), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("java."), message);
        return message;
    }

    // ---- fixtures ----

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer for this image type");
        return file;
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        Files.write(file, jpegBytes(image, quality));
    }

    private static byte[] jpegBytes(BufferedImage image) throws IOException {
        return jpegBytes(image, 0.9f);
    }

    private static byte[] jpegBytes(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A 48 x 16 CMYK JPEG: the writer stores a bare 4-band raster as is, and a spliced Adobe APP14 segment
     * (transform 0) marks the components as CMYK, inverted as Adobe writes them (255 = no ink).
     */
    private static byte[] cmykJpegWithPaperCyanAndBlackStripes() throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 48, 16, 4, null);
        byte[][] stripes = {
            {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, // no ink
            {0, (byte) 255, (byte) 255, (byte) 255}, // full cyan only
            {0, 0, 0, 0}
        }; // full ink everywhere
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 48; x++) {
                raster.setDataElements(x, y, stripes[x / 16]);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return afterSoi(bytes.toByteArray(), adobe);
    }

    /** Splices an APP1 Exif segment holding only IFD0 with the orientation tag right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD0 at offset 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0); // value, left-justified
        tiff.putInt(0); // no IFD1
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int segmentLength = 2 + exif.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + segmentLength);
        app1.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) segmentLength)
                .put(exif)
                .put(tiff.array());
        return afterSoi(jpeg, app1.array());
    }

    /** Inserts a marker segment right after the JPEG's start-of-image marker. */
    private static byte[] afterSoi(byte[] jpeg, byte[] segment) {
        return ByteBuffer.allocate(jpeg.length + segment.length)
                .put(jpeg, 0, 2)
                .put(segment)
                .put(jpeg, 2, jpeg.length - 2)
                .array();
    }

    /** Offset of the entropy-coded data, just past the SOS segment. */
    private static int scanDataStart(byte[] jpeg) {
        int sos = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA});
        int length = ((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF);
        return sos + 2 + length;
    }

    /** A PNG with a valid IHDR claiming the given size, then a tiny IDAT and IEND. */
    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB, no interlace
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[16]);
        deflater.finish();
        byte[] idat = new byte[64];
        int idatLength = deflater.deflate(idat);
        deflater.end();

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.writeBytes(HostileImages.pngChunk("IHDR", ihdr.array()));
        png.writeBytes(HostileImages.pngChunk("IDAT", Arrays.copyOf(idat, idatLength)));
        png.writeBytes(HostileImages.pngChunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /**
     * A 4 x 2 lossless WebP (VP8L) where pixel i has red, green and blue each 0 or 255 by bits 2, 1, 0 of i. No
     * transforms, no colour cache, one prefix-code group of "simple" codes: green, red and blue each have the two
     * symbols 0 and 255 (one bit per pixel each, 0 -> 0), alpha the single symbol 255, distance the single symbol 0.
     */
    private static byte[] webpWithEightColours() {
        HostileImages.Bits bits = new HostileImages.Bits();
        bits.write(0x2F, 8); // VP8L signature
        bits.write(4 - 1, 14); // width - 1
        bits.write(2 - 1, 14); // height - 1
        bits.write(0, 1); // alpha not used
        bits.write(0, 3); // version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        for (int code = 0; code < 3; code++) { // green, red, blue: simple code, two 8-bit symbols 0 and 255
            bits.write(1, 1);
            bits.write(1, 1);
            bits.write(1, 1);
            bits.write(0, 8);
            bits.write(255, 8);
        }
        bits.write(1, 1); // alpha: simple code, one 8-bit symbol 255
        bits.write(0, 1);
        bits.write(1, 1);
        bits.write(255, 8);
        bits.write(1, 1); // distance: simple code, one 1-bit symbol 0
        bits.write(0, 1);
        bits.write(0, 1);
        bits.write(0, 1);
        for (int i = 0; i < 8; i++) { // per pixel: green, red, blue
            bits.write((i >> 1) & 1, 1);
            bits.write((i >> 2) & 1, 1);
            bits.write(i & 1, 1);
        }
        return riff("VP8L", bits.toByteArray());
    }

    private static byte[] riff(String chunkType, byte[] payload) {
        int padded = payload.length + (payload.length & 1);
        ByteBuffer out = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded);
        out.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.put(chunkType.getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length)
                .put(payload);
        return out.array();
    }

    private static byte[] webpPayload(byte[] riff) {
        int length = ByteBuffer.wrap(riff, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(riff, 20, 20 + length);
    }

    private static int frameCount(Path gif) throws IOException {
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static BufferedImage checkerboard(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x + y) % 2 == 0 ? WHITE : 0);
            }
        }
        return image;
    }

    /** An image of 16 x 16 solid blocks, block colours given row by row. */
    private static BufferedImage blocks(int[][] colours) {
        int width = 16 * colours[0].length;
        BufferedImage image = new BufferedImage(width, 16 * colours.length, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < colours.length; row++) {
            for (int column = 0; column < colours[0].length; column++) {
                fill(image, 16 * column, 16 * row, 16, 16, colours[row][column]);
            }
        }
        return image;
    }

    private static int[][] mirrored(int[][] grid) {
        int[][] out = new int[grid.length][];
        for (int row = 0; row < grid.length; row++) {
            out[row] = new int[grid[row].length];
            for (int column = 0; column < grid[row].length; column++) {
                out[row][column] = grid[row][grid[row].length - 1 - column];
            }
        }
        return out;
    }

    private static int[][] turnedClockwise(int[][] grid) {
        int rows = grid.length;
        int columns = grid[0].length;
        int[][] out = new int[columns][rows];
        for (int row = 0; row < columns; row++) {
            for (int column = 0; column < rows; column++) {
                out[row][column] = grid[rows - 1 - column][row];
            }
        }
        return out;
    }

    private static BufferedImage indexed(int width, int height, int[] palette) {
        int bits = palette.length <= 2 ? 1 : palette.length <= 4 ? 2 : 8;
        IndexColorModel model = new IndexColorModel(bits, palette.length, palette, 0, false, -1, DataBuffer.TYPE_BYTE);
        return new BufferedImage(
                width, height, bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY, model);
    }

    private static void fill(BufferedImage image, int x0, int y0, int width, int height, int rgb) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static void assertPixelsEqual(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth(), "width");
        assertEquals(expected.getHeight(), actual.getHeight(), "height");
        assertEquals(BufferedImage.TYPE_INT_RGB, actual.getType());
        int w = expected.getWidth();
        int h = expected.getHeight();
        int[] want = expected.getRGB(0, 0, w, h, null, 0, w);
        int[] got = actual.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < want.length; i++) {
            want[i] &= 0xFFFFFF;
            got[i] &= 0xFFFFFF;
        }
        assertArrayEquals(want, got);
    }

    /** Equal within JPEG error in every channel. */
    private static boolean close(int expected, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((expected >> shift) & 0xFF) - ((actual >> shift) & 0xFF)) > 24) {
                return false;
            }
        }
        return true;
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }

    private static boolean isReddish(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) < 60 && (rgb & 0xFF) < 60;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
