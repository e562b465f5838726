package io.convscope.explain.attribution;

import io.convscope.explain.ColorScale;
import io.convscope.network.AttributionMap;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attribution view's models without a screen: colours and legends, readouts, formulas, comparison layout. */
class AttributionViewModelTest {

    static final ResourceBundle EN = ResourceBundle.getBundle(
            "io.convscope.ui.messages",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    static final ResourceBundle ZH = ResourceBundle.getBundle(
            "io.convscope.ui.messages",
            Locale.SIMPLIFIED_CHINESE,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));

    /** A 2-channel 2 x 3 gradient map with known values. */
    static AttributionMap gradient() {
        float[] v = {0.1f, -0.4f, 0.2f, 0f, 0.3f, -0.05f, -0.2f, 0.1f, 0.25f, 0f, -0.6f, 0.01f};
        return new AttributionMap("gradient", 2, "espresso", 3.5f, new Shape(2, 2, 3), v, null, null, Map.of(), false);
    }

    @Test
    void unsignedMapsRunFromWhiteToDarkRedByTheirMaximum() {
        MapScale s = MapScale.of(new float[] {0, 0.5f, 2f});
        assertFalse(s.signed());
        assertEquals(0, s.low());
        assertEquals(2f, s.high());
        assertEquals(MapScale.REDS.argbAt(0), s.argb(0));
        assertEquals(MapScale.REDS.argbAt(1), s.argb(2));
        assertEquals(MapScale.REDS.argbAt(0.25), s.argb(0.5f));
        assertArrayEquals(new double[] {0, 1, 2}, s.ticks());
        assertEquals(0, s.overlayArgb(0) >>> 24, "nothing there: the photo shows through");
        assertEquals(255, s.overlayArgb(2) >>> 24);
    }

    @Test
    void signedMapsAreSymmetricRedForWhatRaisesTheValue() {
        MapScale s = MapScale.of(new float[] {-0.6f, 0.3f});
        assertTrue(s.signed());
        assertEquals(-0.6f, s.low());
        assertEquals(0.6f, s.high());
        assertEquals(ColorScale.RDBU.argbAt(0), s.argb(0.6f), "largest positive: dark red");
        assertEquals(ColorScale.RDBU.argbAt(1), s.argb(-0.6f), "largest negative: dark blue");
        assertEquals(ColorScale.RDBU.argbAt(0.5), s.argb(0));
        assertArrayEquals(new double[] {-0.6f, -0.3f, 0, 0.3f, 0.6f}, s.ticks(), 1e-6);
    }

    @Test
    void legendNumbersKeepThreeSignificantDigitsOfSmallGradients() {
        assertEquals("0.00310", MapScale.of(new float[] {0, 0.0031f}).format(0.0031));
        assertEquals("12.5", MapScale.of(new float[] {0, 12.5f}).format(12.5));
        assertEquals("0.00", MapScale.of(new float[] {0, 0}).format(0));
    }

    @Test
    void theReadoutIsTheRawValueOfTheCellAndEveryChannel() {
        AttributionMap map = gradient();
        MapReadout r = MapReadout.at(map, MapPlane.MAGNITUDE, 1, 1, EN);
        assertEquals(map.pixelMap()[4], r.value());
        assertEquals(0.6f, r.value(), "max |.| over the channels");
        assertArrayEquals(new float[] {0.3f, -0.6f}, r.channels());
        assertTrue(r.text().contains("row 1, column 1"), r.text());
        assertTrue(r.text().contains("0.6000"), r.text());
        MapReadout signed = MapReadout.at(map, new MapPlane(1), 0, 1, EN);
        assertEquals(0.1f, signed.value());
        assertNull(MapReadout.at(map, MapPlane.MAGNITUDE, 2, 0, EN), "outside the map");
    }

    @Test
    void occlusionAndCamReadoutsNameTheWindowAndTheLayer() {
        AttributionMap occlusion = new AttributionMap(
                "occlusion",
                0,
                "koala",
                1f,
                new Shape(1, 2, 2),
                new float[] {0.5f, -0.25f, 0, 1},
                null,
                null,
                Map.of("window", 8.0, "stride", 4.0, "fill", 0.5),
                false);
        MapReadout r = MapReadout.at(occlusion, MapPlane.MAGNITUDE, 0, 1, EN);
        assertEquals(-0.25f, r.value());
        assertTrue(r.text().contains("row 0, column 4 (8 × 8"), r.text());
        AttributionMap cam = new AttributionMap(
                "gradcam",
                0,
                "koala",
                1f,
                new Shape(1, 2, 2),
                new float[] {0, 1, 2, 3},
                "relu_2_2",
                new float[] {0.5f},
                Map.of(),
                false);
        MapReadout c = MapReadout.at(cam, new MapPlane(2), 1, 0, ZH);
        assertEquals(2f, c.value(), "a one-plane map ignores the channel");
        assertTrue(c.text().contains("relu_2_2"), c.text());
    }

