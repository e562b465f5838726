package io.convscope.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks, from the file's own structure and before any pixel is decoded, that the data present can hold the image
 * the header claims. Decoders allocate the whole claimed picture first and then run until the data ends, so a
 * kilobyte claiming 100 megapixels used to cost seconds and a gigabyte before it was refused.
 *
 * <p>Each bound is a floor no valid file can go below: deflate never compresses more than 1032:1 (a 258-byte match in
 * two bits), a Huffman-coded JPEG spends at least one bit per 8 x 8 block on its DC value, and a VP8 key frame at
 * least one bit per 16 x 16 macroblock on its fixed-probability prediction modes.
 */
final class ImageHeaders {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Deflate's largest possible expansion, rounded up for the few bits of block and stream headers. */
    private static final long MAX_DEFLATE_RATIO = 1040;

    private ImageHeaders() {}

    /** Refuses files whose data cannot hold the image their header claims; formats without a floor pass. */
    static void check(byte[] data, String name, String format) throws ImageInputException {
        Problem problem =
                switch (format) {
                    case "PNG" -> checkPng(data);
                    case "JPEG" -> checkJpeg(data);
                    case "WebP" -> checkWebp(data);
                    default -> null;
                };
        if (problem != null) {
            throw new ImageInputException(
                    problem == Problem.SHORT
                            ? ImageInputException.Problem.TRUNCATED
                            : ImageInputException.Problem.CORRUPT,
                    name,
                    format);
        }
    }

    /** SHORT: the file ends before the data the header asks for; INCONSISTENT: the header contradicts itself. */
    private enum Problem {
        SHORT,
        INCONSISTENT
    }

    // ---- PNG ----

    private static Problem checkPng(byte[] data) {
        if (data.length < 33 || !Arrays.equals(data, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return null; // the reader names what is wrong
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        long width = Integer.toUnsignedLong(in.getInt(16));
        long height = Integer.toUnsignedLong(in.getInt(20));
        int depth = data[24] & 0xFF;
        int channels =
                switch (data[25]) {
                    case 0, 3 -> 1;
                    case 2 -> 3;
                    case 4 -> 2;
                    case 6 -> 4;
                    default -> 0;
                };
        long compressed = 0;
        boolean ended = false;
        for (int at = 8; at + 8 <= data.length && !ended; ) {
            long length = Integer.toUnsignedLong(in.getInt(at));
            if (length > data.length - at - 12L) {
                return Problem.SHORT; // the chunk and its CRC run past the end of the file
            }
            String type = new String(data, at + 4, 4, StandardCharsets.ISO_8859_1);
            compressed += type.equals("IDAT") ? length : 0;
            ended = type.equals("IEND");
            at += (int) length + 12;
        }
        // Without filtering or interlacing overhead, which only makes the raw data longer.
        long raw = height * ((width * channels * depth + 7) / 8);
        if (compressed < raw / MAX_DEFLATE_RATIO) {
            return ended ? Problem.INCONSISTENT : Problem.SHORT;
        }
        return null;
    }

    /** The payload of the first chunk of this type before the image data, or null; text chunks are not inflated. */
    static byte[] pngChunk(byte[] data, String wanted) {
        if (data.length < 8 || !Arrays.equals(data, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        for (int at = 8; at + 8 <= data.length; ) {
            long length = Integer.toUnsignedLong(in.getInt(at));
            if (length > data.length - at - 12L) {
                return null;
            }
            String type = new String(data, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals(wanted)) {
                return Arrays.copyOfRange(data, at + 8, at + 8 + (int) length);
            }
            if (type.equals("IEND")) {
                return null;
            }
            at += (int) length + 12;
        }
        return null;
    }

    // ---- JPEG ----

    private static Problem checkJpeg(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        int at = 2; // after SOI
        while (at + 4 <= data.length) {
            if ((data[at] & 0xFF) != 0xFF) {
                return null; // not a marker where one must be: the decoder reports the damage
            }
            int marker = data[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2; // markers without a length
                continue;
            }
            int length = in.getShort(at + 2) & 0xFFFF;
            if (isHuffmanFrame(marker)) {
                return checkJpegFrame(data, at + 4, length - 2);
            }
            if (marker == 0xDA || marker == 0xD9 || length < 2) {
                return null; // scan or end before any frame header
            }
            at += 2 + length;
        }
        return null;
    }

    /** Baseline, extended, progressive and lossless Huffman frames (arithmetic coding is not read at all). */
    private static boolean isHuffmanFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xC7 && marker != 0xC4;
    }

    private static Problem checkJpegFrame(byte[] data, int at, int length) {
        if (length < 6 || at + length > data.length) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        long height = in.getShort(at + 1) & 0xFFFF;
        long width = in.getShort(at + 3) & 0xFFFF;
        int components = data[at + 5] & 0xFF;
        if (height == 0 || width == 0 || components == 0 || length < 6 + 3 * components) {
            return null; // height 0 is defined later by a DNL marker; the rest the decoder refuses
        }
        int maxH = 1;
        int maxV = 1;
        for (int c = 0; c < components; c++) {
            int sampling = data[at + 7 + 3 * c] & 0xFF;
            maxH = Math.max(maxH, sampling >> 4);
            maxV = Math.max(maxV, sampling & 0xF);
        }
        long fewestBlocks = Long.MAX_VALUE;
        for (int c = 0; c < components; c++) {
            int sampling = data[at + 7 + 3 * c] & 0xFF;
            long columns = ceilDiv(ceilDiv(width * (sampling >> 4), maxH), 8);
            long rows = ceilDiv(ceilDiv(height * (sampling & 0xF), maxV), 8);
            fewestBlocks = Math.min(fewestBlocks, columns * rows);
        }
        long bytesAfterFrame = data.length - (long) at - length;
        return bytesAfterFrame * 8 < fewestBlocks ? Problem.SHORT : null;
    }

    // ---- WebP ----

    private static Problem checkWebp(byte[] data) {
        if (data.length < 12) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (Integer.toUnsignedLong(in.getInt(4)) + 8 > data.length) {
            return Problem.SHORT; // libwebp refuses a RIFF that claims more bytes than the file has, so do we
        }
        // Every chunk, also those after the image: the metadata reader allocates each one's declared size.
        Problem frame = null;
        for (long at = 12; at + 8 <= data.length; ) {
            long size = Integer.toUnsignedLong(in.getInt((int) at + 4));
            if (size > data.length - at - 8) {
                return Problem.SHORT;
            }
            if (frame == null && new String(data, (int) at, 4, StandardCharsets.ISO_8859_1).equals("VP8 ")) {
                frame = checkVp8(data, (int) at + 8, (int) size);
            }
            at += 8 + size + (size & 1);
        }
        return frame;
    }

    private static Problem checkVp8(byte[] data, int at, int size) {
        if (size < 10) {
            return Problem.SHORT;
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int tag = (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16;
        if ((tag & 1) != 0) {
            return null; // not a key frame: the decoder refuses it
        }
        long firstPartition = (tag >> 5) & 0x7FFFF;
        long width = in.getShort(at + 6) & 0x3FFF;
        long height = in.getShort(at + 8) & 0x3FFF;
        long leastModeBytes = ceilDiv(ceilDiv(width, 16) * ceilDiv(height, 16), 8);
        if (size - 10L < leastModeBytes || firstPartition > size - 10L) {
            return Problem.SHORT;
        }
        return firstPartition < leastModeBytes ? Problem.INCONSISTENT : null;
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
