package io.convscope.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Turns an image file into exactly what the network sees: decode to upright 8-bit sRGB, resize so the shorter side
 * fits, centre crop, and lay the pixels out channel-major in [0, 1].
 *
 * <p>Pixel values are the stored ones (see {@link RgbPixels}); resampling is done on those 8-bit values, in plain code
 * rather than Java2D, so results are the same on every machine. Pictures over {@link ImageDecoder#MAX_DECODED_PIXELS}
 * are downscaled while they are read.
 */
public final class ImagePreprocessor {

    /** Largest image we decode, in pixels (width*height); larger ones are refused from the header before decoding. */
    public static final long MAX_PIXELS = 100_000_000L;

    public static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    private static final long MIB = 1024 * 1024;

    /** The file type bits of a Unix mode and the values for a FIFO and for character and block devices. */
    private static final int TYPE_BITS = 0170000;

    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private ImagePreprocessor() {}

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
            ImageDecoder.Decoded decoded = ImageDecoder.read(data, name);
            BufferedImage stored = decoded.image();
            BufferedImage rgb = RgbPixels.image(RgbPixels.copy(stored), stored.getWidth(), stored.getHeight());
            return ExifOrientation.apply(rgb, ExifOrientation.read(data, decoded.format()));
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
        int[] pixels = Resampler.resizeAndCrop(
                RgbPixels.view(upright), upright.getWidth(), upright.getHeight(), height, width);
        return RgbPixels.image(pixels, width, height);
    }

    /** Channel-major float tensor [3][height][width] flattened (index c*h*w + y*w + x), values RGB/255 in [0,1]. Image must already be height x width. */
    public static float[] toChw(BufferedImage image) {
        int[] pixels = RgbPixels.view(image);
        int plane = image.getWidth() * image.getHeight();
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
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new ImageInputException(ImageInputException.Problem.FOLDER, name);
            }
            if (!attributes.isRegularFile()) {
                // Never opened: reading a named pipe would wait for a writer, a device like /dev/zero never ends.
                throw new ImageInputException(specialFileProblem(file), name);
            }
            checkFileSize(attributes.size(), name);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageInputException(ImageInputException.Problem.NOT_FOUND, e, name);
        } catch (AccessDeniedException e) {
            throw new ImageInputException(ImageInputException.Problem.PERMISSION_DENIED, e, name);
        } catch (IOException e) {
            throw new ImageInputException(ImageInputException.Problem.DISK_ERROR, e, name);
        }
    }

    /** What kind of file that is not a regular file or folder this is, as far as the operating system says. */
    private static ImageInputException.Problem specialFileProblem(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & TYPE_BITS;
            if (type == FIFO) {
                return ImageInputException.Problem.NAMED_PIPE;
            }
            if (type == CHARACTER_DEVICE || type == BLOCK_DEVICE) {
                return ImageInputException.Problem.DEVICE;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No Unix attributes here (Windows): the general sentence still says it is not an image file.
        }
        return ImageInputException.Problem.SPECIAL_FILE;
    }

    private static void checkFileSize(long bytes, String name) throws ImageInputException {
        if (bytes == 0) {
            throw new ImageInputException(ImageInputException.Problem.EMPTY, name);
        }
        if (bytes > MAX_FILE_BYTES) {
            long megabytes = (bytes + MIB - 1) / MIB;
            throw new ImageInputException(
                    ImageInputException.Problem.FILE_TOO_BIG, name, megabytes, MAX_FILE_BYTES / MIB);
        }
    }
}
