package io.convscope.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Image files that once cost the app its heap or seconds, built compactly in code: valid 100-megapixel pictures in a
 * few hundred kilobytes, and tiny files that claim huge ones. Shared by the regression tests and the fuzzer's seeds.
 */
public final class HostileImages {

    private HostileImages() {}

    /**
     * A valid 8-bit RGB TIFF of width x height, deflate-compressed in strips of 100 rows that all point at the same
     * compressed strip (a grey ramp), so a 100-megapixel file is a few kilobytes.
     */
    public static byte[] deflateTiff(int width, int height) {
        int rowsPerStrip = Math.min(100, height);
        byte[] raw = new byte[rowsPerStrip * width * 3];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) ((i / 3) % width * 255 / Math.max(1, width - 1));
        }
        byte[] strip = deflate(raw);
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        int tags = 11;
        int offsets = 8 + 2 + tags * 12 + 4;
        int counts = offsets + 4 * strips;
        int bitsPerSample = counts + 4 * strips;
        int data = bitsPerSample + 6;
        ByteBuffer tiff = ByteBuffer.allocate(data + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) tags);
        tiffTag(tiff, 256, 4, 1, width); // ImageWidth
        tiffTag(tiff, 257, 4, 1, height); // ImageLength
        tiffTag(tiff, 258, 3, 3, bitsPerSample); // BitsPerSample 8, 8, 8
        tiffTag(tiff, 259, 3, 1, 8); // Compression: deflate
        tiffTag(tiff, 262, 3, 1, 2); // RGB
        // A single LONG is stored in the entry itself, more of them where the entry points.
        tiffTag(tiff, 273, 4, strips, strips == 1 ? data : offsets); // StripOffsets
        tiffTag(tiff, 277, 3, 1, 3); // SamplesPerPixel
        tiffTag(tiff, 278, 4, 1, rowsPerStrip); // RowsPerStrip
        tiffTag(tiff, 279, 4, strips, strips == 1 ? strip.length : counts); // StripByteCounts
        tiffTag(tiff, 284, 3, 1, 1); // chunky
        tiffTag(tiff, 317, 3, 1, 1); // no predictor
        tiff.putInt(0);
        for (int i = 0; i < strips; i++) {
            tiff.putInt(data);
        }
        for (int i = 0; i < strips; i++) {
            // The last strip holds fewer rows; its count still covers them since it is the same full strip.
            tiff.putInt(strip.length);
        }
        tiff.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        tiff.put(strip);
        return tiff.array();
    }

    private static void tiffTag(ByteBuffer tiff, int tag, int type, int count, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            tiff.putShort((short) value).putShort((short) 0);
        } else {
            tiff.putInt(value);
        }
    }

    /** A valid 8-bit palette BMP of width x height, RLE8-compressed: row y is runs of palette colour y % 256. */
    public static byte[] rle8Bmp(int width, int height) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            for (int left = width; left > 0; left -= 255) {
                pixels.write(Math.min(255, left));
                pixels.write(y % 256);
            }
            pixels.write(0); // end of line
            pixels.write(0);
        }
        pixels.write(0); // end of bitmap
        pixels.write(1);
        byte[] data = pixels.toByteArray();
        int offset = 14 + 40 + 256 * 4;
        ByteBuffer bmp = ByteBuffer.allocate(offset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B')
                .put((byte) 'M')
                .putInt(offset + data.length)
                .putInt(0)
                .putInt(offset);
        bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 8);
        bmp.putInt(1).putInt(data.length).putInt(2835).putInt(2835).putInt(256).putInt(0); // BI_RLE8
        for (int i = 0; i < 256; i++) {
            bmp.put((byte) i).put((byte) (255 - i)).put((byte) (i / 2)).put((byte) 0); // B, G, R, reserved
        }
        return bmp.put(data).array();
    }

    /** The first `length` bytes of a WebP whose lossy key frame claims width x height; the rest is zeros. */
    public static byte[] vp8Claiming(int width, int height, int length) {
        byte[] frame = new byte[length - 20];
        int firstPartition = frame.length / 2;
        int tag = (1 << 4) | (firstPartition << 5); // key frame, version 0, shown
        frame[0] = (byte) tag;
        frame[1] = (byte) (tag >> 8);
        frame[2] = (byte) (tag >> 16);
        frame[3] = (byte) 0x9D; // start code
        frame[4] = 0x01;
        frame[5] = 0x2A;
        ByteBuffer.wrap(frame, 6, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) width)
                .putShort((short) height);
        return riff("VP8 ", frame);
    }

    public static byte[] riff(String chunkType, byte[] payload) {
        int padded = payload.length + (payload.length & 1);
        ByteBuffer out = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded);
        out.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.put(chunkType.getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length)
                .put(payload);
        return out.array();
    }

    /** A small progressive JPEG whose frame header is rewritten to claim width x height, cut to `length` bytes. */
    public static byte[] progressiveJpegClaiming(int width, int height, int length) throws IOException {
        byte[] jpeg = progressiveJpeg(noise(64, 64));
        int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC2});
        ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) height).putShort((short) width);
        return Arrays.copyOf(jpeg, Math.min(length, jpeg.length));
    }

    public static byte[] progressiveJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG whose header claims width x height (8-bit RGB) over a few bytes of image data. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.writeBytes(pngChunk("IHDR", ihdr.array()));
        png.writeBytes(pngChunk("IDAT", deflate(new byte[16])));
        png.writeBytes(pngChunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** A valid PNG with a zTXt comment right after its header that inflates to `inflated` bytes of zeros. */
    public static byte[] pngWithTextBomb(byte[] png, long inflated) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        compressed.writeBytes("Comment".getBytes(StandardCharsets.US_ASCII));
        compressed.write(0); // keyword terminator
        compressed.write(0); // compression method: deflate
        Deflater deflater = new Deflater(Deflater.BEST_SPEED); // level 9 takes seconds more per gigabyte
        byte[] zeros = new byte[1 << 20];
        byte[] out = new byte[1 << 16];
        for (long left = inflated; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) {
                compressed.write(out, 0, deflater.deflate(out));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(out, 0, deflater.deflate(out));
        }
        deflater.end();
        int afterHeader = 8 + 12 + 13;
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        result.write(png, 0, afterHeader);
        result.writeBytes(pngChunk("zTXt", compressed.toByteArray()));
        result.write(png, afterHeader, png.length - afterHeader);
        return result.toByteArray();
    }

    public static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    public static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A lossless WebP (VP8L) with no transforms and one group of "simple" prefix codes: green, red and blue each two
     * random 8-bit symbols (one bit per pixel), alpha 255 and distance 0 single symbols; followed by `pixelBits`
     * random bits, 3 per pixel for a complete image, fewer for a truncated one.
     */
    public static byte[] losslessWebp(int width, int height, Random random, int pixelBits) {
        Bits bits = new Bits();
        bits.write(0x2F, 8);
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // no alpha
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        for (int code = 0; code < 3; code++) {
            bits.write(1, 1);
            bits.write(1, 1);
            bits.write(1, 1);
            int first = random.nextInt(255);
            bits.write(first, 8);
            bits.write(first + 1 + random.nextInt(255 - first), 8);
        }
        bits.write(1, 1);
        bits.write(0, 1);
        bits.write(1, 1);
        bits.write(255, 8);
        bits.write(1, 1);
        bits.write(0, 1);
        bits.write(0, 1);
        bits.write(0, 1);
        for (int i = 0; i < pixelBits; i++) {
            bits.write(random.nextInt(2), 1);
        }
        return riff("VP8L", bits.toByteArray());
    }

    /** Least-significant-bit-first packing, as VP8L reads it (also for ImagePreprocessorTest's WebP files). */
    static final class Bits {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >> i) & 1) << used;
                if (++used == 8) {
                    bytes.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                bytes.write(current);
                current = 0;
                used = 0;
            }
            return bytes.toByteArray();
        }
    }
}
