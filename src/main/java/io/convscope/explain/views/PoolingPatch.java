package io.convscope.explain.views;

import io.convscope.network.LayerActivation;

/**
 * The article's max-pooling example: the {@code side} × {@code side} patch (on the patch grid) of a pooling layer's
 * input that holds this image's strongest activation, and the maxima of its {@code k} × {@code k} windows.
 *
 * @param range twice the largest magnitude in the patch (the colour range), 0 when the patch is all zeros
 */
public record PoolingPatch(int channel, int y, int x, float[][] values, double range) {

    /** The patch (of a map at least {@code side} a side) whose top-left value is the largest over every channel. */
    public static PoolingPatch strongest(LayerActivation in, int side) {
        int channel = 0;
        int bestY = 0;
        int bestX = 0;
        float best = Float.NEGATIVE_INFINITY;
        int h = in.shape().height();
        int w = in.shape().width();
        for (int c = 0; c < in.shape().channels(); c++) {
            for (int y = 0; y + side <= h; y += side) {
                for (int x = 0; x + side <= w; x += side) {
                    float v = in.value(c, y, x);
                    if (v > best) {
                        best = v;
                        channel = c;
                        bestY = y;
                        bestX = x;
                    }
                }
            }
        }
        float[][] patch = new float[side][side];
        double range = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                patch[y][x] = in.value(channel, bestY + y, bestX + x);
                range = Math.max(range, 2 * Math.abs(patch[y][x]));
            }
        }
        return new PoolingPatch(channel, bestY, bestX, patch, range);
    }

    /** The maximum of each non-overlapping {@code k} × {@code k} window, row by row. */
    public float[][] maxima(int k) {
        int out = values.length / k;
        float[][] maxima = new float[out][out];
        for (int oy = 0; oy < out; oy++) {
            for (int ox = 0; ox < out; ox++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        m = Math.max(m, values[oy * k + y][ox * k + x]);
                    }
                }
                maxima[oy][ox] = m;
            }
        }
        return maxima;
    }
}
