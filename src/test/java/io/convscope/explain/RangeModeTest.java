package io.convscope.explain;

import io.convscope.explain.ColorRanges.LegendSpan;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.convscope.network.LayerKind.ACTIVATION;
import static io.convscope.network.LayerKind.AVERAGE_POOL;
import static io.convscope.network.LayerKind.CONVOLUTION;
import static io.convscope.network.LayerKind.DENSE;
import static io.convscope.network.LayerKind.FLATTEN;
import static io.convscope.network.LayerKind.INPUT;
import static io.convscope.network.LayerKind.MAX_POOL;
import static io.convscope.network.LayerKind.OUTPUT;
import static io.convscope.network.LayerKind.ZERO_PADDING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Colour ranges must match CNN Explainer's for the default image (spec §1.6), on a hand-built Tiny VGG whose
 * convolutions have espresso_1's extents, and follow the same rule on other architectures.
 */
class RangeModeTest {

    private static final double EPS = 1e-9;
    private static final int FLATTEN_INDEX = 11;

    /** Tiny VGG's layers with espresso_1's per-layer min and max; relu and pool extents follow from them. */
    private static ActivationSnapshot espressoTinyVgg() {
        Network net = new Network();
        net.map("input", INPUT, 0, 1);
        net.map("conv_1_1", CONVOLUTION, -0.646f, 1.457f);
        net.map("relu_1_1", ACTIVATION, 0, 1.457f);
        net.map("conv_1_2", CONVOLUTION, -1.119f, 2.722f);
        net.map("relu_1_2", ACTIVATION, 0, 2.722f);
        net.map("max_pool_1", MAX_POOL, 0, 2.722f);
        net.map("conv_2_1", CONVOLUTION, -1.161f, 4.568f);
        net.map("relu_2_1", ACTIVATION, 0, 4.568f);
        // |min| > max here: relu_2_2 and max_pool_2 must inherit 5.659 rather than use their own 5.547.
        net.map("conv_2_2", CONVOLUTION, -5.659f, 5.547f);
        net.map("relu_2_2", ACTIVATION, 0, 5.547f);
        net.map("max_pool_2", MAX_POOL, 0, 5.547f);
        net.vector("flatten", FLATTEN, 0, 5.547f);
        net.vector("output", OUTPUT, -7.566f, 8.640f);
        return net.snapshot();
    }

    @Test
    void unitRangesMatchCnnExplainer() {
        assertArrayEquals(
                new double[] {1, 3.114, 3.114, 5.644, 5.644, 5.644, 9.336, 9.336, 11.518, 11.518, 11.518, 1},
                overviewColumns(ColorRanges.of(espressoTinyVgg()).ranges(RangeMode.UNIT)),
                EPS);
    }

    @Test
    void moduleRangesTakeEachBlocksMaximum() {
        double a = 5.644;
        double b = 11.518;
        assertArrayEquals(
                new double[] {1, a, a, a, a, a, b, b, b, b, b, 1},
                overviewColumns(ColorRanges.of(espressoTinyVgg()).ranges(RangeMode.MODULE)),
                EPS);
    }

    @Test
    void globalRangeIsTheLargestOfAllHiddenLayers() {
        double g = 11.518;
        assertArrayEquals(
                new double[] {1, g, g, g, g, g, g, g, g, g, g, 1},
                overviewColumns(ColorRanges.of(espressoTinyVgg()).ranges(RangeMode.GLOBAL)),
                EPS);
    }

    @Test
    void flattenAndSingleLookupsGetTheSameRanges() {
        ColorRanges ranges = ColorRanges.of(espressoTinyVgg());
        for (RangeMode mode : RangeMode.values()) {
            assertEquals(1, ranges.range(mode, FLATTEN_INDEX));
            assertEquals(ranges.ranges(mode)[8], ranges.range(mode, 8));
        }
    }

    @Test
    void legendsFollowTheModes() {
        ColorRanges ranges = ColorRanges.of(espressoTinyVgg());
        assertSpans(
                List.of(
                        new LegendSpan(1, 2, 3.114),
                        new LegendSpan(3, 5, 5.644),
                        new LegendSpan(6, 7, 9.336),
                        new LegendSpan(8, 10, 11.518)),
                ranges.legends(RangeMode.UNIT));
        assertSpans(
                List.of(new LegendSpan(1, 5, 5.644), new LegendSpan(6, 10, 11.518)), ranges.legends(RangeMode.MODULE));
        assertSpans(List.of(new LegendSpan(1, 10, 11.518)), ranges.legends(RangeMode.GLOBAL));
    }

