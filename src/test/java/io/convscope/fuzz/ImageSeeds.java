package io.convscope.fuzz;

import io.convscope.image.HostileImages;

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
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The fuzzer's seed corpus, written by ImageIO and TwelveMonkeys (or built by hand where no writer exists) in every
 * format and sample layout the preprocessor reads. Small pictures so that each mutated input decodes quickly.
 */
final class ImageSeeds {

    /** The one seed that is refused as it is: a lossy WebP frame header over zeros (no VP8 encoder exists here). */
    static final String UNDECODABLE = "lossy-header.webp";

    private ImageSeeds() {}

    static Map<String, byte[]> all() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        BufferedImage rgb = HostileImages.noise(24, 16);
        seeds.put("baseline.jpg", write(rgb, "jpeg", null));
        seeds.put("gray.jpg", write(convert(rgb, BufferedImage.TYPE_BYTE_GRAY), "jpeg", null));
        seeds.put("progressive.jpg", HostileImages.progressiveJpeg(rgb));
        seeds.put("cmyk.jpg", cmykJpeg());
        seeds.put("rgb8.png", write(rgb, "png", null));
        seeds.put("rgb16.png", write(sixteenBit(rgb, false), "png", null));
        seeds.put("gray8.png", write(convert(rgb, BufferedImage.TYPE_BYTE_GRAY), "png", null));
        seeds.put("gray16.png", write(convert(rgb, BufferedImage.TYPE_USHORT_GRAY), "png", null));
        seeds.put("rgba.png", write(convert(rgb, BufferedImage.TYPE_INT_ARGB), "png", null));
        seeds.put("palette.png", write(palette(rgb), "png", null));
        seeds.put("interlaced.png", write(rgb, "png", ImageWriteParam.MODE_DEFAULT));
        seeds.put("palette.gif", write(palette(rgb), "gif", null));
        seeds.put("rgb24.bmp", write(rgb, "bmp", null));
        seeds.put("palette.bmp", write(palette(rgb), "bmp", null));
        seeds.put("rle8.bmp", HostileImages.rle8Bmp(24, 16));
        seeds.put("rle4.bmp", compressed(palette16(rgb), "bmp", "BI_RLE4"));
        seeds.put("plain.tif", write(rgb, "tiff", null));
        seeds.put("deflate.tif", HostileImages.deflateTiff(24, 16));
        seeds.put("lzw.tif", compressed(rgb, "tiff", "LZW"));
        seeds.put("packbits.tif", compressed(rgb, "tiff", "PackBits"));
        seeds.put("jpeg.tif", compressed(rgb, "tiff", "JPEG"));
        seeds.put("lossless.webp", HostileImages.losslessWebp(6, 4, new Random(6), 3 * 6 * 4));
        seeds.put(UNDECODABLE, HostileImages.vp8Claiming(32, 32, 120));
        return seeds;
    }

    private static byte[] write(BufferedImage image, String format, Integer progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive != null) {
            param.setProgressiveMode(progressive);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    private static byte[] compressed(BufferedImage image, String format, String compression) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
        return write(writer, new IIOImage(image, null, null), param);
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }

    private static BufferedImage palette(BufferedImage image) {
        return convert(image, BufferedImage.TYPE_BYTE_INDEXED);
    }

    private static BufferedImage palette16(BufferedImage image) {
        byte[] levels = new byte[16];
        for (int i = 0; i < 16; i++) {
            levels[i] = (byte) (i * 17);
        }
        IndexColorModel model = new IndexColorModel(4, 16, levels, levels, levels);
        BufferedImage out =
                new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY, model);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }

    private static BufferedImage sixteenBit(BufferedImage image, boolean alpha) {
        BufferedImage out = new BufferedImage(
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        alpha,
                        false,
                        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                        DataBuffer.TYPE_USHORT),
                Raster.createInterleavedRaster(
                        DataBuffer.TYPE_USHORT, image.getWidth(), image.getHeight(), alpha ? 4 : 3, null),
                false,
                null);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                raster.setPixel(x, y, new int[] {
                    ((pixel >> 16) & 0xFF) * 257, ((pixel >> 8) & 0xFF) * 257, (pixel & 0xFF) * 257, 65535
                });
            }
        }
        return out;
    }

    /** A 4-band raster written as is, marked CMYK by a spliced Adobe APP14 segment (as the reader's test does). */
    private static byte[] cmykJpeg() throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        Random random = new Random(4);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256), 255});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        byte[] jpeg = write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return ByteBuffer.allocate(jpeg.length + adobe.length)
                .put(jpeg, 0, 2)
                .put(adobe)
                .put(jpeg, 2, jpeg.length - 2)
                .array();
    }
}
