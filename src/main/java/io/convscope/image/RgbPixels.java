package io.convscope.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Packed 0xRRGGBB pixels with the stored values of an image, as a browser canvas would report them: alpha dropped
 * without compositing, gray samples copied to R, G and B (no linear-to-sRGB gamma step, which {@code getRGB} would
 * apply), and 16-bit samples reduced to 8 bits as {@code round(v / 257)}, i.e. {@code round(v * 255 / 65535)}.
 */
final class RgbPixels {

    /** The colour model of TYPE_INT_RGB, so images wrapped around our pixel arrays report that type. */
    private static final DirectColorModel INT_RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);

    private RgbPixels() {}

    /** A new array of packed 0xRRGGBB per pixel, row-major (the top byte is always zero). */
    static int[] copy(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return packedRgb(image);
        }
        return hasStoredRgbSamples(image.getColorModel()) ? fromSamples(image) : fromColorModel(image);
    }

    /**
     * The pixels to read, without copying them when the image is a plain TYPE_INT_RGB raster (ours always are): a
     * full-size copy of a large image is what ran the heap out. The top byte may hold anything; callers mask it.
     */
    static int[] view(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            Raster raster = image.getRaster();
            if (raster.getDataBuffer() instanceof DataBufferInt buffer
                    && buffer.getNumBanks() == 1
                    && buffer.getOffset() == 0
                    && raster.getParent() == null
                    && raster.getSampleModelTranslateX() == 0
                    && raster.getSampleModelTranslateY() == 0
                    && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                    && model.getScanlineStride() == image.getWidth()
                    && buffer.getSize() == image.getWidth() * image.getHeight()) {
                return buffer.getData();
            }
        }
        return copy(image);
    }

    /** Wraps packed 0xRRGGBB pixels as a TYPE_INT_RGB image without copying them. */
    static BufferedImage image(int[] pixels, int width, int height) {
        WritableRaster raster = Raster.createPackedRaster(
                new DataBufferInt(pixels, pixels.length), width, height, width, INT_RGB.getMasks(), null);
        return new BufferedImage(INT_RGB, raster, false, null);
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
}
