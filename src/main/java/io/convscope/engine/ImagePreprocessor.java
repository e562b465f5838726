package io.convscope.engine;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an image file into exactly what the network sees: decode to upright 8-bit sRGB, resize so the shorter side
 * fits, centre crop, and lay the pixels out channel-major in [0, 1].
 *
 * <p>Pixel values are the stored ones, as a browser canvas would report them: alpha is dropped without compositing,
 * gray samples are copied to R, G and B (no linear-to-sRGB gamma step, which {@code getRGB} would apply), and
 * 16-bit samples are reduced to 8 bits as {@code round(v / 257)}, i.e. {@code round(v * 255 / 65535)}. Resampling is
 * done on those 8-bit values, in plain code rather than Java2D, so results are the same on every machine.
 */
public final class ImagePreprocessor {

    /** Largest image we decode, in pixels (width*height); larger ones are refused from the header before decoding. */
    public static final long MAX_PIXELS = 100_000_000L;
    public static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    private static final long MIB = 1024 * 1024;

    /** The colour model of TYPE_INT_RGB, so images wrapped around our pixel arrays report that type. */
    private static final DirectColorModel INT_RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);

    /** ImageIO format names we accept, with the names users know them by; anything else ImageIO finds is refused. */
    private static final Map<String, String> SUPPORTED_FORMATS = Map.of(
            "jpeg", "JPEG", "png", "PNG", "gif", "GIF", "bmp", "BMP", "tiff", "TIFF", "webp", "WebP");
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

    private ImagePreprocessor() {
    }

    /** Decodes a file into an upright sRGB image of TYPE_INT_RGB (alpha dropped, EXIF orientation applied, first frame of animated GIF/WebP). */
    public static BufferedImage decode(Path file) throws ImageInputException {
        String name = displayName(file);
        return decode(readFile(file, name), name);
    }

    /** Same from bytes (used for clipboard paste); name is used in messages. */
    public static BufferedImage decode(byte[] data, String name) throws ImageInputException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(name, "name");
        checkFileSize(data.length, name);
        try {
            BufferedImage decoded = read(data, name);
            BufferedImage rgb = fromPixels(rgbPixels(decoded), decoded.getWidth(), decoded.getHeight());
            return orient(rgb, exifOrientation(data));
        } catch (OutOfMemoryError e) {
            // Only this one image's arrays were being filled; they are garbage now and the app can carry on.
            throw new ImageInputException(ImageInputException.Problem.TOO_LARGE_FOR_MEMORY, e, name);
        }
    }

    /** Shorter side resized to the target with a good downscaler, centre crop to height x width. Returns TYPE_INT_RGB of exactly width x height. */
    public static BufferedImage resizeAndCrop(BufferedImage upright, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + height + " x " + width);
        }
        int sourceWidth = upright.getWidth();
        int sourceHeight = upright.getHeight();
        // Scale so the image covers the target; the relatively shorter side lands exactly on its target size.
        long scaledWidth;
        long scaledHeight;
        if ((long) width * sourceHeight >= (long) height * sourceWidth) {
            scaledWidth = width;
            scaledHeight = Math.max(height, Math.round((double) sourceHeight * width / sourceWidth));
        } else {
            scaledHeight = height;
            scaledWidth = Math.max(width, Math.round((double) sourceWidth * height / sourceHeight));
        }
        Kernel columns = kernel(sourceWidth, scaledWidth, (scaledWidth - width) / 2, width);
        Kernel rows = kernel(sourceHeight, scaledHeight, (scaledHeight - height) / 2, height);
        return fromPixels(resample(rgbPixels(upright), sourceWidth, columns, rows), width, height);
    }

    /** Channel-major float tensor [3][height][width] flattened (index c*h*w + y*w + x), values RGB/255 in [0,1]. Image must already be height x width. */
    public static float[] toChw(BufferedImage image) {
        int[] pixels = rgbPixels(image);
        int plane = pixels.length;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int rgb = pixels[i];
            chw[i] = ((rgb >> 16) & 0xFF) / 255f;
            chw[plane + i] = ((rgb >> 8) & 0xFF) / 255f;
            chw[2 * plane + i] = (rgb & 0xFF) / 255f;
        }
        return chw;
    }

    /** decode + resizeAndCrop + toChw. */
    public static float[] load(Path file, int height, int width) throws ImageInputException {
        return toChw(resizeAndCrop(decode(file), height, width));
    }

    // ---- reading the file ----

    private static String displayName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static byte[] readFile(Path file, String name) throws ImageInputException {
        if (Files.isDirectory(file)) {
            throw new ImageInputException(ImageInputException.Problem.FOLDER, name);
        }
        try {
            checkFileSize(Files.size(file), name);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageInputException(ImageInputException.Problem.NOT_FOUND, e, name);
        } catch (AccessDeniedException e) {
            throw new ImageInputException(ImageInputException.Problem.PERMISSION_DENIED, e, name);
        } catch (IOException e) {
            throw new ImageInputException(ImageInputException.Problem.DISK_ERROR, e, name);
        }
    }

    private static void checkFileSize(long bytes, String name) throws ImageInputException {
        if (bytes == 0) {
            throw new ImageInputException(ImageInputException.Problem.EMPTY, name);
        }
        if (bytes > MAX_FILE_BYTES) {
            long megabytes = (bytes + MIB - 1) / MIB;
            throw new ImageInputException(ImageInputException.Problem.FILE_TOO_BIG, name, megabytes,
                    MAX_FILE_BYTES / MIB);
        }
    }

    // ---- decoding ----

    private static BufferedImage read(byte[] data, String name) throws ImageInputException {
        ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
        ImageReader reader = supportedReader(input, name);
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(input);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            checkPixelCount(reader.getWidth(0), reader.getHeight(0), name);
            BufferedImage image = reader.read(0);
            // The JPEG reader hands back a half-decoded picture for a truncated file and only warns about it.
            if (warnings.stream().anyMatch(ImagePreprocessor::meansDamage)) {
                throw unreadable(name, format, isTruncation(warnings), null);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            // Decoders report broken data with all sorts of runtime exceptions, not only IOException.
            throw unreadable(name, format, isTruncation(e), e);
        } finally {
            reader.dispose();
            closeQuietly(input);
        }
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
        if ((long) width * height > MAX_PIXELS) {
            throw new ImageInputException(ImageInputException.Problem.TOO_MANY_PIXELS, name, width, height,
                    MAX_PIXELS / 1_000_000);
        }
    }

    private static boolean meansDamage(String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        return DAMAGE_WARNINGS.stream().anyMatch(lower::contains);
    }

    private static boolean isTruncation(List<String> warnings) {
        return warnings.stream().anyMatch(ImagePreprocessor::mentionsEnd);
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
        return new ImageInputException(truncated ? ImageInputException.Problem.TRUNCATED
                : ImageInputException.Problem.CORRUPT, cause, name, format);
    }

    private static void closeQuietly(ImageInputStream input) {
        try {
            input.close();
        } catch (IOException e) {
            // An in-memory stream has nothing to release that could fail in a way the user cares about.
        }
    }

    // ---- pixel values ----

    /** Packed 0xRRGGBB per pixel, row-major, with the stored values of the image (see class comment). */
    private static int[] rgbPixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return packedRgb(image);
        }
        return hasStoredRgbSamples(image.getColorModel()) ? fromSamples(image) : fromColorModel(image);
    }

    /** Our own working format: one bulk copy instead of a per-pixel colour model call. */
    private static int[] packedRgb(BufferedImage image) {
        int[] pixels = (int[]) image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), null);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    /** Gray or sRGB, 8 or 16 bits per sample, straight alpha: the raster already holds the values we want. */
    private static boolean hasStoredRgbSamples(ColorModel model) {
        if (!(model instanceof ComponentColorModel) || model.isAlphaPremultiplied()) {
            return false;
        }
        int transfer = model.getTransferType();
        ColorSpace space = model.getColorSpace();
        return (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)
                && (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY);
    }

    private static int[] fromSamples(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int bands = raster.getNumBands();
        boolean gray = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int[] maxima = new int[gray ? 1 : 3];
        for (int c = 0; c < maxima.length; c++) {
            maxima[c] = (1 << model.getComponentSize(c)) - 1;
        }
        int[] pixels = new int[width * height];
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                int at = x * bands;
                int r = to8Bit(row[at], maxima[0]);
                int g = gray ? r : to8Bit(row[at + 1], maxima[1]);
                int b = gray ? r : to8Bit(row[at + 2], maxima[2]);
                pixels[y * width + x] = (r << 16) | (g << 8) | b;
            }
        }
        return pixels;
    }

    /** round(sample * 255 / max) in integers; for 16 bits that is round(v / 257), which never ties. */
    private static int to8Bit(int sample, int max) {
        if (max == 255) {
            return sample;
        }
        return (int) Math.min(255, (sample * 510L + max) / (2L * max));
    }

    /** Palettes and packed sRGB are exact through getRGB; other colour spaces (CMYK TIFF, ICC) need its conversion. */
    private static int[] fromColorModel(BufferedImage image) {
        int width = image.getWidth();
        int[] pixels = image.getRGB(0, 0, width, image.getHeight(), null, 0, width);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    /** Wraps packed 0xRRGGBB pixels as a TYPE_INT_RGB image without copying them. */
    private static BufferedImage fromPixels(int[] pixels, int width, int height) {
        WritableRaster raster = Raster.createPackedRaster(
                new DataBufferInt(pixels, pixels.length), width, height, width, INT_RGB.getMasks(), null);
        return new BufferedImage(INT_RGB, raster, false, null);
    }

    // ---- EXIF orientation ----

    private static int exifOrientation(byte[] data) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // Broken metadata must not cost the user a picture that decoded fine; show it as stored.
        }
        return 1;
    }

    /** Applies EXIF orientation 2..8 (mirror and/or rotate); 1 and unknown values leave the image as stored. */
    private static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swapsSides = orientation >= 5;
        int outWidth = swapsSides ? h : w;
        int outHeight = swapsSides ? w : h;
        int[] source = rgbPixels(image);
        int[] upright = new int[source.length];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                // Index of the stored pixel that is shown at (x, y).
                int from = switch (orientation) {
                    case 2 -> y * w + (w - 1 - x);                 // mirrored left-right
                    case 3 -> (h - 1 - y) * w + (w - 1 - x);       // rotated 180
                    case 4 -> (h - 1 - y) * w + x;                 // mirrored top-bottom
                    case 5 -> x * w + y;                           // transposed
                    case 6 -> (h - 1 - x) * w + y;                 // needs 90 clockwise
                    case 7 -> (h - 1 - x) * w + (w - 1 - y);       // transversed
                    default -> x * w + (w - 1 - y);                // 8: needs 90 counter-clockwise
                };
                upright[y * outWidth + x] = source[from];
            }
        }
        return fromPixels(upright, outWidth, outHeight);
    }

    // ---- resampling ----

    /** For each output sample along one axis: the first source sample it reads and the weights of consecutive ones. */
    private record Kernel(int[] first, double[][] weights) {
    }

    /**
     * Samples {@code offset .. offset+count-1} of a source axis of {@code sourceLength} scaled to {@code scaledLength}:
     * the identity when the length is unchanged, area averaging when shrinking, bilinear when enlarging.
     */
    private static Kernel kernel(int sourceLength, long scaledLength, long offset, int count) {
        int[] first = new int[count];
        double[][] weights = new double[count][];
        for (int i = 0; i < count; i++) {
            long at = offset + i;
            if (scaledLength == sourceLength) {
                first[i] = (int) at;
                weights[i] = new double[] {1};
            } else if (scaledLength < sourceLength) {
                areaWeights(sourceLength, scaledLength, at, first, weights, i);
            } else {
                bilinearWeights(sourceLength, scaledLength, at, first, weights, i);
            }
        }
        return new Kernel(first, weights);
    }

    /** Box filter: each source sample counts by how much of it falls inside the output sample's footprint. */
    private static void areaWeights(int sourceLength, long scaledLength, long at,
                                    int[] first, double[][] weights, int i) {
        double footprint = (double) sourceLength / scaledLength;
        double start = (double) at * sourceLength / scaledLength;
        double end = (double) (at + 1) * sourceLength / scaledLength;
        int from = (int) Math.floor(start);
        int to = Math.min(sourceLength, (int) Math.ceil(end));
        first[i] = from;
        weights[i] = new double[to - from];
        for (int s = from; s < to; s++) {
            double covered = Math.min(end, s + 1) - Math.max(start, s);
            weights[i][s - from] = Math.max(0, covered) / footprint;
        }
    }

    /** Pixel centres aligned (half-pixel convention), clamped at the edges. */
    private static void bilinearWeights(int sourceLength, long scaledLength, long at,
                                        int[] first, double[][] weights, int i) {
        double position = (at + 0.5) * sourceLength / scaledLength - 0.5;
        position = Math.max(0, Math.min(sourceLength - 1, position));
        int left = (int) Math.floor(position);
        double fraction = position - left;
        first[i] = left;
        weights[i] = left == sourceLength - 1 ? new double[] {1} : new double[] {1 - fraction, fraction};
    }

    /** Separable resampling: columns first into floating point, then rows, rounding to 8 bits only at the end. */
    private static int[] resample(int[] source, int sourceWidth, Kernel columns, Kernel rows) {
        int width = columns.first().length;
        int height = rows.first().length;
        // Source rows resampled horizontally, computed only for rows the crop actually uses.
        double[][] narrowed = new double[source.length / sourceWidth][];
        int[] out = new int[width * height];
        double[] sum = new double[3 * width];
        for (int y = 0; y < height; y++) {
            Arrays.fill(sum, 0);
            double[] weights = rows.weights()[y];
            for (int k = 0; k < weights.length; k++) {
                int sourceRow = rows.first()[y] + k;
                if (narrowed[sourceRow] == null) {
                    narrowed[sourceRow] = resampleRow(source, sourceRow * sourceWidth, columns);
                }
                double[] line = narrowed[sourceRow];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += weights[k] * line[i];
                }
            }
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (roundToByte(sum[3 * x]) << 16) | (roundToByte(sum[3 * x + 1]) << 8)
                        | roundToByte(sum[3 * x + 2]);
            }
        }
        return out;
    }

    /** One source row resampled horizontally, as interleaved R, G, B doubles. */
    private static double[] resampleRow(int[] source, int rowStart, Kernel columns) {
        int width = columns.first().length;
        double[] line = new double[3 * width];
        for (int x = 0; x < width; x++) {
            double[] weights = columns.weights()[x];
            int from = rowStart + columns.first()[x];
            double r = 0;
            double g = 0;
            double b = 0;
            for (int k = 0; k < weights.length; k++) {
                int rgb = source[from + k];
                r += weights[k] * ((rgb >> 16) & 0xFF);
                g += weights[k] * ((rgb >> 8) & 0xFF);
                b += weights[k] * (rgb & 0xFF);
            }
            line[3 * x] = r;
            line[3 * x + 1] = g;
            line[3 * x + 2] = b;
        }
        return line;
    }

    private static int roundToByte(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
