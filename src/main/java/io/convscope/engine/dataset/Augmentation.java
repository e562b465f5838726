package io.convscope.engine.dataset;

import java.util.Random;

/**
 * Label-preserving random changes to a training image, so 500 photos per class teach more than 500 views:
 * horizontal flip, a shift of up to {@link #MAX_SHIFT} pixels (edges mirrored), and mild brightness, contrast and
 * saturation jitter (saturation only for RGB). Works on channel-major images with values in [0, 1].
 */
public final class Augmentation {

    static final int MAX_SHIFT = 6;
    static final float JITTER = 0.2f;

    private Augmentation() {}

    /** Writes an augmented copy of {@code src} (channels x size x size: RGB or grey) into {@code dst}. */
    public static void apply(float[] src, int size, Random rng, float[] dst) {
        boolean flip = rng.nextBoolean();
        int dx = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dy = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        float brightness = 1 + (rng.nextFloat() * 2 - 1) * JITTER;
        float contrast = 1 + (rng.nextFloat() * 2 - 1) * JITTER;
        float saturation = 1 + (rng.nextFloat() * 2 - 1) * JITTER;
        int plane = size * size;
        int channels = src.length / plane;

        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                int sy = mirror(y + dy, size);
                for (int x = 0; x < size; x++) {
                    int sx = mirror(flip ? size - 1 - x + dx : x + dx, size);
                    dst[c * plane + y * size + x] = src[c * plane + sy * size + sx];
                }
            }
        }
        float mean = 0;
        for (int i = 0; i < channels * plane; i++) {
            mean += dst[i];
        }
        mean /= channels * plane;
        if (channels != 3) {
            for (int i = 0; i < channels * plane; i++) {
                dst[i] = Math.min(1f, Math.max(0f, (mean + (dst[i] - mean) * contrast) * brightness));
            }
            return;
        }
        for (int i = 0; i < plane; i++) {
            float r = dst[i];
            float g = dst[plane + i];
            float b = dst[2 * plane + i];
            float grey = 0.299f * r + 0.587f * g + 0.114f * b;
            for (int c = 0; c < 3; c++) {
                float v = dst[c * plane + i];
                v = grey + (v - grey) * saturation;
                v = mean + (v - mean) * contrast;
                v *= brightness;
                dst[c * plane + i] = Math.min(1f, Math.max(0f, v));
            }
        }
    }

    private static int mirror(int i, int size) {
        if (i < 0) {
            return -i - 1;
        }
        return i >= size ? 2 * size - i - 1 : i;
    }
}
