package io.convscope.explain.overview;

import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the overview's edges run and which one the pointer is on: no screen needed. */
class EdgeRoutesTest {

    private static double bezier(double t, double a, double b, double c, double d) {
        double u = 1 - t;
        return a * u * u * u + 3 * b * u * u * t + 3 * c * u * t * t + d * t * t * t;
    }

    @Test
    void theParameterFoundGivesBackThePointersX() {
        assertEquals(0.5, EdgeRoutes.bezierParameterAt(150, 100, 200), 1e-6);
        for (double px : new double[] {101, 120, 163, 199}) {
            double t = EdgeRoutes.bezierParameterAt(px, 100, 200);
            assertEquals(px, bezier(t, 100, 150, 150, 200), 1e-6);
        }
    }

    @Test
    void anEdgeBetweenNeighboursLeavesTheRightSideAndBendsAtMidX() {
        OverviewLayout.Box from = new OverviewLayout.Box(10, 40, 20);
        OverviewLayout.Box to = new OverviewLayout.Box(90, 100, 20);
        assertEquals(new EdgeRoutes.Curve(30, 50, 60, 50, 60, 110, 90, 110), EdgeRoutes.curve(from, to));
    }

    @Test
    void aSkipConnectionRunsInTheLaneAboveItsSourceRowAndBendsInTheLastGap() {
        List<OverviewColumn> columns =
                OverviewColumn.of(ReferenceNetwork.tinyVgg(5).network());
        OverviewLayout layout = new OverviewLayout(columns, 1400, 700);
        OverviewLayout.Box from = layout.box(1, 2, 5);
        OverviewLayout.Box to = layout.box(4, 2, 5);
        EdgeRoutes.Skip skip = EdgeRoutes.skip(layout, from, to, 4);
        double lane = from.y() - OverviewLayout.MIN_GAP / 2;
        assertEquals(from.right(), skip.rise().x0());
        assertEquals(lane, skip.rise().y1());
        assertEquals(lane, skip.descent().y0());
        assertEquals(
                layout.columnX(3) + layout.columnWidth(3),
                skip.descent().x0(),
                1e-9,
                "the lane ends past the column just before the target");
        assertEquals(to.x(), skip.descent().x1());
        assertEquals(to.centerY(), skip.descent().y1());
    }

    @Test
    void thePointerOnAConvolutionCurveFindsThatEdgeAndOffTheCurvesNone() {
        ActivationSnapshot s = ReferenceNetwork.tinyVgg(5);
        List<OverviewColumn> columns = OverviewColumn.of(s.network());
        ShownNeurons shown = new ShownNeurons(columns);
        OverviewLayout layout = new OverviewLayout(columns, 1400, 700);
        OverviewLayout.Box from = shown.box(layout, 0, 0);
        OverviewLayout.Box to = shown.box(layout, 1, 4);
        EdgeRoutes.Curve c = EdgeRoutes.curve(from, to);
        double t = 0.3;
        double px = bezier(t, c.x0(), c.c1x(), c.c2x(), c.x1());
        double py = bezier(t, c.y0(), c.c1y(), c.c2y(), c.y1());
        assertEquals(new OverviewEdge(1, 0, 4), EdgeRoutes.convolutionEdgeAt(layout, shown, px, py));
        assertNull(EdgeRoutes.convolutionEdgeAt(layout, shown, px, layout.legendTop() + 20), "below every edge");
        assertNull(EdgeRoutes.convolutionEdgeAt(layout, shown, from.x() + 1, from.centerY()), "on a neuron");
        // Between relu_1_1 and conv_1_2 too; between conv_1_1 and relu_1_1 edges carry no kernel.
        OverviewLayout.Box relu = shown.box(layout, 1, 2);
        OverviewLayout.Box elementwise = shown.box(layout, 2, 2);
        assertNull(EdgeRoutes.convolutionEdgeAt(layout, shown, (relu.right() + elementwise.x()) / 2, relu.centerY()));
    }
}
