package io.convscope.explain.views;

import io.convscope.explain.GridPosition;
import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pooling panel's numbers against the reference forward pass: 2×2/2 max, and 3×3/2 max and average with padding. */
class PoolingExplanationTest {

    private static final double EPS = 1e-5;

    static Stream<ActivationSnapshot> networks() {
        return Stream.of(ReferenceNetwork.tinyVgg(23), ReferenceNetwork.strided(29));
    }

    private static List<Integer> poolingLayers(ActivationSnapshot snapshot) {
        return Stream.concat(
                        ReferenceNetwork.layersOf(snapshot, LayerKind.MAX_POOL).stream(),
                        ReferenceNetwork.layersOf(snapshot, LayerKind.AVERAGE_POOL).stream())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyStepShowsItsWindowAndTheSnapshotsResult(ActivationSnapshot snapshot) {
        for (int layer : poolingLayers(snapshot)) {
            LayerDescription d = snapshot.network().layer(layer);
            LayerActivation in = snapshot.layer(layer - 1);
            LayerActivation out = snapshot.layer(layer);
            for (int c = 0; c < out.shape().channels(); c++) {
                PoolingExplanation view = new PoolingExplanation(snapshot, layer, c);
                assertEquals(d.kind() == LayerKind.MAX_POOL, view.isMax());
                assertArrayEquals(in.channel(c), view.input());
                assertArrayEquals(out.channel(c), view.output());
                assertEquals(out.shape().height() * out.shape().width(), view.positions());
                for (int i = 0; i < view.positions(); i++) {
                    GridPosition cell = view.position(i);
                    PoolingStep step = view.step(cell.y(), cell.x());
                    assertEquals(cell, step.output());
                    assertEquals(out.value(c, cell.y(), cell.x()), step.result(), EPS);
                    GridPosition origin = new GridPosition(
                            cell.y() * d.stride().height() - d.padding().top(),
                            cell.x() * d.stride().width() - d.padding().left());
                    assertEquals(origin, step.windowOrigin());
                    float[][] window = step.window();
                    for (int ky = 0; ky < d.kernel().height(); ky++) {
                        for (int kx = 0; kx < d.kernel().width(); kx++) {
                            int iy = origin.y() + ky;
                            int ix = origin.x() + kx;
                            boolean inside = iy >= 0
                                    && iy < in.shape().height()
                                    && ix >= 0
                                    && ix < in.shape().width();
                            assertEquals(inside ? in.value(c, iy, ix) : Float.NaN, window[ky][kx]);
                        }
                    }
                    if (view.isMax()) {
                        GridPosition winner = step.winner().orElseThrow();
                        assertEquals(step.result(), window[winner.y()][winner.x()]);
                    } else {
                        assertEquals(Optional.empty(), step.winner());
                    }
                }
            }
        }
    }

    @Test
    void maxFormulaListsTheWindowRowByRow() {
        ActivationSnapshot snapshot = ReferenceNetwork.input(new Shape(1, 2, 2), 0.12f, 0.5f, 0f, 0.33f)
                .pool("pool", LayerKind.MAX_POOL, new Window(2, 2), new Window(2, 2), Padding.NONE)
                .flatten()
                .output("output", 2);
        PoolingStep step = new PoolingExplanation(snapshot, 1, 0).step(0, 0);
        assertEquals("max(0.12, 0.50, 0.00, 0.33) = 0.50", step.formula());
        assertEquals(new GridPosition(0, 1), step.winner().orElseThrow());
    }

    @Test
    void averageLeavesPaddingOutOfTheFormulaAndTheDivisor() {
        ActivationSnapshot snapshot = ReferenceNetwork.input(new Shape(1, 2, 2), 0.12f, 0.5f, 0f, 0.33f)
                .pool("pool", LayerKind.AVERAGE_POOL, new Window(3, 3), new Window(2, 2), new Padding(1, 1, 1, 1))
                .flatten()
                .output("output", 2);
        PoolingStep step = new PoolingExplanation(snapshot, 1, 0).step(0, 0);
        assertEquals("avg(0.12, 0.50, 0.00, 0.33) = 0.24", step.formula());
        assertEquals(0.2375f, step.result(), EPS);
        float[][] window = step.window();
        assertTrue(Float.isNaN(window[0][0]) && Float.isNaN(window[0][2]) && Float.isNaN(window[2][0]));
        assertFalse(Float.isNaN(window[1][1]));
    }

    @Test
    void hoveringAnInputCellSelectsTheWindowOverIt() {
        ActivationSnapshot tiny = ReferenceNetwork.tinyVgg(2);
        int pool = ReferenceNetwork.layersOf(tiny, LayerKind.MAX_POOL).get(0);
        PoolingExplanation half = new PoolingExplanation(tiny, pool, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(new GridPosition(y / 2, x / 2), half.outputCellFor(y, x), "⌊row/2⌋, ⌊col/2⌋");
            }
        }

        // 3×3, stride 2, padding 1 on 8×8 → 4×4: every input cell lies inside the window it selects.
        ActivationSnapshot strided = ReferenceNetwork.strided(2);
        int padded = ReferenceNetwork.layersOf(strided, LayerKind.MAX_POOL).get(0);
        PoolingExplanation view = new PoolingExplanation(strided, padded, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                GridPosition out = view.outputCellFor(y, x);
                GridPosition origin = view.step(out.y(), out.x()).windowOrigin();
                assertTrue(
                        y >= origin.y() && y < origin.y() + 3 && x >= origin.x() && x < origin.x() + 3,
                        "(" + y + ", " + x + ") → " + out);
            }
        }
        assertEquals(new GridPosition(3, 3), view.outputCellFor(7, 7));
        assertEquals(new GridPosition(0, 1), view.outputCellFor(0, 1));
    }

    @Test
    void refusesLayersThatAreNotPooling() {
        assertThrows(IllegalArgumentException.class, () -> new PoolingExplanation(ReferenceNetwork.tinyVgg(1), 1, 0));
    }
}
