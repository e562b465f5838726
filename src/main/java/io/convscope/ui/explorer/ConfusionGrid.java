package io.convscope.ui.explorer;

import io.convscope.explain.dataset.DatasetReport;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.BiConsumer;

/**
 * The confusion matrix: one cell per (true, predicted) pair with its count, coloured by the share of its row it
 * holds (blue on the diagonal, red off it), rows labelled with the class, columns with its number. Only the cells in
 * view are drawn, on one viewport-sized canvas, so 200 classes (40,000 cells) scroll as lightly as 10; the headers
 * stay in view while scrolling.
 */
public final class ConfusionGrid extends ScrollPane {

    static final double CELL = 42;
    static final double ROW_HEADER = 130;
    static final double COLUMN_HEADER = 28;

    private final Pane content = new Pane();
    private final Canvas canvas = new Canvas();
    private DatasetReport report;
    private boolean dark;
    private int selectedTruth = -1;
    private int selectedPredicted = -1;

    /** @param clicked receives the true and predicted class of a clicked cell */
    public ConfusionGrid(BiConsumer<Integer, Integer> clicked) {
        content.getChildren().add(canvas);
        setContent(content);
        setPannable(false);
        getStyleClass().add("explorer-confusion");
        hvalueProperty().addListener(o -> draw());
        vvalueProperty().addListener(o -> draw());
        viewportBoundsProperty().addListener(o -> draw());
        canvas.setOnMouseClicked(e -> {
            int[] cell = cellAt(e.getX() + canvas.getLayoutX(), e.getY() + canvas.getLayoutY());
            if (cell != null) {
                select(cell[0], cell[1]);
                clicked.accept(cell[0], cell[1]);
            }
        });
    }

    public void show(DatasetReport report) {
        this.report = report;
        selectedTruth = -1;
        int n = report.classes().size();
        content.setPrefSize(ROW_HEADER + n * CELL, COLUMN_HEADER + n * CELL);
        content.setMinSize(ROW_HEADER + n * CELL, COLUMN_HEADER + n * CELL);
        setHvalue(0);
        setVvalue(0);
        draw();
    }

    /** Draws in the dark or light theme's colours from now on, the cells in view at once. */
    public void dark(boolean on) {
        dark = on;
        draw();
    }

    /** The theme it draws in, for tests. */
    boolean isDark() {
        return dark;
    }

    void select(int truth, int predicted) {
        selectedTruth = truth;
        selectedPredicted = predicted;
        draw();
    }

    /** The centre of a cell on the screen, scrolling it into view first (for tests and keyboard users). */
    public Point2D cellCentreOnScreen(int truth, int predicted) {
        double x = ROW_HEADER + predicted * CELL;
        double y = COLUMN_HEADER + truth * CELL;
        Bounds view = getViewportBounds();
        double spareW = content.getWidth() - view.getWidth();
        double spareH = content.getHeight() - view.getHeight();
        if (spareW > 0) {
            setHvalue(Math.max(0, Math.min(1, (x - ROW_HEADER) / spareW)));
        }
        if (spareH > 0) {
            setVvalue(Math.max(0, Math.min(1, (y - COLUMN_HEADER) / spareH)));
        }
        layout();
        draw();
        return content.localToScreen(x + CELL / 2, y + CELL / 2);
    }

    /** The cell under a point of the content, or null over a header or outside the matrix. */
    private int[] cellAt(double x, double y) {
        if (report == null) {
            return null;
        }
        Point2D origin = origin();
        // headers are drawn pinned to the viewport, so a click on them is not a cell
        if (x - origin.getX() < ROW_HEADER || y - origin.getY() < COLUMN_HEADER) {
            return null;
        }
        int column = (int) Math.floor((x - ROW_HEADER) / CELL);
        int row = (int) Math.floor((y - COLUMN_HEADER) / CELL);
        int n = report.classes().size();
        return column < 0 || row < 0 || column >= n || row >= n ? null : new int[] {row, column};
    }

    /** Where the viewport's top-left corner is in the content. */
    private Point2D origin() {
        Bounds view = getViewportBounds();
        double x = Math.max(0, content.getWidth() - view.getWidth()) * getHvalue();
        double y = Math.max(0, content.getHeight() - view.getHeight()) * getVvalue();
        return new Point2D(x, y);
    }

    private void draw() {
        if (report == null) {
            return;
        }
        Bounds view = getViewportBounds();
        Point2D o = origin();
        canvas.setLayoutX(o.getX());
        canvas.setLayoutY(o.getY());
        canvas.setWidth(Math.min(view.getWidth(), content.getPrefWidth()));
        canvas.setHeight(Math.min(view.getHeight(), content.getPrefHeight()));
        GraphicsContext g = canvas.getGraphicsContext2D();
        Color background = dark ? Color.web("#0d1117") : Color.WHITE;
        Color ink = dark ? Color.web("#e6edf3") : Color.web("#1f2328");
        g.setFill(background);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int n = report.classes().size();
        int firstColumn = (int) Math.max(0, Math.floor(o.getX() / CELL));
        int firstRow = (int) Math.max(0, Math.floor(o.getY() / CELL));
        int lastColumn = (int) Math.min(n - 1, Math.ceil((o.getX() + view.getWidth()) / CELL));
        int lastRow = (int) Math.min(n - 1, Math.ceil((o.getY() + view.getHeight()) / CELL));
        g.setFont(Font.font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = firstColumn; c <= lastColumn; c++) {
                double x = ROW_HEADER + c * CELL - o.getX();
                double y = COLUMN_HEADER + r * CELL - o.getY();
                double share = report.rowShare(r, c);
                Color hue = r == c ? Color.web("#2f6fde") : Color.web("#d73a3a");
                g.setFill(background.interpolate(hue, share));
                g.fillRect(x, y, CELL - 1, CELL - 1);
                int count = report.confusion()[r][c];
                if (count > 0) {
                    g.setFill(share > 0.5 ? Color.WHITE : ink);
                    g.fillText(Integer.toString(count), x + CELL / 2, y + CELL / 2);
                }
                if (r == selectedTruth && c == selectedPredicted) {
                    g.setStroke(ink);
                    g.setLineWidth(2);
                    g.strokeRect(x + 1, y + 1, CELL - 3, CELL - 3);
                }
            }
        }
        headers(g, o, background, ink, firstRow, lastRow, firstColumn, lastColumn);
    }

    private void headers(GraphicsContext g, Point2D o, Color background, Color ink, int r0, int r1, int c0, int c1) {
        g.setFill(background);
        g.fillRect(0, 0, canvas.getWidth(), COLUMN_HEADER);
        g.fillRect(0, 0, ROW_HEADER, canvas.getHeight());
        g.setFill(ink);
        g.setTextAlign(TextAlignment.CENTER);
        for (int c = c0; c <= c1; c++) {
            double x = ROW_HEADER + c * CELL - o.getX();
            if (x + CELL > ROW_HEADER) {
                g.fillText(Integer.toString(c), x + CELL / 2, COLUMN_HEADER / 2);
            }
        }
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = r0; r <= r1; r++) {
            double y = COLUMN_HEADER + r * CELL - o.getY();
            if (y + CELL > COLUMN_HEADER) {
                g.fillText(r + "  " + report.classes().get(r), ROW_HEADER - 8, y + CELL / 2, ROW_HEADER - 12);
            }
        }
    }
}
