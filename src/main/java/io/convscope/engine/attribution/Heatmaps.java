package io.convscope.engine.attribution;

import io.convscope.network.AttributionMap;

import java.util.Arrays;

/** Plain arithmetic on maps: upsampling for overlays, and the similarities the sanity check reports. */
public final class Heatmaps {

    private Heatmaps() {}

    /**
     * The map drawn over an input of {@code height x width}: {@link AttributionMap#pixelMap()} (max |.| over the
     * channels for the input methods), and the CAMs' and occlusion's grids stretched by {@link #bilinear}.
     */
    public static float[] atInputSize(AttributionMap map, int height, int width) {
        float[] pixels = map.pixelMap();
        if (map.shape().height() == height && map.shape().width() == width) {
            return pixels;
        }
        return bilinear(pixels, map.shape().height(), map.shape().width(), height, width);
    }

    /**
     * Bilinear resampling of a {@code height x width} map to {@code outHeight x outWidth} with pixel centres aligned
     * (source coordinate {@code (d + 0.5) * in / out - 0.5}, clamped at the edges), as OpenCV's and PIL's bilinear
     * resize do; the CAMs' upsampling to the input.
     */
    public static float[] bilinear(float[] map, int height, int width, int outHeight, int outWidth) {
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            double sy = Math.min(height - 1, Math.max(0, (y + 0.5) * height / outHeight - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(height - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < outWidth; x++) {
                double sx = Math.min(width - 1, Math.max(0, (x + 0.5) * width / outWidth - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(width - 1, x0 + 1);
                double fx = sx - x0;
                double top = map[y0 * width + x0] * (1 - fx) + map[y0 * width + x1] * fx;
                double bottom = map[y1 * width + x0] * (1 - fx) + map[y1 * width + x1] * fx;
                out[y * outWidth + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /**
     * Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their mean rank. 1 when
     * both maps are constant, 0 when only one is (a map that lost all its structure says nothing alike).
     */
    public static double spearman(float[] a, float[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /**
     * A global structural similarity (SSIM of Wang et al. 2004 over one window, the whole map): each map scaled to
     * [0, 1] by its own minimum and maximum, then {@code (2 mu_a mu_b + C1)(2 cov + C2) /
     * ((mu_a^2 + mu_b^2 + C1)(var_a + var_b + C2))} with C1 = 0.01^2, C2 = 0.03^2. 1 for the same picture.
     */
    public static double ssim(float[] a, float[] b) {
        double[] x = scaled(a);
        double[] y = scaled(b);
        double mx = mean(x);
        double my = mean(y);
        double vx = 0;
        double vy = 0;
        double cov = 0;
        for (int i = 0; i < x.length; i++) {
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
            cov += (x[i] - mx) * (y[i] - my);
        }
        vx /= x.length;
        vy /= x.length;
        cov /= x.length;
        double c1 = 1e-4;
        double c2 = 9e-4;
        return (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
    }

    private static double[] scaled(float[] v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = max > min ? (v[i] - min) / (double) (max - min) : 0;
        }
        return out;
    }

    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Float.compare(v[i], v[j]));
        double[] rank = new double[v.length];
        for (int start = 0; start < v.length; ) {
            int end = start;
            while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double shared = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                rank[order[k]] = shared;
            }
            start = end + 1;
        }
        return rank;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return sxx == syy ? 1 : 0;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
