package io.convscope.explain.views;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.PresetModels;
import io.convscope.explain.GridPosition;
import io.convscope.explain.ReferenceNetwork;
import io.convscope.explain.ShownSum;
import io.convscope.explain.ShownSumTest;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The element-wise panel's numbers against the reference forward pass. */
class ElementwiseExplanationTest {

    private static final double EPS = 1e-5;

    static Stream<ActivationSnapshot> networks() {
        return Stream.of(ReferenceNetwork.tinyVgg(17), ReferenceNetwork.strided(19));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyStepShowsTheInputAndItsRectifiedValue(ActivationSnapshot snapshot) {
        for (int layer : ReferenceNetwork.layersOf(snapshot, LayerKind.ACTIVATION)) {
            LayerActivation in = snapshot.layer(layer - 1);
            LayerActivation out = snapshot.layer(layer);
            for (int c = 0; c < out.shape().channels(); c++) {
                ElementwiseExplanation view = new ElementwiseExplanation(snapshot, layer, c);
                assertEquals("relu", view.function());
                assertArrayEquals(in.channel(c), view.input());
                assertArrayEquals(out.channel(c), view.output());
                assertEquals(out.shape().height() * out.shape().width(), view.positions());
                for (int i = 0; i < view.positions(); i++) {
                    GridPosition cell = view.position(i);
                    assertEquals(
                            new GridPosition(
                                    i / out.shape().width(), i % out.shape().width()),
                            cell);
                    ElementwiseStep step = view.step(cell.y(), cell.x());
                    assertEquals(cell, step.cell());
                    assertEquals(in.value(c, cell.y(), cell.x()), step.input());
                    assertEquals(Math.max(0f, step.input()), step.output(), EPS);
                    assertEquals(out.value(c, cell.y(), cell.x()), step.output(), EPS);
                }
            }
        }
    }

    @Test
    void formulaIsMaxOfZeroAndTheInput() {
        ActivationSnapshot snapshot = ReferenceNetwork.input(new Shape(1, 1, 3), -0.37f, 1.234f, -0.001f)
                .relu("relu")
                .flatten()
                .output("output", 2);
        ElementwiseExplanation view = new ElementwiseExplanation(snapshot, 1, 0);
        assertEquals("max(0, -0.37) = 0.00", view.step(0, 0).formula());
        assertEquals("max(0, 1.23) = 1.23", view.step(0, 1).formula());
        assertEquals("max(0, 0.00) = 0.00", view.step(0, 2).formula(), "no negative zero");
    }

    @Test
    void refusesLayersThatAreNotActivations() {
        ActivationSnapshot snapshot = ReferenceNetwork.tinyVgg(1);
        assertThrows(IllegalArgumentException.class, () -> new ElementwiseExplanation(snapshot, 1, 0));
    }

    /**
     * Additions, batch normalisations (ResNet-50), concatenations (SqueezeNet) and scalings (Inception-ResNet v1):
     * every cell's formula, recomputed from the operands it shows, gives the network's own output.
     */
    @Test
    void graphLayersRecomputeFromTheirOperands() throws Exception {
        for (String id : List.of("resnet50", "squeezenet", "inception-resnet-v1")) {
            var preset = ArchitecturePresets.find(id).orElseThrow();
            var model = PresetModels.load(preset, id, PresetModels.Progress.NONE);
            Shape in = model.description().inputShape();
            float[] x = new float[in.size()];
            Random rng = new Random(3);
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextFloat();
            }
            ActivationSnapshot snapshot = model.compiled().forward(x);
            Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
            var network = snapshot.network();
            for (int layer = 1; layer < network.layers().size() - 1; layer++) {
                LayerKind kind = network.layer(layer).kind();
                if (!ElementwiseExplanation.covers(kind)
                        || network.layer(layer).outputShape().isVector()
                        || !seen.add(kind)) {
                    continue;
                }
                int channels = network.layer(layer).outputShape().channels();
                for (int c : new int[] {0, channels / 2, channels - 1}) {
                    ElementwiseExplanation view = new ElementwiseExplanation(snapshot, layer, c);
                    for (int i = 0; i < view.positions(); i++) {
                        GridPosition p = view.position(i);
                        ElementwiseStep step = view.step(p.y(), p.x());
                        float expected = snapshot.layer(layer).value(c, p.y(), p.x());
                        assertEquals(
                                expected, step.output(), network.layer(layer).name());
                        double recomputed =
                                switch (kind) {
                                    case ADD -> sum(step.inputs());
                                    case BATCH_NORM -> view.scale() * step.input() + view.shift();
                                    case SCALE -> view.scale() * step.input();
                                    case ACTIVATION -> view.function().equals("relu")
                                            ? Math.max(0, step.input())
                                            : expected;
                                    case ZERO_PADDING -> step.inputCells().get(0) == null ? 0 : step.input();
                                    default -> step.input(); // concatenation and upsampling copy
                                };
                        assertEquals(
                                expected,
                                recomputed,
                                1e-4 * Math.max(1, Math.abs(expected)),
                                id + " " + network.layer(layer).name() + " #" + c + " " + p);
                    }
                }
            }
            assertTrue(seen.size() >= 2, id + " " + seen);
            if (id.equals("resnet50")) {
                assertTrue(
                        seen.containsAll(List.of(LayerKind.ADD, LayerKind.BATCH_NORM, LayerKind.ZERO_PADDING)),
                        seen.toString());
            } else if (id.equals("squeezenet")) {
                assertTrue(seen.contains(LayerKind.CONCAT), seen.toString());
            } else {
                assertTrue(seen.containsAll(List.of(LayerKind.SCALE, LayerKind.CONCAT)), seen.toString());
            }
        }
    }

    @Test
    void residualFormulaBracketsNegativeOperands() throws Exception {
        var preset = ArchitecturePresets.find("resnet50").orElseThrow();
        var model = PresetModels.load(preset, "r", new int[] {3, 224, 224}, PresetModels.Progress.NONE);
        float[] x = new float[model.description().inputShape().size()];
        Arrays.fill(x, 0.5f);
        ActivationSnapshot snapshot = model.compiled().forward(x);
        int add = snapshot.network().firstIndex(l -> l.kind() == LayerKind.ADD);
        ElementwiseExplanation view = new ElementwiseExplanation(snapshot, add, 0);
        assertEquals(2, view.sources().size());
        for (int i = 0; i < view.positions(); i++) {
            GridPosition p = view.position(i);
            ElementwiseStep step = view.step(p.y(), p.x());
            // As many decimals as it takes for the printed operands to add up to the printed result.
            ShownSum sum = ShownSum.of(step.output(), 2, 4, step.inputs()[0], step.inputs()[1]);
            String b = sum.terms().get(1);
            assertEquals(
                    sum.terms().get(0) + " + " + (b.startsWith("-") ? "(" + b + ")" : b) + " " + sum.relation() + " "
                            + sum.total(),
                    step.formula());
            if (sum.relation().equals(ShownSum.EQUALS)) {
                ShownSumTest.assertAddsUp(sum);
            }
        }
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
