package io.convscope.engine.attribution;

import java.util.Arrays;
import java.util.Optional;

/**
 * The "absence" integrated gradients starts from. Values are in the model's input units (RGB / 255).
 * BLACK is 0 everywhere (the default, Sundararajan et al.), WHITE 1, MEAN every pixel of a channel set to that
 * channel's mean over the image (its average colour), BLUR the image under a Gaussian blur of sigma = width / 16
 * pixels (4 at 64 x 64; edges clamped), which removes detail but keeps colour (Sturmfels et al., Distill 2020).
 */
public enum Baseline {
    BLACK("black"),
    WHITE("white"),
    MEAN("mean"),
    BLUR("blur");

    private final String id;

    Baseline(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Baseline> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }

    /** This baseline for {@code image}, channel-major {@code [channels][height][width]}. */
    public float[] of(float[] image, int channels, int height, int width) {
        int plane = height * width;
        float[] out = new float[image.length];
        switch (this) {
            case BLACK -> {}
            case WHITE -> Arrays.fill(out, 1f);
            case MEAN -> {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int i = 0; i < plane; i++) {
                        sum += image[c * plane + i];
                    }
                    Arrays.fill(out, c * plane, (c + 1) * plane, (float) (sum / plane));
                }
            }
            case BLUR -> {
                double sigma = Math.max(1.0, width / 16.0);
                for (int c = 0; c < channels; c++) {
                    blurPlane(image, out, c * plane, height, width, sigma);
                }
            }
        }
        return out;
    }

    /** A separable Gaussian blur of one plane, rows then columns, with the edge pixels repeated. */
    private static void blurPlane(float[] in, float[] out, int offset, int height, int width, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            total += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= total;
        }
        float[] rows = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.min(width - 1, Math.max(0, x + k));
                    s += kernel[k + radius] * in[offset + y * width + xx];
                }
                rows[y * width + x] = (float) s;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.min(height - 1, Math.max(0, y + k));
                    s += kernel[k + radius] * rows[yy * width + x];
                }
                out[offset + y * width + x] = (float) s;
            }
        }
    }
}
