package io.convscope.ui.common;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.DoubleToIntFunction;

/**
 * A matrix drawn as coloured cells with their values, for the formula panels. A large map (62 x 62) is never shown
 * as 2-pixel cells: the grid shows a magnified window of at most {@link #MAX_VISIBLE} x {@link #MAX_VISIBLE} cells
 * that follows the highlighted window, so every number stays legible.
 */
public final class MatrixGrid extends Canvas {

    public static final int MAX_VISIBLE = 11;
    static final double MIN_CELL_FOR_TEXT = 22;
    public static final Font CELL_FONT = Font.font(10);
    /** Smallest font a cell's number shrinks to before it loses a decimal. */
    static final double MIN_FONT_SIZE = 8;
    /** Space kept free on each side of a cell's number, so neighbouring numbers never touch. */
    public static final double TEXT_MARGIN = 1.5;

    private float[][] values = new float[0][0];
    private DoubleToIntFunction coloring = v -> 0xFFFFFFFF;
    private int highlightY;
    private int highlightX;
    private int highlightH;
    private int highlightW;
    private int firstRow;
    private int firstCol;
    private BiConsumer<Integer, Integer> onHover = (y, x) -> {};
    /** The exact value of the hovered cell: a cell may print it shortened to fit. */
    private final Tooltip exact = new Tooltip();

    private final Text measure = new Text();

    public MatrixGrid(double size) {
        super(size, size);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::hovered);
        exact.setShowDelay(Duration.millis(300));
        Tooltip.install(this, exact);
    }

    public void setData(float[][] data, DoubleToIntFunction colors) {
        values = data;
        coloring = colors;
        // The view scrolled over the old data may lie outside smaller new data: start again at the top-left cell,
        // with no highlight, until the caller sets one.
        firstRow = 0;
        firstCol = 0;
        highlightH = 0;
        highlightW = 0;
        draw();
    }

    /** Outlines rows {@code y..y+h-1} and columns {@code x..x+w-1} (may reach into padding) and scrolls to them. */
    public void setHighlight(int y, int x, int h, int w) {
        highlightY = y;
        highlightX = x;
        highlightH = h;
        highlightW = w;
        firstRow = follow(y, h, rows());
        firstCol = follow(x, w, cols());
        draw();
    }

    /** Called with (row, column) of the cell under the pointer. */
    public void setOnCellHover(BiConsumer<Integer, Integer> handler) {
        onHover = handler;
    }

    public int rows() {
        return values.length;
    }

    public int cols() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public int visibleRows() {
        return Math.min(rows(), MAX_VISIBLE);
    }

    public int visibleCols() {
        return Math.min(cols(), MAX_VISIBLE);
    }

    public double cellSize() {
        return Math.min(getWidth() / Math.max(1, visibleCols()), getHeight() / Math.max(1, visibleRows()));
    }

    /** First visible index so that the window [start, start+len) is in view, keeping it centred where possible. */
    private static int follow(int start, int length, int total) {
        if (total <= MAX_VISIBLE) {
            return 0;
        }
        int centred = start + length / 2 - MAX_VISIBLE / 2;
        return Math.max(0, Math.min(total - MAX_VISIBLE, centred));
    }

    private void hovered(MouseEvent e) {
        double cell = cellSize();
        int y = firstRow + (int) (e.getY() / cell);
        int x = firstCol + (int) (e.getX() / cell);
        if (y >= 0
                && y < rows()
                && x >= 0
                && x < cols()
                && e.getX() < cell * visibleCols()
                && e.getY() < cell * visibleRows()) {
            exact.setText(format(values[y][x], 4));
            onHover.accept(y, x);
        }
    }

    void draw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        double cell = cellSize();
        g.setFont(CELL_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < visibleRows(); r++) {
            for (int c = 0; c < visibleCols(); c++) {
                float v = values[firstRow + r][firstCol + c];
                int argb = coloring.applyAsInt(v);
                g.setFill(Palette.fx(argb));
                g.fillRect(c * cell, r * cell, cell, cell);
                g.setStroke(Color.gray(0.85));
                g.setLineWidth(0.5);
                g.strokeRect(c * cell, r * cell, cell, cell);
                CellText label = cell >= MIN_CELL_FOR_TEXT ? fitted(v, cell) : null;
                if (label != null) {
                    g.setFill(textOn(argb));
                    g.setFont(label.font());
                    g.fillText(label.text(), c * cell + cell / 2, r * cell + cell / 2);
                }
            }
        }
        if (highlightH > 0) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeRect(
                    (highlightX - firstCol) * cell,
                    (highlightY - firstRow) * cell,
                    highlightW * cell,
                    highlightH * cell);
        }
    }

    /** Two decimals, as CNN Explainer prints them. */
    public static String format(double v) {
        return format(v, 2);
    }

    /** {@code decimals} decimals; a value that rounds to zero prints without its sign. */
    public static String format(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A number as a cell prints it, in the font that makes it fit. */
    public record CellText(String text, Font font) {}

    /**
     * How the value at visible cell (row, column) is printed, or null when the cells are too small for numbers (or
     * the value too long for its cell at any size). Negative values ("-0.31") are wider than the 24-pixel cells of
     * an 11-cell grid at the normal font: the font shrinks down to {@value #MIN_FONT_SIZE} px, then a decimal is
     * dropped. The tooltip always has the exact value.
     */
    public CellText cellText(int row, int column) {
        double cell = cellSize();
        return cell >= MIN_CELL_FOR_TEXT ? fitted(values[firstRow + row][firstCol + column], cell) : null;
    }

    private CellText fitted(double v, double cell) {
        double room = cell - 2 * TEXT_MARGIN;
        for (int decimals = 2; decimals >= 0; decimals--) {
            String text = format(v, decimals);
            for (double size = CELL_FONT.getSize(); size >= MIN_FONT_SIZE; size -= 0.5) {
                Font font = size == CELL_FONT.getSize() ? CELL_FONT : Font.font(CELL_FONT.getFamily(), size);
                if (textWidth(text, font) <= room) {
                    return new CellText(text, font);
                }
            }
        }
        return null;
    }

    /** The width {@code text} takes in {@code font}, as the canvas draws it. */
    public double textWidth(String text, Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    /** White on dark cells, black on light ones. */
    public static Color textOn(int argb) {
        double luminance = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
        return luminance < 140 ? Color.WHITE : Color.BLACK;
    }

    public float value(int y, int x) {
        return values[y][x];
    }
}
