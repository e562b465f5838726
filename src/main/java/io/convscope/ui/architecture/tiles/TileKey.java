package io.convscope.ui.architecture.tiles;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitectureFrame.Viewport;
import io.convscope.ui.architecture.paint.ArchitecturePainter;

import java.util.List;

/**
 * Everything an architecture tile's pixels depend on besides the highlight; the layout by identity (a new one is a
 * change).
 */
record TileKey(GraphLayout layout, double scale, double phaseX, double phaseY, boolean dark, double ratio) {

    /**
     * Two sub-pixel phases closer than this (in device pixels) are the same: panning by whole pixels keeps the phase
     * but for floating-point rounding. Tiles are painted at the exact phase of the first frame, so they match a direct
     * drawing pixel for pixel (rounding the phase, even to 1/64 px, moved glyphs to another sub-pixel position).
     */
    static final double SAME_PHASE = 1e-6;

    /** The key of the tiles {@code grid} needs for {@code frame}. */
    static TileKey of(ArchitectureFrame frame, TileGrid grid) {
        return new TileKey(frame.layout(), grid.scale(), grid.phaseX(), grid.phaseY(), frame.dark(), grid.ratio());
    }

    boolean same(TileKey o) {
        return o != null
                && layout == o.layout
                && scale == o.scale
                && Math.abs(phaseX - o.phaseX) < SAME_PHASE
                && Math.abs(phaseY - o.phaseY) < SAME_PHASE
                && dark == o.dark
                && ratio == o.ratio;
    }

    /** Device pixels per layout unit. */
    double deviceScale() {
        return scale * ratio;
    }

    /**
     * The frame that puts device pixel ({@code x}, {@code y}) of the drawing these tiles come from at the corner of a
     * {@code w × h} area (view pixels): a batch of tiles, or a patch over them, painted exactly as the tiles are.
     */
    ArchitectureFrame frame(
            List<EdgeLabels.Label> labels,
            ArchitecturePainter.Highlight highlight,
            long x,
            long y,
            double w,
            double h) {
        return new ArchitectureFrame(
                layout, labels, dark, highlight, new Viewport(scale, (phaseX - x) / ratio, (phaseY - y) / ratio, w, h));
    }
}
