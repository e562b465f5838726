package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.GraphLayout;

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
}
