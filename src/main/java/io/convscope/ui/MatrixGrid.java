package io.convscope.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.DoubleToIntFunction;

/**
 * A matrix drawn as coloured cells with their values, for the formula panels. A large map (62 x 62) is never shown
 * as 2-pixel cells: the grid shows a magnified window of at most {@link #MAX_VISIBLE} x {@link #MAX_VISIBLE} cells
 * that follows the highlighted window, so every number stays legible.
 */
final class MatrixGrid extends Canvas {

    static final int MAX_VISIBLE = 11;
    static final double MIN_CELL_FOR_TEXT = 22;
    static final Font CELL_FONT = Font.font(10);

    private float[][] values = new float[0][0];
    private DoubleToIntFunction coloring = v -> 0xFFFFFFFF;
    private int highlightY;
    private int highlightX;
    private int highlightH;
    private int highlightW;
    private int firstRow;
    private int firstCol;
    private BiConsumer<Integer, Integer> onHover = (y, x) -> { };

    MatrixGrid(double size) {
        super(size, size);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::hovered);
    }

    void setData(float[][] data, DoubleToIntFunction colors) {
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
    void setHighlight(int y, int x, int h, int w) {
        highlightY = y;
        highlightX = x;
        highlightH = h;
        highlightW = w;
        firstRow = follow(y, h, rows());
        firstCol = follow(x, w, cols());
        draw();
    }

    /** Called with (row, column) of the cell under the pointer. */
    void setOnCellHover(BiConsumer<Integer, Integer> handler) {
        onHover = handler;
    }

    int rows() {
        return values.length;
    }

    int cols() {
        return values.length == 0 ? 0 : values[0].length;
    }

    int visibleRows() {
        return Math.min(rows(), MAX_VISIBLE);
    }

    int visibleCols() {
        return Math.min(cols(), MAX_VISIBLE);
    }

    double cellSize() {
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
        if (y >= 0 && y < rows() && x >= 0 && x < cols() && e.getX() < cell * visibleCols() && e.getY() < cell * visibleRows()) {
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
                if (cell >= MIN_CELL_FOR_TEXT) {
                    g.setFill(textOn(argb));
                    g.fillText(format(v), c * cell + cell / 2, r * cell + cell / 2);
                }
            }
        }
        if (highlightH > 0) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeRect((highlightX - firstCol) * cell, (highlightY - firstRow) * cell, highlightW * cell, highlightH * cell);
        }
    }

    /** Two decimals, as CNN Explainer prints them. */
    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** White on dark cells, black on light ones. */
    static Color textOn(int argb) {
        double luminance = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
        return luminance < 140 ? Color.WHITE : Color.BLACK;
    }

    float value(int y, int x) {
        return values[y][x];
    }
}
