package io.convscope.explain.training;

import io.convscope.explain.ValueColors;
import io.convscope.network.LayerWeights;

/**
 * The first convolution's kernels as small colour images, the way ConvNetJS and AlexNet's paper draw them: each
 * kernel's red, green and blue weights become one pixel's red, green and blue, stretched per kernel so its smallest
 * weight is black and its largest white (a kernel that looks for red edges looks red). A layer reading one channel is
 * drawn grey.
 */
public final class KernelImages {

    private final LayerWeights weights;

    public KernelImages(LayerWeights weights) {
        this.weights = weights;
    }

    public int count() {
        return weights.outputs();
    }

    public int width() {
        return weights.kernelWidth();
    }

    public int height() {
        return weights.kernelHeight();
    }

    /** Kernel {@code filter} as ARGB pixels, row-major. */
    public int[] argb(int filter) {
        int h = height();
        int w = width();
        int channels = weights.inputs();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = weights.weight(filter, c, y, x);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double span = max > min ? max - min : 1;
        int[] argb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (channels >= 3) {
                    int r = level(weights.weight(filter, 0, y, x), min, span);
                    int g = level(weights.weight(filter, 1, y, x), min, span);
                    int b = level(weights.weight(filter, 2, y, x), min, span);
                    argb[p] = 0xFF000000 | r << 16 | g << 8 | b;
                } else {
                    argb[p] = ValueColors.input((weights.weight(filter, 0, y, x) - min) / span) | 0xFF000000;
                }
            }
        }
        return argb;
    }

    private static int level(double v, double min, double span) {
        return (int) Math.round((v - min) / span * 255);
    }
}
