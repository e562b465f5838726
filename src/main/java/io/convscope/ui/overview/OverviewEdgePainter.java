package io.convscope.ui.overview;

import io.convscope.explain.overview.EdgeRoutes;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewEdge;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.overview.OverviewViewport;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.ui.common.Palette;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

import java.util.List;

/**
 * The overview's edges on a canvas covering only the visible part of the network: light for all, dark on top for the
 * hovered (or focused) neuron's inputs with its sources framed, and the hovered convolution edge in the accent colour.
 */
final class OverviewEdgePainter {

    private final Canvas canvas = new Canvas();
    private final Palette palette;

    OverviewEdgePainter(Palette palette) {
        this.palette = palette;
    }

    Canvas canvas() {
        return canvas;
    }

    /** Redraws every visible edge; {@code highlighted} and {@code hoveredEdge} may be null. */
    void draw(OverviewLayout layout, ShownNeurons shown, OverviewNeuron highlighted, OverviewEdge hoveredEdge) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.translate(-canvas.getLayoutX(), 0); // the canvas covers only the visible part of a wide network
        g.setLineWidth(0.7);
        g.setStroke(palette.edge());
        OverviewViewport drawn = new OverviewViewport(canvas.getLayoutX(), canvas.getLayoutX() + canvas.getWidth());
        List<OverviewColumn> columns = shown.columns();
        // All edges as one path, stroked once: a stroke per curve made big networks slow to draw.
        g.beginPath();
        for (int c = 1; c < columns.size(); c++) {
            if (!drawn.edgesVisible(layout, c)) {
                continue;
            }
            for (int slot = 0; slot < shown.shown(c); slot++) {
                addInputs(g, layout, shown, c, shown.atSlot(c, slot).index());
            }
        }
        g.stroke();
        if (highlighted != null && highlighted.column() > 0) {
            g.setLineWidth(1.2);
            g.setStroke(palette.edgeHighlight());
            g.beginPath();
            addInputs(g, layout, shown, highlighted.column(), highlighted.index());
            g.stroke();
            outlineSources(g, layout, shown, highlighted);
        }
        if (hoveredEdge != null) {
            g.setLineWidth(2.5);
            g.setStroke(palette.accent());
            OverviewLayout.Box from = shown.edgeBox(layout, hoveredEdge.column() - 1, hoveredEdge.source());
            OverviewLayout.Box to = shown.edgeBox(layout, hoveredEdge.column(), hoveredEdge.target());
            if (from != null && to != null) {
                g.beginPath();
                add(g, EdgeRoutes.curve(from, to));
                g.stroke();
            }
        }
    }

    /** Adds the edges into a neuron from the visible neurons of every column it reads to the current path. */
    private static void addInputs(
            GraphicsContext g, OverviewLayout layout, ShownNeurons shown, int column, int neuron) {
        OverviewLayout.Box to = shown.edgeBox(layout, column, neuron);
        if (to == null) {
            return;
        }
        OverviewColumn col = shown.columns().get(column);
        for (OverviewColumn.Input in : col.inputs()) {
            int prev = in.column();
            for (int slot = 0; slot < shown.shown(prev); slot++) {
                int source = shown.first(prev) + slot;
                if (!col.reads(in, source, neuron)) {
                    continue;
                }
                OverviewLayout.Box from = shown.edgeBox(layout, prev, source);
                if (prev == column - 1) {
                    add(g, EdgeRoutes.curve(from, to));
                } else {
                    EdgeRoutes.Skip skip = EdgeRoutes.skip(layout, from, to, column);
                    add(g, skip.rise());
                    g.lineTo(skip.descent().x0(), skip.descent().y0());
                    curveTo(g, skip.descent());
                }
            }
        }
    }

    /** Frames the neurons a hovered neuron reads from, so students see where its value comes from. */
    private static void outlineSources(GraphicsContext g, OverviewLayout layout, ShownNeurons shown, OverviewNeuron n) {
        OverviewColumn col = shown.columns().get(n.column());
        double pad = 2;
        g.setLineWidth(1);
        for (OverviewColumn.Input in : col.inputs()) {
            int prev = in.column();
            if (!shown.columns().get(prev).isMap()) {
                continue;
            }
            for (int slot = 0; slot < shown.shown(prev); slot++) {
                int source = shown.first(prev) + slot;
                if (col.reads(in, source, n.index())) {
                    OverviewLayout.Box b = shown.box(layout, prev, source);
                    g.strokeRect(b.x() - pad, b.y() - pad, b.size() + 2 * pad, b.size() + 2 * pad);
                }
            }
        }
    }

    /** Adds one curve to the current path as a new sub-path (the caller strokes). */
    private static void add(GraphicsContext g, EdgeRoutes.Curve c) {
        g.moveTo(c.x0(), c.y0());
        curveTo(g, c);
    }

    private static void curveTo(GraphicsContext g, EdgeRoutes.Curve c) {
        g.bezierCurveTo(c.c1x(), c.c1y(), c.c2x(), c.c2y(), c.x1(), c.y1());
    }
}