    @Test
    void otherArchitecturesFollowTheSameRule() {
        Network net = new Network();
        net.map("input", INPUT, 0, 1);
        net.map("padding", ZERO_PADDING, -0.2f, 0.9f); // before any convolution: its own extent
        net.map("conv_a", CONVOLUTION, -0.3f, 0.25f);
        net.map("avg_pool", AVERAGE_POOL, -0.1f, 0.2f);
        net.map("conv_b", CONVOLUTION, -2.0004f, 1.5f); // round3 drops the 0.0004
        net.map("relu_b", ACTIVATION, 0, 1.5f); // last module has no pooling
        net.vector("flatten", FLATTEN, 0, 1.5f);
        // A hidden dense layer is drawn (a square per unit) on its own range in every mode: its values are a
        // different kind of quantity from the maps, and flatten separates it from them.
        net.vector("dense", DENSE, -4, 4);
        net.vector("relu_dense", ACTIVATION, 0, 4); // a separate vector activation: not drawn, range 1
        net.vector("output", OUTPUT, -3, 3);
        ColorRanges ranges = ColorRanges.of(net.snapshot());

        assertArrayEquals(new double[] {1, 2.0, 0.8, 0.8, 4.2, 4.2, 1, 8.2, 1, 1}, ranges.ranges(RangeMode.UNIT), EPS);
        assertArrayEquals(
                new double[] {1, 2.0, 2.0, 2.0, 4.2, 4.2, 1, 8.2, 1, 1}, ranges.ranges(RangeMode.MODULE), EPS);
        assertArrayEquals(
                new double[] {1, 4.2, 4.2, 4.2, 4.2, 4.2, 1, 8.2, 1, 1}, ranges.ranges(RangeMode.GLOBAL), EPS);
        assertSpans(
                List.of(
                        new LegendSpan(1, 1, 2.0),
                        new LegendSpan(2, 3, 0.8),
                        new LegendSpan(4, 5, 4.2),
                        new LegendSpan(7, 7, 8.2)),
                ranges.legends(RangeMode.UNIT));
        assertSpans(
                List.of(new LegendSpan(1, 3, 2.0), new LegendSpan(4, 5, 4.2), new LegendSpan(7, 7, 8.2)),
                ranges.legends(RangeMode.MODULE));
        assertSpans(List.of(new LegendSpan(1, 5, 4.2), new LegendSpan(7, 7, 8.2)), ranges.legends(RangeMode.GLOBAL));
    }

    /** CNN Explainer's 12 overview columns leave out the hidden flatten layer. */
    private static double[] overviewColumns(double[] ranges) {
        double[] columns = new double[ranges.length - 1];
        System.arraycopy(ranges, 0, columns, 0, FLATTEN_INDEX);
        System.arraycopy(ranges, FLATTEN_INDEX + 1, columns, FLATTEN_INDEX, ranges.length - FLATTEN_INDEX - 1);
        return columns;
    }

    private static void assertSpans(List<LegendSpan> expected, List<LegendSpan> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).firstLayer(), actual.get(i).firstLayer(), actual.toString());
            assertEquals(expected.get(i).lastLayer(), actual.get(i).lastLayer(), actual.toString());
            assertEquals(expected.get(i).range(), actual.get(i).range(), EPS, actual.toString());
        }
    }

    /** Builds a description and a snapshot together, each layer's output holding just its min and max. */
    private static final class Network {
        private static final Shape MAP = new Shape(2, 3, 3);
        private static final int CLASSES = 4;

        private final List<LayerDescription> layers = new ArrayList<>();
        private final List<LayerActivation> outputs = new ArrayList<>();

        void map(String name, LayerKind kind, float min, float max) {
            add(name, kind, MAP, min, max);
        }

        void vector(String name, LayerKind kind, float min, float max) {
            add(name, kind, Shape.vector(kind == OUTPUT ? CLASSES : MAP.size()), min, max);
        }

        private void add(String name, LayerKind kind, Shape shape, float min, float max) {
            Shape in =
                    outputs.isEmpty() ? shape : outputs.get(outputs.size() - 1).shape();
            layers.add(LayerDescription.elementwise(name, kind, in, shape, "identity", 0));
            float[] values = new float[shape.size()];
            values[0] = min;
            values[values.length - 1] = max;
            outputs.add(new LayerActivation(shape, values));
        }

        ActivationSnapshot snapshot() {
            List<String> classes = List.of("a", "b", "c", "d");
            NetworkDescription description = new NetworkDescription("fake", classes, layers, Map.of());
            return new ActivationSnapshot(description, outputs, new float[CLASSES], new float[CLASSES]);
        }
    }
}
