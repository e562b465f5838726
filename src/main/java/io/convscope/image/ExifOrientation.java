package io.convscope.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

/** The EXIF orientation tag, and turning a stored image upright by it. */
final class ExifOrientation {

    private ExifOrientation() {}

    /**
     * The orientation tag (1 when absent or unreadable). Only the EXIF block is parsed: a general metadata read would
     * also inflate a PNG's compressed text chunks, which a hostile file makes a gigabyte long.
     */
    static int read(byte[] data, String format) {
        try {
            Metadata metadata =
                    switch (format) {
                        case "JPEG" -> JpegMetadataReader.readMetadata(
                                new ByteArrayInputStream(data), List.of(new ExifReader()));
                        case "TIFF" -> TiffMetadataReader.readMetadata(new ByteArrayReader(data));
                        case "WebP" -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(data));
                        case "PNG" -> pngExif(data);
                        default -> null; // GIF and BMP carry no EXIF
                    };
            ExifIFD0Directory ifd0 =
                    metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // Broken metadata must not cost the user a picture that decoded fine; show it as stored.
        }
        return 1;
    }

    private static Metadata pngExif(byte[] data) {
        byte[] exif = ImageHeaders.pngChunk(data, "eXIf");
        if (exif == null) {
            return null;
        }
        Metadata metadata = new Metadata();
        new ExifReader().extract(new ByteArrayReader(exif), metadata);
        return metadata;
    }

    /** Applies EXIF orientation 2..8 (mirror and/or rotate); 1 and unknown values leave the image as stored. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swapsSides = orientation >= 5;
        int outWidth = swapsSides ? h : w;
        int outHeight = swapsSides ? w : h;
        int[] source = RgbPixels.view(image);
        int[] upright = new int[source.length];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                // Index of the stored pixel that is shown at (x, y).
                int from =
                        switch (orientation) {
                            case 2 -> y * w + (w - 1 - x); // mirrored left-right
                            case 3 -> (h - 1 - y) * w + (w - 1 - x); // rotated 180
                            case 4 -> (h - 1 - y) * w + x; // mirrored top-bottom
                            case 5 -> x * w + y; // transposed
                            case 6 -> (h - 1 - x) * w + y; // needs 90 clockwise
                            case 7 -> (h - 1 - x) * w + (w - 1 - y); // transversed
                            default -> x * w + (w - 1 - y); // 8: needs 90 counter-clockwise
                        };
                upright[y * outWidth + x] = source[from] & 0xFFFFFF;
            }
        }
        return RgbPixels.image(upright, outWidth, outHeight);
    }
}