    @Test
    void integratedGradientsWritesItsCompletenessCheckWithTheEngineFigures() {
        AttributionMap ig = new AttributionMap(
                "ig",
                1,
                "espresso",
                5.84f,
                new Shape(1, 1, 2),
                new float[] {1, 2},
                null,
                null,
                Map.of(
                        "steps",
                        32.0,
                        "baselineLogit",
                        2.6,
                        "attributionSum",
                        3.2145,
                        "logitDifference",
                        3.24,
                        "completenessError",
                        0.0255,
                        "relativeError",
                        0.0255 / 3.24),
                false);
        List<String> lines = MethodFormula.lines(ig, null, "black", "espresso", false, EN);
        assertTrue(lines.get(0).contains("5.8400"), lines.get(0));
        assertTrue(lines.get(1).contains("N = 32 steps from the black baseline"), lines.get(1));
        assertTrue(lines.get(2).contains("3.2145"), lines.get(2));
        assertTrue(lines.get(2).contains("5.8400 − 2.6000 = 3.2400"), lines.get(2));
        assertTrue(lines.get(2).contains("0.0255 (0.8 %)"), lines.get(2));
        assertTrue(String.join("", MethodFormula.lines(ig, null, "黑色", "意式浓缩咖啡", false, ZH))
                .contains("32"));
    }

    @Test
    void camFormulasNameTheLayerAndListTheirWeights() {
        AttributionMap cam = new AttributionMap(
                "gradcam",
                0,
                "koala",
                1f,
                new Shape(1, 26, 26),
                new float[676],
                "relu_2_2",
                new float[] {0.5f, -0.25f},
                Map.of(),
                false);
        List<String> lines = MethodFormula.lines(cam, new Shape(2, 26, 26), null, "koala", false, EN);
        assertTrue(lines.get(1).contains("1/(26 × 26)"), lines.get(1));
        assertTrue(lines.get(1).contains("the 2 maps"), lines.get(1));
        assertTrue(lines.get(1).contains("relu_2_2"), lines.get(1));
        assertEquals("α = [0.5000, -0.2500]", lines.get(2));
        float[] many = new float[20];
        many[7] = 0.9f;
        many[3] = 0.1f;
        assertEquals(
                "20 channel weights, 2 of them positive; the largest is w7 = 0.9000",
                MethodFormula.weights(many, "w", EN));
    }

    @Test
    void occlusionFormulaShowsItsWindow() {
        AttributionMap occlusion = new AttributionMap(
                "occlusion",
                0,
                "koala",
                1f,
                new Shape(1, 15, 15),
                new float[225],
                null,
                null,
                Map.of("window", 8.0, "stride", 4.0, "fill", 0.5),
                false);
        String line =
                MethodFormula.lines(occlusion, null, null, "koala", false, EN).get(1);
        assertTrue(line.contains("8 × 8 window at row 4·i, column 4·j set to 0.50): 15 × 15 positions"), line);
    }

    @Test
    void comparedMapsTakeTheColumnsThatGiveTheLargestTiles() {
        ComparisonLayout wide = ComparisonLayout.of(4, 1000, 300, 10, 30);
        assertEquals(4, wide.columns());
        assertEquals(1, wide.rows());
        assertEquals(242, wide.side(), "(1000 - 3 gaps) / 4, floored to whole pixels");
        ComparisonLayout square = ComparisonLayout.of(4, 500, 500, 10, 30);
        assertEquals(2, square.columns());
        assertEquals(2, square.rows());
        assertEquals(215, square.side());
        assertEquals(225, square.x(1, 10));
        assertEquals(255, square.y(2, 10, 30));
        assertEquals(
                ComparisonLayout.MAX_SIDE,
                ComparisonLayout.of(1, 4000, 4000, 10, 30).side());
    }
}
