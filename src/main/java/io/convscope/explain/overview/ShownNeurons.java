package io.convscope.explain.overview;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which neurons the overview shows and where: a column with more channels than fit shows a window of them (scrolled
 * by the wheel or the keyboard), and an output column with many classes shows the most probable ones, best first.
 * Maps neurons to slots and boxes and back, for drawing, hit testing and the keyboard focus. Pure state and geometry:
 * testable without a screen.
 */
public final class ShownNeurons {

    /** How far left of an output row its edges end (they reach the class name, not the bar). */
    static final double OUTPUT_EDGE_INSET = 4;

    private final List<OverviewColumn> columns;
    private final int[] first;
    private final int[] shown;
    /** Class shown in each output row: the class order itself, or the most probable first when there are many. */
    private int[] outputClass = new int[0];

    public ShownNeurons(List<OverviewColumn> columns) {
        this.columns = List.copyOf(columns);
        first = new int[columns.size()];
        shown = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            if (col.isMap()) {
                shown[c] = Math.min(col.neurons(), OverviewLayout.MAX_VISIBLE);
            } else {
                shown[c] = Math.min(col.neurons(), OverviewLayout.MAX_OUTPUT_ROWS);
                outputClass = IntStream.range(0, shown[c]).toArray();
            }
        }
    }

    public List<OverviewColumn> columns() {
        return columns;
    }

    /** How many neurons (heatmaps or class rows) column {@code c} shows. */
    public int shown(int c) {
        return shown[c];
    }

    /** The first neuron a map column shows (0 until it is scrolled). */
    public int first(int c) {
        return first[c];
    }

    /** Whether the output column shows only some of the classes (the most probable). */
    public boolean outputRanked() {
        return columns.stream().anyMatch(col -> !col.isMap() && col.neurons() > outputClass.length);
    }

    /** Shows the output's most probable classes, best first ({@code ranking}: every class, most probable first). */
    public void rankOutput(int[] ranking) {
        outputClass = Arrays.copyOf(ranking, outputClass.length);
    }

    /** The class shown in output row {@code row}. */
    public int outputClass(int row) {
        return outputClass[row];
    }

    /** The neuron at a shown slot: a channel for map columns, the class of that row for the output. */
    public OverviewNeuron atSlot(int column, int slot) {
        return columns.get(column).isMap()
                ? new OverviewNeuron(column, first[column] + slot)
                : new OverviewNeuron(column, outputClass[slot]);
    }

    /** The slot a neuron is shown in, or -1 when it is not shown (scrolled away, or a class not among the rows). */
    public int slotOf(int column, int neuron) {
        if (columns.get(column).isMap()) {
            int slot = neuron - first[column];
            return slot >= 0 && slot < shown[column] ? slot : -1;
        }
        for (int i = 0; i < outputClass.length; i++) {
            if (outputClass[i] == neuron) {
                return i;
            }
        }
        return -1;
    }

    /** The box of a neuron's heatmap or of a class's row, or null when it is not shown. */
    public OverviewLayout.Box box(OverviewLayout layout, int column, int neuron) {
        int slot = slotOf(column, neuron);
        return slot < 0 ? null : layout.box(column, slot, shown[column]);
    }

    /** Where edges end at a neuron: its heatmap, or a point just left of a class row. Null when it is not shown. */
    public OverviewLayout.Box edgeBox(OverviewLayout layout, int column, int neuron) {
        OverviewLayout.Box b = box(layout, column, neuron);
        return b == null || columns.get(column).isMap()
                ? b
                : new OverviewLayout.Box(b.x() - OUTPUT_EDGE_INSET, b.y(), 0);
    }

    /** Width of what a neuron's box stands for: the heatmap, or the output row's name, bar and value. */
    public double hitWidth(OverviewLayout layout, int column) {
        return columns.get(column).isMap() ? layout.neuronSize() : OverviewLayout.OUTPUT_WIDTH;
    }

    /** The neuron whose heatmap or output row is under a point, or null. */
    public OverviewNeuron neuronAt(OverviewLayout layout, double x, double y) {
        for (int c = 0; c < columns.size(); c++) {
            for (int slot = 0; slot < shown[c]; slot++) {
                OverviewLayout.Box b = layout.box(c, slot, shown[c]);
                if (x >= b.x() && x < b.x() + hitWidth(layout, c) && y >= b.y() && y < b.y() + b.size()) {
                    return atSlot(c, slot);
                }
            }
        }
        return null;
    }

    /** Whether a map column has more channels than it shows, so the wheel scrolls it. */
    public boolean scrolls(int c) {
        return columns.get(c).isMap() && columns.get(c).neurons() > shown[c];
    }

    /**
     * The column whose channels the vertical wheel scrolls at a point: a map column with more channels than it shows,
     * the point over its neurons (between the labels and the legends); -1 when there is none.
     */
    public int scrollingColumnAt(OverviewLayout layout, double x, double y) {
        if (y < OverviewLayout.LABEL_SPACE || y > layout.legendTop()) {
            return -1;
        }
        for (int c = 0; c < columns.size(); c++) {
            if (scrolls(c) && x >= layout.columnX(c) && x < layout.columnX(c) + layout.neuronSize()) {
                return c;
            }
        }
        return -1;
    }

    /** Scrolls a column's channels by {@code step} (clamped); returns whether anything moved. */
    public boolean scroll(int c, int step) {
        int max = columns.get(c).neurons() - shown[c];
        int before = first[c];
        first[c] = Math.max(0, Math.min(max, first[c] + step));
        return first[c] != before;
    }

    /** Scrolls a map column so that neuron {@code n} is shown; returns whether it had to. */
    public boolean reveal(OverviewNeuron n) {
        int c = n.column();
        if (!columns.get(c).isMap() || (n.index() >= first[c] && n.index() < first[c] + shown[c])) {
            return false;
        }
        first[c] = Math.max(0, Math.min(n.index(), columns.get(c).neurons() - shown[c]));
        return true;
    }

    /**
     * The keyboard's next focus from {@code from} (null: the first neuron) moving {@code columns} sideways and
     * {@code rows} down, clamped to what exists; up and down go by rows in the output, which may be ranked.
     */
    public OverviewNeuron step(OverviewNeuron from, int columnStep, int rowStep) {
        OverviewNeuron f = from == null ? new OverviewNeuron(0, 0) : from;
        int row = columns.get(f.column()).isMap() ? f.index() : Math.max(0, slotOf(f.column(), f.index()));
        return inColumn(f.column() + columnStep, rowStep == 0 ? f.index() : row + rowStep);
    }

    /** The neuron at (column, index), both clamped to what exists; for the output, index is a row. */
    private OverviewNeuron inColumn(int column, int index) {
        int c = Math.max(0, Math.min(columns.size() - 1, column));
        if (!columns.get(c).isMap()) {
            return new OverviewNeuron(c, outputClass[Math.max(0, Math.min(outputClass.length - 1, index))]);
        }
        return new OverviewNeuron(c, Math.max(0, Math.min(columns.get(c).neurons() - 1, index)));
    }
}
