package io.convscope.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the reader for a file's bytes, refuses what it must from the header, and decodes the first image, skipping
 * rows and columns while reading when the picture is larger than {@link #MAX_DECODED_PIXELS}: a 100-megapixel image
 * then never exists at full size in memory, neither in the decoder's raster nor in our pixel arrays.
 */
final class ImageDecoder {

    /**
     * Largest picture kept at full resolution (6000 x 4000, a 24-megapixel camera, still is); larger ones are read
     * with every 2nd or 3rd row and column. The network sees at most a few hundred pixels a side, so nothing it
     * computes depends on the skipped samples beyond what its own downscaling averages away.
     */
    static final long MAX_DECODED_PIXELS = 24_000_000L;

    /** ImageIO format names we accept, with the names users know them by; anything else ImageIO finds is refused. */
    private static final Map<String, String> SUPPORTED_FORMATS =
            Map.of("jpeg", "JPEG", "png", "PNG", "gif", "GIF", "bmp", "BMP", "tiff", "TIFF", "webp", "WebP");

    private static final String SUPPORTED_LIST = "JPEG, PNG, GIF, BMP, TIFF, WebP";

    /** Decoder warnings (libjpeg wording) meaning part of the picture is missing or garbled rather than cosmetic. */
    private static final List<String> DAMAGE_WARNINGS = List.of("premature end", "bad huffman code");

    /**
     * How decoders say the data stopped early; only used to word the message. The JDK PNG reader reports a chunk
     * that runs past the end of the file as an "invalid chunk length".
     */
    private static final List<String> TRUNCATION_HINTS =
            List.of("premature end", "unexpected end", "end of file", "invalid chunk length");

    static {
        // The TwelveMonkeys JPEG (CMYK, YCCK, ICC) and WebP readers must be registered whatever class loader ran first.
        ImageIO.scanForPlugins();
    }

    /** The decoded first image as the reader delivers it, and the user-facing name of its format. */
    record Decoded(BufferedImage image, String format) {}

    private ImageDecoder() {}

    static Decoded read(byte[] data, String name) throws ImageInputException {
        ImageInputStream input = new ByteArrayImageInputStream(data);
        ImageReader reader = supportedReader(input, name);
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        try {
            // A PNG's text chunks (zTXt inflating to a gigabyte) are metadata too; nothing we show needs them.
            reader.setInput(input, false, format.equals("PNG"));
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkPixelCount(width, height, name);
            ImageHeaders.check(data, name, format);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            // The JPEG reader hands back a half-decoded picture for a truncated file and only warns about it.
            if (warnings.stream().anyMatch(ImageDecoder::meansDamage)) {
                throw unreadable(name, format, warnings.stream().anyMatch(ImageDecoder::mentionsEnd), null);
            }
            return new Decoded(image, format);
        } catch (IOException | RuntimeException e) {
            // Decoders report broken data with all sorts of runtime exceptions, not only IOException.
            throw unreadable(name, format, isTruncation(e), e);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest step (1 = every pixel) that keeps a width x height picture within {@link #MAX_DECODED_PIXELS}. */
    static int subsampling(long width, long height) {
        int step = 1;
        while (width > 0
                && height > 0
                && ((width + step - 1) / step) * ((height + step - 1) / step) > MAX_DECODED_PIXELS) {
            step++;
        }
        return step;
    }

    private static ImageReader supportedReader(ImageInputStream input, String name) throws ImageInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (formatName(reader) != null) {
                return reader;
            }
            reader.dispose();
        }
        throw new ImageInputException(ImageInputException.Problem.UNSUPPORTED, name, SUPPORTED_LIST);
    }

    /** The user-facing format name, or null for formats ImageIO reads but we do not promise (e.g. WBMP). */
    private static String formatName(ImageReader reader) {
        for (String format : reader.getOriginatingProvider().getFormatNames()) {
            String known = SUPPORTED_FORMATS.get(format.toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        return null;
    }

    private static void checkPixelCount(int width, int height, String name) throws ImageInputException {
        if ((long) width * height > ImagePreprocessor.MAX_PIXELS) {
            throw new ImageInputException(
                    ImageInputException.Problem.TOO_MANY_PIXELS,
                    name,
                    width,
                    height,
                    ImagePreprocessor.MAX_PIXELS / 1_000_000);
        }
    }

    private static boolean meansDamage(String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        return DAMAGE_WARNINGS.stream().anyMatch(lower::contains);
    }

    private static boolean isTruncation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException || (t.getMessage() != null && mentionsEnd(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsEnd(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return TRUNCATION_HINTS.stream().anyMatch(lower::contains);
    }

    private static ImageInputException unreadable(String name, String format, boolean truncated, Throwable cause) {
        return new ImageInputException(
                truncated ? ImageInputException.Problem.TRUNCATED : ImageInputException.Problem.CORRUPT,
                cause,
                name,
                format);
    }
}
