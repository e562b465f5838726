package io.convscope.explain.overview;

/**
 * How the overview's edges run, and which one is under the pointer. An edge between neighbouring columns is a cubic
 * curve with both control points at the mid-x; a skip connection (ResNet's shortcut, an Inception branch reading the
 * block's input) runs in a lane above its source's row. Pure geometry: testable without a screen.
 */
public final class EdgeRoutes {

    /** Pixels between the pointer and an edge that still count as on it. */
    public static final double EDGE_TOLERANCE = 2.5;

    private EdgeRoutes() {}

    /** A cubic Bezier segment from (x0, y0) through control points (c1x, c1y), (c2x, c2y) to (x1, y1). */
    public record Curve(double x0, double y0, double c1x, double c1y, double c2x, double c2y, double x1, double y1) {}

    /**
     * A skip connection: {@code rise} leaves the source up into the lane, a straight line runs along the lane to the
     * start of {@code descent}, which bends into the target.
     */
    public record Skip(Curve rise, Curve descent) {}

    /** The edge between neighbouring columns: from a neuron's right side to the next one's left side. */
    public static Curve curve(OverviewLayout.Box from, OverviewLayout.Box to) {
        double x0 = from.right();
        double y0 = from.centerY();
        double x1 = to.x();
        double y1 = to.centerY();
        double mid = (x0 + x1) / 2;
        return new Curve(x0, y0, mid, y0, mid, y1, x1, y1);
    }

    /**
     * A skip connection from a column further left: the edge leaves the source, runs along the gap above the
     * source's row, past the columns in between, and bends into the target in the last gap, so it never crosses a
     * heatmap of the same row.
     */
    public static Skip skip(OverviewLayout layout, OverviewLayout.Box from, OverviewLayout.Box to, int targetColumn) {
        double x0 = from.right();
        double y0 = from.centerY();
        double lane = from.y() - OverviewLayout.MIN_GAP / 2;
        double bend = Math.min(layout.neuronSize() / 2, 12);
        double x1 = to.x();
        double turn = Math.max(x0 + 2 * bend, layout.columnX(targetColumn - 1) + layout.columnWidth(targetColumn - 1));
        double mid = (turn + x1) / 2;
        return new Skip(
                new Curve(x0, y0, x0 + bend, y0, x0, lane, x0 + bend, lane),
                new Curve(turn, lane, mid, lane, mid, to.centerY(), x1, to.centerY()));
    }

    /** For x(t) = x0 (1-t)^3 + 3 m (1-t)^2 t + 3 m (1-t) t^2 + x1 t^3 with m the mid-x: the t where x(t) = px. */
    public static double bezierParameterAt(double px, double x0, double x1) {
        double mid = (x0 + x1) / 2;
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 30; i++) {
            double t = (lo + hi) / 2;
            double u = 1 - t;
            double x = x0 * u * u * u + 3 * mid * u * u * t + 3 * mid * u * t * t + x1 * t * t * t;
            if (x < px) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * The convolution edge under the pointer, found on the curves as drawn, or null. Kernels are read off the curves
     * between neighbouring columns; a skip connection's edges run in lanes and carry none.
     */
    public static OverviewEdge convolutionEdgeAt(OverviewLayout layout, ShownNeurons shown, double px, double py) {
        var columns = shown.columns();
        for (int c = 1; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            if (col.kind() != OverviewColumn.Kind.CONVOLUTION || !col.readsPrevious(c)) {
                continue;
            }
            double x0 = layout.columnX(c - 1) + layout.neuronSize();
            double x1 = layout.columnX(c);
            if (px <= x0 || px >= x1) {
                continue;
            }
            double t = bezierParameterAt(px, x0, x1);
            double blend = t * t * (3 - 2 * t); // y weight of the end point on this curve shape
            OverviewEdge best = null;
            double bestDistance = EDGE_TOLERANCE;
            for (int ts = 0; ts < shown.shown(c); ts++) {
                int target = shown.first(c) + ts;
                OverviewLayout.Box to = shown.box(layout, c, target);
                for (int ss = 0; ss < shown.shown(c - 1); ss++) {
                    int source = shown.first(c - 1) + ss;
                    if (!col.reads(col.inputs().get(0), source, target)) {
                        continue; // no edge drawn there (a depthwise neuron reads one channel)
                    }
                    OverviewLayout.Box from = shown.box(layout, c - 1, source);
                    double y = from.centerY() + (to.centerY() - from.centerY()) * blend;
                    if (Math.abs(y - py) < bestDistance) {
                        bestDistance = Math.abs(y - py);
                        best = new OverviewEdge(c, source, target);
                    }
                }
            }
            return best;
        }
        return null;
    }
}
