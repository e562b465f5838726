package io.convscope.ui.train;

import io.convscope.explain.training.StepNumbers;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.BiConsumer;
import java.util.function.DoubleToIntFunction;

/**
 * A kernel drawn as coloured cells with their values to four significant digits (a gradient of 0.0003 stays
 * readable beside a weight of 0.2), one cell outlined; hovering a cell reports it.
 */
final class KernelGrid extends Canvas {

    static final Font FONT = Font.font(10);

    private final Palette palette;
    private float[][] values = new float[0][0];
    private DoubleToIntFunction colours = v -> 0xFFFFFFFF;
    private int hoverY = -1;
    private int hoverX = -1;
    private BiConsumer<Integer, Integer> onHover = (y, x) -> {};

    KernelGrid(double side, Palette palette) {
        super(side, side);
        this.palette = palette;
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell != null) {
                onHover.accept(cell[0], cell[1]);
            }
        });
    }

    void setData(float[][] data, DoubleToIntFunction colouring) {
        values = data;
        colours = colouring;
        draw();
    }

    void setOnCellHover(BiConsumer<Integer, Integer> handler) {
        onHover = handler;
    }

    void highlight(int y, int x) {
        hoverY = y;
        hoverX = x;
        draw();
    }

    double cellSize() {
        int n = Math.max(1, Math.max(values.length, values.length == 0 ? 0 : values[0].length));
        return Math.floor(Math.min(getWidth(), getHeight()) / n);
    }

    /** The cell (row, column) under a point, or null. */
    int[] cellAt(double x, double y) {
        double cell = cellSize();
        int row = (int) Math.floor(y / cell);
        int column = (int) Math.floor(x / cell);
        return values.length == 0 || row < 0 || column < 0 || row >= values.length || column >= values[0].length
                ? null
                : new int[] {row, column};
    }

    void draw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        double cell = cellSize();
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                int argb = colours.applyAsInt(values[r][c]);
                g.setFill(Palette.fx(argb));
                g.fillRect(c * cell, r * cell, cell, cell);
                g.setStroke(palette.edge());
                g.setLineWidth(0.5);
                g.strokeRect(c * cell, r * cell, cell, cell);
                g.setFill(MatrixGrid.textOn(argb));
                g.fillText(StepNumbers.format(values[r][c]), (c + 0.5) * cell, (r + 0.5) * cell, cell - 4);
            }
        }
        if (hoverY >= 0 && hoverY < values.length && hoverX >= 0 && hoverX < values[0].length) {
            g.setStroke(palette.accent());
            g.setLineWidth(2.5);
            g.strokeRect(hoverX * cell + 1.25, hoverY * cell + 1.25, cell - 2.5, cell - 2.5);
        }
    }
}
