package io.convscope.ui.attribution.gradcam;

import io.convscope.ui.common.HeatmapView;
import javafx.scene.Cursor;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.function.DoubleToIntFunction;
import java.util.function.IntConsumer;

/**
 * One map of the walkthrough: a crisp {@link HeatmapView} with a thin frame, an outline that marks the cells the
 * pointer is over (here or in a linked map), and the cell under the pointer reported as a row-major index.
 */
final class GradCamMapTile extends Pane {

    private final HeatmapView heatmap = new HeatmapView();
    private final Rectangle marker = new Rectangle();
    /** A white line inside the black one, so the outline shows on dark cells as on light ones. */
    private final Rectangle markerInside = new Rectangle();

    private final int cellsWide;
    private final int cellsHigh;
    private final double side;
    /** The cell last pointed at, where the keyboard starts. */
    private int current;

    /** {@code values} ({@code w x h}, row-major) coloured by {@code colors}, drawn {@code side} pixels wide. */
    GradCamMapTile(float[] values, int w, int h, DoubleToIntFunction colors, double side) {
        this(argb(values, colors), w, h, side);
    }

    /** Pixels given as ARGB (the overlay on the image). */
    GradCamMapTile(int[] argb, int w, int h, double side) {
        this.cellsWide = w;
        this.cellsHigh = h;
        this.side = side;
        heatmap.showPixels(argb, w, h);
        heatmap.size(side, side * h / w);
        Rectangle frame = new Rectangle(0, 0, side, side * h / w);
        frame.setFill(Color.TRANSPARENT);
        frame.setStroke(Color.gray(0.7));
        frame.setStrokeWidth(0.6);
        frame.setMouseTransparent(true);
        marker.setFill(Color.TRANSPARENT);
        marker.setStroke(Color.BLACK);
        marker.setStrokeWidth(1.5);
        marker.setMouseTransparent(true);
        marker.setVisible(false);
        markerInside.setFill(Color.TRANSPARENT);
        markerInside.setStroke(Color.WHITE);
        markerInside.setStrokeWidth(1);
        markerInside.setMouseTransparent(true);
        markerInside.visibleProperty().bind(marker.visibleProperty());
        getChildren().addAll(heatmap, frame, marker, markerInside);
        setPrefSize(side, side * h / w);
        setMinSize(side, side * h / w);
        setMaxSize(side, side * h / w);
        setCursor(Cursor.CROSSHAIR);
    }

    private static int[] argb(float[] values, DoubleToIntFunction colors) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = colors.applyAsInt(values[i]);
        }
        return out;
    }

    /**
     * Reports the cell under the pointer to {@code onCell} and the pointer leaving to {@code onLeave}. The keyboard
     * reaches it too: Tab focuses the tile (its last cell is reported) and the arrow keys move the cell.
     */
    void onHover(IntConsumer onCell, Runnable onLeave) {
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int cell = cellAt(e.getX(), e.getY());
            if (cell >= 0) {
                current = cell;
                onCell.accept(cell);
            }
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> onLeave.run());
        setFocusTraversable(true);
        focusedProperty().addListener((o, was, now) -> {
            if (now) {
                onCell.accept(current);
            } else {
                onLeave.run();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            int row = current / cellsWide;
            int column = current % cellsWide;
            switch (e.getCode()) {
                case UP -> row = Math.max(0, row - 1);
                case DOWN -> row = Math.min(cellsHigh - 1, row + 1);
                case LEFT -> column = Math.max(0, column - 1);
                case RIGHT -> column = Math.min(cellsWide - 1, column + 1);
                default -> {
                    return;
                }
            }
            current = row * cellsWide + column;
            onCell.accept(current);
            e.consume();
        });
    }

    /** The row-major cell at a point in this tile, or -1 outside it. */
    int cellAt(double x, double y) {
        double cell = side / cellsWide;
        int column = (int) Math.floor(x / cell);
        int row = (int) Math.floor(y / cell);
        return row < 0 || column < 0 || row >= cellsHigh || column >= cellsWide ? -1 : row * cellsWide + column;
    }

    /** Outlines rows {@code row..row+rows-1} and columns {@code column..column+columns-1}. */
    void mark(int row, int column, int rows, int columns) {
        double cell = side / cellsWide;
        marker.setX(column * cell);
        marker.setY(row * cell);
        marker.setWidth(Math.max(2, columns * cell));
        marker.setHeight(Math.max(2, rows * cell));
        markerInside.setX(marker.getX() + 1.5);
        markerInside.setY(marker.getY() + 1.5);
        markerInside.setWidth(Math.max(0, marker.getWidth() - 3));
        markerInside.setHeight(Math.max(0, marker.getHeight() - 3));
        marker.setVisible(true);
    }

    void unmark() {
        marker.setVisible(false);
    }

    boolean marked() {
        return marker.isVisible();
    }

    int cellsWide() {
        return cellsWide;
    }

    /** The colour drawn for a cell (tests compare it with the scale). */
    int argbAt(int x, int y) {
        return heatmap.argbAt(x, y);
    }
}
