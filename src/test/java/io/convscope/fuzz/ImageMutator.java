package io.convscope.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of image files: bit flips, byte inserts and deletes, "interesting" values (0, 1, 0x7FFF,
 * 0xFFFF, 10000, 2^31-1...) written over header fields, the width and height fields of each format rewritten to huge
 * sizes, splices of other seeds' bytes, and truncation. Each call applies one to three of them.
 */
final class ImageMutator {

    private static final long[] INTERESTING = {
        0,
        1,
        2,
        7,
        8,
        16,
        127,
        128,
        255,
        256,
        4096,
        10_000,
        16_383,
        32_767,
        32_768,
        65_535,
        65_536,
        1 << 20,
        Integer.MAX_VALUE,
        0xFFFF_FFFFL,
        0x8000_0000L
    };
    /** Sizes a header may claim: just under and over the pixel limit, the format maxima, and degenerate ones. */
    private static final int[] HUGE_SIDES = {0, 1, 10_000, 15_205, 16_383, 16_384, 20_000, 30_000, 65_535};

    private final Random random;
    private final List<byte[]> donors;

    ImageMutator(Random random, List<byte[]> donors) {
        this.random = random;
        this.donors = donors;
    }

    /** A mutated copy and, in {@code log}, what was done to it. */
    byte[] mutate(byte[] seed, StringBuilder log) {
        byte[] data = seed.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds && data.length > 0; i++) {
            int kind = random.nextInt(8);
            log.append(i == 0 ? "" : ", ");
            data = switch (kind) {
                case 0 -> flipBits(data, log);
                case 1 -> insert(data, log);
                case 2 -> delete(data, log);
                case 3 -> interesting(data, log);
                case 4, 5 -> hugeDimensions(data, log);
                case 6 -> splice(data, log);
                default -> truncate(data, log);
            };
        }
        return data;
    }

    private byte[] flipBits(byte[] data, StringBuilder log) {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = headerBiased(data.length);
            data[at] ^= (byte) (1 << random.nextInt(8));
        }
        log.append(flips).append(" bit flips");
        return data;
    }

    private byte[] insert(byte[] data, StringBuilder log) {
        int at = random.nextInt(data.length + 1);
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        log.append("insert ").append(inserted.length).append(" at ").append(at);
        return concat(Arrays.copyOf(data, at), inserted, Arrays.copyOfRange(data, at, data.length));
    }

    private byte[] delete(byte[] data, StringBuilder log) {
        int at = random.nextInt(data.length);
        int count = 1 + random.nextInt(Math.min(32, data.length - at));
        log.append("delete ").append(count).append(" at ").append(at);
        return concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, at + count, data.length));
    }

    private byte[] interesting(byte[] data, StringBuilder log) {
        int width = random.nextBoolean() ? 2 : 4;
        if (data.length < width) {
            return data;
        }
        int at = Math.min(headerBiased(data.length), data.length - width);
        long value = INTERESTING[random.nextInt(INTERESTING.length)];
        ByteOrder order = random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        put(data, at, width, value, order);
        log.append("value ").append(value).append(" at ").append(at);
        return data;
    }

    /** Rewrites the width and height where the format keeps them (every place found, e.g. each TIFF IFD entry). */
    private byte[] hugeDimensions(byte[] data, StringBuilder log) {
        int width = HUGE_SIDES[random.nextInt(HUGE_SIDES.length)];
        int height = HUGE_SIDES[random.nextInt(HUGE_SIDES.length)];
        log.append("claims ").append(width).append(" x ").append(height);
        for (int[] field : dimensionFields(data)) {
            // field = {offset of width, offset of height, bytes per field, 1 if little-endian}
            ByteOrder order = field[3] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            long mask = field[2] == 2 ? 0xFFFF : 0xFFFF_FFFFL;
            put(data, field[0], field[2], width & mask, order);
            put(data, field[1], field[2], height & mask, order);
        }
        if (startsWith(data, "RIFF") && data.length > 25 && data[12] == 'V' && data[15] == 'L') {
            long bits = (Math.max(width, 1) - 1L & 0x3FFF) | (Math.max(height, 1) - 1L & 0x3FFF) << 14;
            for (int i = 0; i < 4; i++) { // 28 bits after the signature byte, keeping the alpha and version bits
                int keep = i == 3 ? 0xF0 : 0;
                data[21 + i] = (byte) ((data[21 + i] & keep) | (bits >> (8 * i)) & ~keep & 0xFF);
            }
        }
        return data;
    }

    private static List<int[]> dimensionFields(byte[] data) {
        List<int[]> fields = new ArrayList<>();
        if (data.length >= 24 && (data[0] & 0xFF) == 0x89 && data[1] == 'P') {
            fields.add(new int[] {16, 20, 4, 0});
        } else if (data.length >= 26 && data[0] == 'B' && data[1] == 'M') {
            fields.add(new int[] {18, 22, 4, 1});
        } else if (data.length >= 10 && startsWith(data, "GIF")) {
            fields.add(new int[] {6, 8, 2, 1});
            for (int i = 13; i + 9 < data.length; i++) {
                if (data[i] == 0x2C) { // the first image descriptor, usually right after the palette
                    fields.add(new int[] {i + 5, i + 7, 2, 1});
                    break;
                }
            }
        } else if (data.length > 4 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
            for (int i = 2; i + 9 < data.length; i++) {
                int marker = data[i + 1] & 0xFF;
                if ((data[i] & 0xFF) == 0xFF && marker >= 0xC0 && marker <= 0xC3) {
                    fields.add(new int[] {i + 7, i + 5, 2, 0});
                    break;
                }
            }
        } else if (data.length > 30 && startsWith(data, "RIFF") && data[15] == ' ') {
            fields.add(new int[] {26, 28, 2, 1});
        } else if (data.length > 8 && (startsWith(data, "II") || startsWith(data, "MM"))) {
            addTiffFields(data, fields);
        }
        return fields;
    }

    private static void addTiffFields(byte[] data, List<int[]> fields) {
        ByteBuffer in = ByteBuffer.wrap(data).order(data[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = Integer.toUnsignedLong(in.getInt(4));
        if (ifd + 2 > data.length) {
            return;
        }
        int entries = in.getShort((int) ifd) & 0xFFFF;
        int width = -1;
        int height = -1;
        for (int e = 0; e < entries && ifd + 2 + 12L * (e + 1) <= data.length; e++) {
            int at = (int) ifd + 2 + 12 * e;
            int tag = in.getShort(at) & 0xFFFF;
            width = tag == 256 ? at + 8 : width;
            height = tag == 257 ? at + 8 : height;
        }
        if (width >= 0 && height >= 0) {
            fields.add(new int[] {width, height, 4, data[0] == 'I' ? 1 : 0});
        }
    }

    private byte[] splice(byte[] data, StringBuilder log) {
        byte[] donor = donors.get(random.nextInt(donors.size()));
        int from = random.nextInt(donor.length);
        int count = 1 + random.nextInt(Math.min(256, donor.length - from));
        int at = random.nextInt(data.length + 1);
        boolean replace = random.nextBoolean() && at + count <= data.length;
        log.append(replace ? "overwrite " : "splice ")
                .append(count)
                .append(" donor bytes at ")
                .append(at);
        if (replace) {
            System.arraycopy(donor, from, data, at, count);
            return data;
        }
        return concat(
                Arrays.copyOf(data, at),
                Arrays.copyOfRange(donor, from, from + count),
                Arrays.copyOfRange(data, at, data.length));
    }

    private byte[] truncate(byte[] data, StringBuilder log) {
        int length = random.nextInt(data.length);
        log.append("cut to ").append(length);
        return Arrays.copyOf(data, length);
    }

    /** Half the offsets land in the first 64 bytes, where headers keep the fields that steer decoding. */
    private int headerBiased(int length) {
        return random.nextBoolean() ? random.nextInt(Math.min(64, length)) : random.nextInt(length);
    }

    private static void put(byte[] data, int at, int width, long value, ByteOrder order) {
        if (at < 0 || at + width > data.length) {
            return;
        }
        for (int i = 0; i < width; i++) {
            int shift = order == ByteOrder.BIG_ENDIAN ? 8 * (width - 1 - i) : 8 * i;
            data[at + i] = (byte) (value >> shift);
        }
    }

    private static boolean startsWith(byte[] data, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (i >= data.length || data[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
