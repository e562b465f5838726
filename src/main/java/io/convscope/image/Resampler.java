package io.convscope.image;

import java.util.Arrays;

/**
 * Resizes packed 0xRRGGBB pixels so the image covers a target and crops its centre: area averaging when shrinking,
 * bilinear when enlarging, in plain double arithmetic so results are the same on every machine.
 */
final class Resampler {

    private Resampler() {}

    /** For each output sample along one axis: the first source sample it reads and the weights of consecutive ones. */
    private record Kernel(int[] first, double[][] weights) {}

    /**
     * Shorter side (relative to the target) scaled onto the target, centre crop to height x width. Only the low 24
     * bits of each source pixel are read, so a TYPE_INT_RGB raster can be passed as it is stored.
     */
    static int[] resizeAndCrop(int[] source, int sourceWidth, int sourceHeight, int height, int width) {
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
        return resample(source, sourceWidth, sourceHeight, columns, rows);
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
    private static void areaWeights(
            int sourceLength, long scaledLength, long at, int[] first, double[][] weights, int i) {
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
    private static void bilinearWeights(
            int sourceLength, long scaledLength, long at, int[] first, double[][] weights, int i) {
        double position = (at + 0.5) * sourceLength / scaledLength - 0.5;
        position = Math.max(0, Math.min(sourceLength - 1, position));
        int left = (int) Math.floor(position);
        double fraction = position - left;
        first[i] = left;
        weights[i] = left == sourceLength - 1 ? new double[] {1} : new double[] {1 - fraction, fraction};
    }

    /** Separable resampling: columns first into floating point, then rows, rounding to 8 bits only at the end. */
    private static int[] resample(int[] source, int sourceWidth, int sourceHeight, Kernel columns, Kernel rows) {
        int width = columns.first().length;
        int height = rows.first().length;
        // Source rows resampled horizontally, computed only for rows the crop actually uses.
        double[][] narrowed = new double[sourceHeight][];
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
                out[y * width + x] = (roundToByte(sum[3 * x]) << 16)
                        | (roundToByte(sum[3 * x + 1]) << 8)
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
