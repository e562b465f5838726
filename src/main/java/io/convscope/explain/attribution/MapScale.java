package io.convscope.explain.attribution;

import io.convscope.explain.ColorScale;
import io.convscope.explain.Decimals;

/**
 * How one attribution map is coloured, and the numbers its legend shows. A map with no negative value (max |.| of a
 * gradient, the CAMs after their ReLU) runs from white at 0 to dark red at its maximum on ColorBrewer's Reds; a signed
 * map (one channel of a gradient, occlusion where hiding a window can raise the logit) is symmetric around 0 by its
 * largest magnitude, red for what raises the explained value and blue for what lowers it (RdBu, reversed). The scale
 * of each map is its own: the legend says what its darkest colour means.
 *
 * @param signed whether the map has negative values (then low = -high)
 * @param low    the value at the scale's light (unsigned) or blue (signed) end
 * @param high   the value at its dark red end
 */
public record MapScale(boolean signed, float low, float high) {

    /** ColorBrewer's Reds, the sequential scale for maps without negative values. */
    public static final ColorScale REDS =
            ColorScale.of("fff5f0", "fee0d2", "fcbba1", "fc9272", "fb6a4a", "ef3b2c", "cb181d", "a50f15", "67000d");

    /** The scale for {@code values}: signed when any value is negative. */
    public static MapScale of(float[] values) {
        float min = 0;
        float max = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min < 0) {
            float m = Math.max(-min, max);
            return new MapScale(true, -m, m);
        }
        return new MapScale(false, 0, max);
    }

    /** Where {@code value} lies on the scale, 0 at its light or blue end, 1 at dark red; clamped. */
    public double position(float value) {
        if (high <= low) {
            return signed ? 0.5 : 0;
        }
        return Math.max(0, Math.min(1, (value - low) / (double) (high - low)));
    }

    /** The colour of {@code value} as {@code 0xAARRGGBB}, opaque: the heatmap drawn on its own. */
    public int argb(float value) {
        double t = position(value);
        // RdBu runs from red (t = 0) to blue (t = 1): reversed, so red is what raises the explained value.
        return signed ? ColorScale.RDBU.argbAt(1 - t) : REDS.argbAt(t);
    }

    /**
     * The colour of {@code value} over the photo: the heatmap's colour, as opaque as the value is strong (its
     * magnitude over the scale's), so what does not matter leaves the photo visible.
     */
    public int overlayArgb(float value) {
        double strength = high <= 0 ? 0 : Math.min(1, Math.abs(value) / (double) high);
        int alpha = (int) Math.round(255 * strength);
        return (alpha << 24) | (argb(value) & 0xFFFFFF);
    }

    /** The legend's tick values: low, middle, high (signed: -m, -m/2, 0, m/2, m). */
    public double[] ticks() {
        return signed ? new double[] {low, low / 2.0, 0, high / 2.0, high} : new double[] {0, high / 2.0, high};
    }

    /** Decimals that show the scale's largest value with three significant digits (gradients are small numbers). */
    public int decimals() {
        double m = Math.max(Math.abs(low), Math.abs(high));
        if (m == 0 || !Double.isFinite(m)) {
            return 2;
        }
        return (int) Math.max(0, Math.min(8, 2 - Math.floor(Math.log10(m))));
    }

    /** A value printed with {@link #decimals()}, as the legend and the readout print it. */
    public String format(double value) {
        return Decimals.fixed(value, decimals());
    }
}
