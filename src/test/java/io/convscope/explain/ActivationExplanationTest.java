package io.convscope.explain;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ReLU panel's numbers against the reference forward pass. */
class ActivationExplanationTest {

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
                ActivationExplanation view = new ActivationExplanation(snapshot, layer, c);
                assertEquals("relu", view.function());
                assertArrayEquals(in.channel(c), view.input());
                assertArrayEquals(out.channel(c), view.output());
                assertEquals(out.shape().height() * out.shape().width(), view.positions());
                for (int i = 0; i < view.positions(); i++) {
                    GridPosition cell = view.position(i);
                    assertEquals(new GridPosition(i / out.shape().width(), i % out.shape().width()), cell);
                    ActivationStep step = view.step(cell.y(), cell.x());
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
                .relu("relu").flatten().output("output", 2);
        ActivationExplanation view = new ActivationExplanation(snapshot, 1, 0);
        assertEquals("max(0, -0.37) = 0.00", view.step(0, 0).formula());
        assertEquals("max(0, 1.23) = 1.23", view.step(0, 1).formula());
        assertEquals("max(0, 0.00) = 0.00", view.step(0, 2).formula(), "no negative zero");
    }

    @Test
    void refusesLayersThatAreNotActivations() {
        ActivationSnapshot snapshot = ReferenceNetwork.tinyVgg(1);
        assertThrows(IllegalArgumentException.class, () -> new ActivationExplanation(snapshot, 1, 0));
    }
}
