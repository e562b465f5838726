package io.convscope.explain.overview;

/**
 * The part of the overview that is rendered: what the scroll pane shows plus {@link OverviewLayout#VIEW_MARGIN} on
 * each side. A wide network (Inception-ResNet v1 is about 20,000 px wide) draws heatmaps, edges and labels only here.
 *
 * @param left  leftmost rendered x of the pane
 * @param right rightmost rendered x of the pane
 */
public record OverviewViewport(double left, double right) {

    /**
     * The rendered part for a scroll position {@code viewX} showing {@code viewWidth} pixels of a pane
     * {@code paneWidth} wide.
     */
    public static OverviewViewport of(double viewX, double viewWidth, double paneWidth) {
        return new OverviewViewport(
                Math.max(0, viewX - OverviewLayout.VIEW_MARGIN),
                Math.min(paneWidth, viewX + viewWidth + OverviewLayout.VIEW_MARGIN));
    }

    /** Width of the canvases covering it (at least a pixel). */
    public double width() {
        return Math.max(1, right - left);
    }

    /** Whether any of column {@code c} is in the rendered part. */
    public boolean columnVisible(OverviewLayout layout, int c) {
        return layout.columnX(c) + layout.columnWidth(c) >= left && layout.columnX(c) <= right;
    }

    /**
     * Whether the edges into column {@code c} can be on screen: from the leftmost column it reads (a skip connection
     * starts far to the left) to its own right side.
     */
    public boolean edgesVisible(OverviewLayout layout, int c) {
        double from = c == 0
                ? layout.columnX(0)
                : layout.columns().get(c).inputs().stream()
                        .mapToDouble(in -> layout.columnX(in.column()))
                        .min()
                        .orElse(layout.columnX(c));
        return layout.columnX(c) + layout.columnWidth(c) >= left && from <= left + width();
    }
}
