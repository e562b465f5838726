package io.convscope.explain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scales must give d3's colours exactly, so ConvScope's heatmaps look like CNN Explainer's. */
class ColorScaleTest {

    private static final ColorScale[] ALL = {ColorScale.GREYS, ColorScale.RDBU, ColorScale.BRBG, ColorScale.ORANGES};

    @Test
    void rgbParsesAndFormatsHex() {
        assertEquals(new Rgb(103, 0, 31), Rgb.hex("#67001f"));
        assertEquals(new Rgb(103, 0, 31), Rgb.hex("67001F"));
        assertEquals("#67001f", new Rgb(103, 0, 31).toHex());
        assertEquals(0xFF67001F, new Rgb(103, 0, 31).argb());
        assertThrows(IllegalArgumentException.class, () -> Rgb.hex("#fff"));
        assertThrows(IllegalArgumentException.class, () -> new Rgb(256, 0, 0));
    }

    @Test
    void endsAreTheFirstAndLastStops() {
        // At a knot with t1 = 0 the spline gives (v0 + 4 v1 + v2) / 6, and the mirrored v0 = 2 v1 - v2 makes it v1.
        assertEquals(Rgb.hex("67001f"), ColorScale.RDBU.at(0));
        assertEquals(Rgb.hex("053061"), ColorScale.RDBU.at(1));
        assertEquals(new Rgb(255, 255, 255), ColorScale.GREYS.at(0));
        assertEquals(new Rgb(0, 0, 0), ColorScale.GREYS.at(1));
        assertEquals(Rgb.hex("543005"), ColorScale.BRBG.at(0));
        assertEquals(Rgb.hex("003c30"), ColorScale.BRBG.at(1));
        assertEquals(Rgb.hex("fff5eb"), ColorScale.ORANGES.at(0));
        assertEquals(Rgb.hex("7f2704"), ColorScale.ORANGES.at(1));
    }

    @Test
    void interiorKnotsAverageTheirNeighbours() {
        // RdBu, 11 stops, t = 0.5: knot 5, (fddbc7 + 4 f7f7f7 + d1e5f0) / 6
        // = (1450, 1436, 1427) / 6 = (241.67, 239.33, 237.83), rounded.
        assertEquals(new Rgb(242, 239, 238), ColorScale.RDBU.at(0.5));
        // Greys, 9 stops, t = 0.5: knot 4, (bd + 4 * 96 + 73) / 6 = (189 + 600 + 115) / 6 = 150.67.
        assertEquals(new Rgb(151, 151, 151), ColorScale.GREYS.at(0.5));
    }

    @Test
    void midSegmentUsesTheCubicWeights() {
        // RdBu t = 0.25: segment 2 at t1 = 0.5, weights (1, 23, 23, 1) / 48 over b2182b, d6604d, f4a582, fddbc7:
        // red (178 + 23 * 214 + 23 * 244 + 253) / 48 = 228.44, green (24 + 23 * 96 + 23 * 165 + 219) / 48 = 130.13,
        // blue (43 + 23 * 77 + 23 * 130 + 199) / 48 = 104.23.
        assertEquals(new Rgb(228, 130, 104), ColorScale.RDBU.at(0.25));
        // The first segment mirrors a stop before the start: Oranges t = 0.0625 is segment 0 at t1 = 0.5 with
        // v0 = 2 fff5eb - fee6ce; red (2*255-254 + 23*255 + 23*254 + 253) / 48 = 254.5 rounds up as d3's Math.round.
        assertEquals(255, ColorScale.ORANGES.at(0.0625).red());
    }

    @Test
    void outOfRangePositionsClamp() {
        for (ColorScale scale : ALL) {
            assertEquals(scale.at(0), scale.at(-0.3));
            assertEquals(scale.at(0), scale.at(Double.NEGATIVE_INFINITY));
            assertEquals(scale.at(1), scale.at(1.7));
            assertEquals(scale.at(0).argb(), scale.argbAt(-5));
            assertEquals(scale.at(1).argb(), scale.argbAt(Double.POSITIVE_INFINITY));
        }
    }

    @Test
    void lookupTableIsWithinOneUnitOfTheExactColour() {
        for (ColorScale scale : ALL) {
            for (int k = 0; k <= 100_000; k++) {
                double t = k / 100_000.0;
                Rgb exact = scale.at(t);
                int fast = scale.argbAt(t);
                String where = "t = " + t;
                assertTrue(Math.abs(exact.red() - (fast >> 16 & 0xFF)) <= 1, where);
                assertTrue(Math.abs(exact.green() - (fast >> 8 & 0xFF)) <= 1, where);
                assertTrue(Math.abs(exact.blue() - (fast & 0xFF)) <= 1, where);
                assertEquals(0xFF, fast >>> 24, where);
            }
        }
    }

    @Test
    void inputsAreGreyWithBrightPixelsWhite() {
        assertEquals(0xFFFFFFFF, ValueColors.input(1));
        assertEquals(0xFF000000, ValueColors.input(0));
        assertEquals(ColorScale.GREYS.argbAt(0.75), ValueColors.input(0.25));
    }

    @Test
    void negativeActivationsAreRedAndPositiveBlue() {
        double range = 3.114;
        assertEquals(Rgb.hex("67001f").argb(), ValueColors.activation(-range / 2, range));
        assertEquals(Rgb.hex("053061").argb(), ValueColors.activation(range / 2, range));
        assertEquals(new Rgb(242, 239, 238).argb(), ValueColors.activation(0, range));
        assertEquals(ColorScale.RDBU.argbAt(0.75), ValueColors.activation(range / 4, range));
        assertEquals(ColorScale.RDBU.argbAt(1), ValueColors.activation(10, range), "beyond the range clamps");
    }

    @Test
    void weightsKeepAGapAtBothEndsOfBrBG() {
        double range = 0.8;
        assertEquals(ColorScale.BRBG.argbAt(0.2), ValueColors.weight(-0.4, range, ValueColors.KERNEL_GAP));
        assertEquals(ColorScale.BRBG.argbAt(0.8), ValueColors.weight(0.4, range, ValueColors.KERNEL_GAP));
        assertEquals(ColorScale.BRBG.argbAt(0.35), ValueColors.weight(-0.4, range, ValueColors.DENSE_GAP));
        assertEquals(ColorScale.BRBG.argbAt(0.9), ValueColors.weight(0.4, range, ValueColors.LEGEND_GAP));
        assertEquals(ColorScale.BRBG.argbAt(0.5), ValueColors.weight(0, range, ValueColors.DENSE_GAP));
    }

    @Test
    void logitsSpanOrangesFromTwoTenths() {
        assertEquals(ColorScale.ORANGES.argbAt(0.2), ValueColors.logit(-7.566, -7.566, 8.640));
        assertEquals(Rgb.hex("7f2704").argb(), ValueColors.logit(8.640, -7.566, 8.640));
        assertEquals(ColorScale.ORANGES.argbAt(0.6), ValueColors.logit(0.537, -7.566, 8.640));
        assertEquals(ColorScale.ORANGES.argbAt(0.2), ValueColors.logit(3, 3, 3));
    }
}
