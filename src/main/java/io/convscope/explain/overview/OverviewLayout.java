package io.convscope.explain.overview;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every column and neuron of the overview goes, for a given drawing area: CNN Explainer's layout (a long gap
 * before each convolution and the output, a short one elsewhere; neurons spread evenly down each column), with the
 * neuron size adapting to the window instead of a fixed 40 px. Columns with more neurons than fit show a window of
 * {@link #visibleNeurons()} at a time (the view scrolls it). Pure geometry: testable without a screen.
 */
public final class OverviewLayout {

    /** Space for the layer labels above the columns. */
    public static final double LABEL_SPACE = 34;
    /** Space for the colour legends below the columns. */
    public static final double LEGEND_SPACE = 46;

    public static final double SIDE_PADDING = 40;
    /** Width of the output column: class names and probability bars. */
    public static final double OUTPUT_WIDTH = 150;

    public static final double MIN_NEURON = 18;
    public static final double MAX_NEURON = 64;
    public static final double MIN_GAP = 6;
    /** Short and long horizontal gaps, in units of g, as CNN Explainer (1 and 4). */
    static final int SHORT_GAP = 1;

    static final int LONG_GAP = 4;
    /** At most this many neurons per column; more channels scroll (a 512-channel layer stays readable). */
    public static final int MAX_VISIBLE = 10;
    /** At most this many classes in the output column; with more (ImageNet's 1,000) the most probable are shown. */
    public static final int MAX_OUTPUT_ROWS = 10;

    /** Networks with more map columns than this get a minimum width (the view scrolls) instead of tiny neurons. */
    public static final int BIG_NETWORK_COLUMNS = 16;
    /** The neuron size a big network keeps, scrolling sideways if the window is narrower. */
    public static final double READABLE_NEURON = 36;

    /**
     * The narrowest drawing area that still gives every neuron {@link #READABLE_NEURON} pixels, for networks with
     * more than {@link #BIG_NETWORK_COLUMNS} map columns (VGG-16 has 32); 0 for smaller ones, which fit any window.
     */
    public static double minimumWidth(List<OverviewColumn> columns) {
        int mapColumns = (int) columns.stream().filter(OverviewColumn::isMap).count();
        if (mapColumns <= BIG_NETWORK_COLUMNS) {
            return 0;
        }
        int gapUnits = 0;
        for (int i = 1; i < columns.size(); i++) {
            gapUnits += columns.get(i).fullyConnected() ? LONG_GAP : SHORT_GAP;
        }
        return 2 * SIDE_PADDING + OUTPUT_WIDTH + READABLE_NEURON * (mapColumns + gapUnits * 0.5);
    }

    /** Pixels beyond each side of the visible part of a wide overview that are still rendered. */
    public static final double VIEW_MARGIN = 400;

    /** A neuron's square on screen. */
    public record Box(double x, double y, double size) {
        public double centerY() {
            return y + size / 2;
        }

        public double right() {
            return x + size;
        }

        public boolean contains(double px, double py) {
            return px >= x && px < x + size && py >= y && py < y + size;
        }
    }

    private final List<OverviewColumn> columns;
    private final double width;
    private final double height;
    private final double neuron;
    private final int visible;
    private final double[] columnX;

    public OverviewLayout(List<OverviewColumn> columns, double width, double height) {
        this.columns = List.copyOf(columns);
        this.width = width;
        this.height = height;
        int most = columns.stream().mapToInt(OverviewColumn::neurons).max().orElse(1);
        this.visible = Math.min(most, MAX_VISIBLE);
        double usable = Math.max(0, height - LABEL_SPACE - LEGEND_SPACE);
        double byHeight = (usable - (visible + 1) * MIN_GAP) / visible;
        int mapColumns = (int) columns.stream().filter(OverviewColumn::isMap).count();
        int gapUnits = 0;
        for (int i = 1; i < columns.size(); i++) {
            gapUnits += columns.get(i).fullyConnected() ? LONG_GAP : SHORT_GAP;
        }
        double drawable = width - 2 * SIDE_PADDING - OUTPUT_WIDTH;
        // Keep at least a short gap of half a neuron: columns must never touch.
        double byWidth = drawable / (mapColumns + gapUnits * 0.5);
        this.neuron = Math.max(MIN_NEURON, Math.min(MAX_NEURON, Math.min(byHeight, byWidth)));
        double g = gapUnits == 0 ? 0 : Math.max(0, (drawable - mapColumns * neuron) / gapUnits);
        this.columnX = new double[columns.size()];
        double x = SIDE_PADDING;
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                x += columns.get(i - 1).isMap() ? neuron : 0;
                x += (columns.get(i).fullyConnected() ? LONG_GAP : SHORT_GAP) * g;
            }
            columnX[i] = x;
        }
    }

    public List<OverviewColumn> columns() {
        return columns;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** Side of a neuron's heatmap, in pixels. */
    public double neuronSize() {
        return neuron;
    }

    /** How many neurons a column shows at once. */
    public int visibleNeurons() {
        return visible;
    }

    public double columnX(int column) {
        return columnX[column];
    }

    /** Width the column occupies (a neuron, or the output's names and bars). */
    public double columnWidth(int column) {
        return columns.get(column).isMap() ? neuron : OUTPUT_WIDTH;
    }

    public double columnCenterX(int column) {
        return columnX[column] + columnWidth(column) / 2;
    }

    /** Box of the {@code slot}-th visible neuron of a column holding {@code shown} neurons on screen. */
    public Box box(int column, int slot, int shown) {
        double usable = height - LABEL_SPACE - LEGEND_SPACE;
        double v = (usable - neuron * shown) / (shown + 1);
        double y = LABEL_SPACE + neuron * slot + v * (slot + 1);
        return new Box(columnX[column], y, neuron);
    }

    /** Number of neurons of a column on screen at once. */
    public int shown(int column) {
        return Math.min(columns.get(column).neurons(), visible);
    }

    /** Bottom of the lowest neuron row, where legends start. */
    public double legendTop() {
        return height - LEGEND_SPACE + 8;
    }

    /** All boxes of a column for a scroll offset (first visible neuron), as (neuron index, box) pairs. */
    public List<Placed> placed(int column, int firstNeuron) {
        int shown = shown(column);
        List<Placed> out = new ArrayList<>(shown);
        for (int slot = 0; slot < shown; slot++) {
            out.add(new Placed(firstNeuron + slot, box(column, slot, shown)));
        }
        return out;
    }

    /** A neuron and where it is drawn. */
    public record Placed(int neuron, Box box) {}
}
