package io.convscope.explain.graph;

/**
 * Sizes the layered layout works with, in the view's unscaled units (pixels at 100 % zoom). Node widths are estimated
 * from label lengths ({@link #nodeWidth}) so the layout needs no font: the view clips labels that do not fit.
 *
 * @param nodeHeight   height of every box (two lines of text)
 * @param minNodeWidth narrowest box
 * @param maxNodeWidth widest box; longer labels are ellipsized
 * @param charWidth    average advance of one label character
 * @param labelPadding horizontal padding inside a box, both sides together
 * @param nodeGap      horizontal gap between neighbouring boxes
 * @param dummyWidth   the room a long edge takes where it passes a rank
 * @param rankGap      vertical gap between ranks: room for the edge's shape label
 * @param margin       empty border around the whole drawing
 */
public record LayoutMetrics(
        double nodeHeight,
        double minNodeWidth,
        double maxNodeWidth,
        double charWidth,
        double labelPadding,
        double nodeGap,
        double dummyWidth,
        double rankGap,
        double margin) {

    /** The view's metrics: a 12 px bold title over an 11 px type line, and room for a shape label between ranks. */
    public static final LayoutMetrics DEFAULT = new LayoutMetrics(40, 96, 230, 7.0, 24, 22, 12, 34, 28);

    /** A box wide enough for the longer of its two label lines, within the bounds. */
    public double nodeWidth(String title, String subtitle) {
        int chars = Math.max(title.length(), subtitle.length());
        return Math.max(minNodeWidth, Math.min(maxNodeWidth, chars * charWidth + labelPadding));
    }
}
