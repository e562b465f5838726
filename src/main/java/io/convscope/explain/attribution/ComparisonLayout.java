package io.convscope.explain.attribution;

/**
 * How {@code count} square maps share a {@code width x height} area when methods are compared: the number of
 * columns that gives the largest tiles (each tile a map with its caption below), at most {@link #MAX_SIDE}.
 *
 * @param columns tiles per row
 * @param rows    rows of tiles
 * @param side    each map's side in pixels (a whole number, so its cells stay crisp)
 */
public record ComparisonLayout(int columns, int rows, double side) {

    public static final double MAX_SIDE = 320;
    public static final double MIN_SIDE = 48;

    /** {@code caption} is the height each tile keeps under its map for the method's name. */
    public static ComparisonLayout of(int count, double width, double height, double gap, double caption) {
        if (count <= 0) {
            return new ComparisonLayout(0, 0, 0);
        }
        ComparisonLayout best = null;
        for (int columns = 1; columns <= count; columns++) {
            int rows = (count + columns - 1) / columns;
            double byWidth = (width - gap * (columns - 1)) / columns;
            double byHeight = (height - gap * (rows - 1)) / rows - caption;
            double side = Math.floor(Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.min(byWidth, byHeight))));
            if (best == null || side >= best.side) { // on a tie, more columns: fewer rows to scroll
                best = new ComparisonLayout(columns, rows, side);
            }
        }
        return best;
    }

    /** The tile's left edge, for tile {@code index} in reading order. */
    public double x(int index, double gap) {
        return (index % columns) * (side + gap);
    }

    /** The tile's top edge. */
    public double y(int index, double gap, double caption) {
        return (index / columns) * (side + caption + gap);
    }
}
