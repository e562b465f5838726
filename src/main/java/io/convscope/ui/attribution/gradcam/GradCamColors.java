package io.convscope.ui.attribution.gradcam;

import io.convscope.explain.ColorScale;
import io.convscope.explain.ValueColors;
import io.convscope.explain.attribution.GradCamWalkthrough;

/**
 * The walkthrough's colour ranges, on CNN Explainer's red-white-blue scale, each symmetric about zero as the
 * overview's: one for the maps A_k, one for the gradients (orders of magnitude smaller), and one shared by everything
 * in the units of y (the weighted maps, the rest, the sum, the ReLU and the upsampled map), so they compare honestly.
 *
 * @param maps      the range of the maps A_k (twice their largest magnitude)
 * @param gradients the range of dy/dA_k
 * @param logit     the range of alpha_k A_k, their sums and the Grad-CAM map
 * @param alphas    the range of the alpha_k bars
 */
record GradCamColors(double maps, double gradients, double logit, double alphas) {

    static GradCamColors of(GradCamWalkthrough w, float[] rest) {
        double a = 0;
        double g = 0;
        double y = 0;
        double alpha = 0;
        for (int k = 0; k < w.channels(); k++) {
            alpha = Math.max(alpha, Math.abs(w.alpha(k)));
            for (int i = 0; i < w.cells(); i++) {
                a = Math.max(a, Math.abs(w.activation(k, i)));
                g = Math.max(g, Math.abs(w.gradient(k, i)));
                y = Math.max(y, Math.abs(w.weighted(k, i)));
            }
        }
        for (int i = 0; i < w.cells(); i++) {
            y = Math.max(y, Math.max(Math.abs(w.sum(i)), Math.abs(rest[i])));
        }
        return new GradCamColors(range(a), range(g), range(y), range(alpha));
    }

    private static double range(double largest) {
        return largest > 0 ? 2 * largest : 1;
    }

    int map(double v) {
        return ValueColors.activation(v, maps);
    }

    int gradient(double v) {
        return ValueColors.activation(v, gradients);
    }

    int logit(double v) {
        return ValueColors.activation(v, logit);
    }

    int alpha(double v) {
        return ValueColors.activation(v, alphas);
    }

    /** The overlay's scale (matplotlib's inferno): dark for little evidence, bright yellow for the most. */
    static final ColorScale HEAT = ColorScale.of("000004", "420a68", "932667", "dd513a", "fca50a", "fcffa4");

    /**
     * The Grad-CAM map over the image: the photo in grey, tinted on the heat scale as strongly as each pixel's share
     * of the largest value, so the tint reads on any photo (an orange tint vanished on a brown cup of coffee) and a
     * pixel with no evidence shows the photo itself.
     */
    static int[] overlay(float[] image, int channels, float[] cam) {
        int plane = cam.length;
        float max = 0;
        for (float v : cam) {
            max = Math.max(max, v);
        }
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            double grey = channels == 3
                    ? 0.299 * image[i] + 0.587 * image[plane + i] + 0.114 * image[2 * plane + i]
                    : image[i];
            double t = max > 0 ? cam[i] / max : 0;
            int heat = HEAT.argbAt(t);
            double alpha = 0.75 * t;
            out[i] = 0xFF000000
                    | blend(grey, (heat >> 16) & 0xFF, alpha) << 16
                    | blend(grey, (heat >> 8) & 0xFF, alpha) << 8
                    | blend(grey, heat & 0xFF, alpha);
        }
        return out;
    }

    private static int blend(double photo, int tint, double alpha) {
        double v = Math.max(0, Math.min(1, photo)) * 255 * (1 - alpha) + tint * alpha;
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }
}
