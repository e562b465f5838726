package io.convscope.explain;

import java.util.Arrays;

/**
 * A continuous colour scale over t in [0, 1], computed exactly as d3's {@code interpolateRgbBasis}: each channel
 * follows a uniform cubic B-spline through the stops, then is rounded and clamped to 0..255 like d3's {@code rgb()}.
 * The constants are the d3-scale-chromatic interpolators CNN Explainer uses (their largest ColorBrewer schemes).
 * <p>
 * {@link #at(double)} is exact (identical to d3). {@link #argbAt(double)} reads a 1024-entry table instead, for
 * heatmaps that colour thousands of cells per frame; it is within one unit per channel of {@link #at(double)}.
 */
public final class ColorScale {

    /** Input channels: white to black. */
    public static final ColorScale GREYS =
            of("ffffff", "f0f0f0", "d9d9d9", "bdbdbd", "969696", "737373", "525252", "252525", "000000");
    /** Activations: dark red (t = 0) through near-white to dark blue (t = 1). */
    public static final ColorScale RDBU = of(
            "67001f", "b2182b", "d6604d", "f4a582", "fddbc7", "f7f7f7", "d1e5f0", "92c5de", "4393c3", "2166ac",
            "053061");
    /** Weights and biases: brown through near-white to blue-green. */
    public static final ColorScale BRBG = of(
            "543005", "8c510a", "bf812d", "dfc27d", "f6e8c3", "f5f5f5", "c7eae5", "80cdc1", "35978f", "01665e",
            "003c30");
    /** Logits in the softmax view: cream to dark orange. */
    public static final ColorScale ORANGES =
            of("fff5eb", "fee6ce", "fdd0a2", "fdae6b", "fd8d3c", "f16913", "d94801", "a63603", "7f2704");

    private static final int TABLE_SIZE = 1024;

    private final double[][] channels;
    private final int[] table = new int[TABLE_SIZE];

    private ColorScale(Rgb[] stops) {
        channels = new double[3][stops.length];
        for (int i = 0; i < stops.length; i++) {
            channels[0][i] = stops[i].red();
            channels[1][i] = stops[i].green();
            channels[2][i] = stops[i].blue();
        }
        for (int i = 0; i < TABLE_SIZE; i++) {
            table[i] = at((double) i / (TABLE_SIZE - 1)).argb();
        }
    }

    /** A scale through at least two hex stops ({@code "#67001f"} or {@code "67001f"}), first at t = 0. */
    public static ColorScale of(String... hexStops) {
        if (hexStops.length < 2) {
            throw new IllegalArgumentException("a colour scale needs at least two stops");
        }
        return new ColorScale(Arrays.stream(hexStops).map(Rgb::hex).toArray(Rgb[]::new));
    }

    /** The colour at {@code t}, exactly as d3; t outside [0, 1] is clamped. */
    public Rgb at(double t) {
        return new Rgb(channel(channels[0], t), channel(channels[1], t), channel(channels[2], t));
    }

    /** The colour at {@code t} as {@code 0xAARRGGBB}, from the nearest of 1024 precomputed samples; clamped. */
    public int argbAt(double t) {
        if (t <= 0) {
            return table[0];
        }
        if (t >= 1) {
            return table[TABLE_SIZE - 1];
        }
        return table[(int) (t * (TABLE_SIZE - 1) + 0.5)];
    }

    /** d3-interpolate's {@code basis(values)(t)}, then d3-color's rounding and clamping. */
    private static int channel(double[] values, double t) {
        int n = values.length - 1;
        int i;
        if (t <= 0) {
            t = 0;
            i = 0;
        } else if (t >= 1) {
            t = 1;
            i = n - 1;
        } else {
            i = (int) Math.floor(t * n);
        }
        double v1 = values[i];
        double v2 = values[i + 1];
        // Past either end the spline continues the first or last segment in a straight line.
        double v0 = i > 0 ? values[i - 1] : 2 * v1 - v2;
        double v3 = i < n - 1 ? values[i + 2] : 2 * v2 - v1;
        double value = basis((t - (double) i / n) * n, v0, v1, v2, v3);
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static double basis(double t1, double v0, double v1, double v2, double v3) {
        double t2 = t1 * t1;
        double t3 = t2 * t1;
        return ((1 - 3 * t1 + 3 * t2 - t3) * v0
                        + (4 - 6 * t2 + 3 * t3) * v1
                        + (1 + 3 * t1 + 3 * t2 - 3 * t3) * v2
                        + t3 * v3)
                / 6;
    }
}
