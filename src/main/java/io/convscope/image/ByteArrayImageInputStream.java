package io.convscope.image;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An image input stream that reads straight from the file's bytes. ImageIO's MemoryCacheImageInputStream would copy
 * every byte read into its own cache, doubling the memory a 200 MB file costs while it is being decoded.
 *
 * <p>It also ends decoders that never stop at the end of the data: TwelveMonkeys' lossless WebP bit reader swallows
 * the end-of-file exception and carries on with stale bits, so a truncated file claiming 100 megapixels decoded
 * garbage, one exception per pixel, for minutes. Decoders that finish normally read past the end a few dozen times
 * at most while prefetching (measured: lossless WebP 19-74, JPEG 3, PNG 0); after {@link #PAST_END_READS} such
 * reads the next one throws unchecked.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    private static final int PAST_END_READS = 4096;

    private final byte[] data;
    private int pastEnd;

    ByteArrayImageInputStream(byte[] data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= data.length) {
            return end();
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return end();
        }
        int count = (int) Math.min(length, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, buffer, offset, count);
        streamPos += count;
        return count;
    }

    private int end() {
        if (++pastEnd > PAST_END_READS) {
            throw new UncheckedIOException(
                    new EOFException("unexpected end of file, read past it " + pastEnd + " times"));
        }
        return -1;
    }

    @Override
    public long length() {
        return data.length;
    }
}
