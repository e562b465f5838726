package io.convscope.ui.architecture.paint;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;

import java.util.List;

/**
 * One picture of the architecture graph: what it shows (the layout, its edge labels, the theme and the highlight) and
 * where ({@link Viewport}). The painter, the tiles and the patches all need every one of these, so they travel
 * together rather than as ten loose arguments that are easy to pass in the wrong order.
 *
 * @param layout     the graph laid out, or null for an empty view (only the background is drawn)
 * @param edgeLabels the output shapes written on the edges, {@link EdgeLabels#of} the layout
 */
public record ArchitectureFrame(
        GraphLayout layout,
        List<EdgeLabels.Label> edgeLabels,
        boolean dark,
        ArchitecturePainter.Highlight highlight,
        Viewport viewport) {

    /**
     * Which part of the graph lands on an area: the graph drawn at {@code scale}, translated by ({@code tx},
     * {@code ty}) pixels, onto a {@code w × h} area; pixels of the view, not of the device.
     */
    public record Viewport(double scale, double tx, double ty, double w, double h) {}

    /** The same picture with another highlight. */
    ArchitectureFrame with(ArchitecturePainter.Highlight other) {
        return new ArchitectureFrame(layout, edgeLabels, dark, other, viewport);
    }

    /** The same picture seen through another viewport (a tile, a patch, a piece of the export). */
    public ArchitectureFrame at(Viewport other) {
        return new ArchitectureFrame(layout, edgeLabels, dark, highlight, other);
    }
}
