package io.convscope.ui.learn.playground;

import io.convscope.explain.GridPosition;
import io.convscope.explain.article.HyperparameterPlayground;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.ResourceBundle;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The playground's sliding diagram: the padded input grid with the kernel window and the cells no window covers
 * (hatched), the output grid with the window's cell, their titles, and the colour key. Hovering either grid asks to
 * jump to the step that covers the cell.
 */
public final class PlaygroundGrids extends FlowPane {

    /** Side of each grid (CNN Explainer: 198 px; a little smaller so both fit side by side in the Learn panel). */
    public static final double GRID = 170;

    static final Color WINDOW = Color.web("#FF2738");
    static final Color CELL = Color.web("#dddddd");
    static final Color PADDING_CELL = Color.web("#aaaaaa");
    static final Color GRID_LINE = Color.web("#555555");
    public static final Color UNCOVERED = Color.web("#7a4df0");

    private final ResourceBundle text;
    private final Canvas inputGrid = new Canvas(GRID, GRID);
    private final Canvas outputGrid = new Canvas(GRID, GRID);
    private final Label inputTitle = new Label();
    private final Label paddedTitle = new Label();
    private final Label outputTitle = new Label();

    /** {@code model} is the current setting; {@code jump} receives the step the pointer asks for. */
    PlaygroundGrids(ResourceBundle text, Supplier<HyperparameterPlayground> model, IntConsumer jump) {
        // A flow, not a row: in a narrow Learn panel the output grid moves under the input instead of overflowing.
        super(24, 12);
        this.text = text;
        paddedTitle.getStyleClass().add("playground-subtitle");
        inputTitle.getStyleClass().add("playground-grid-title");
        outputTitle.getStyleClass().add("playground-grid-title");
        inputGrid.setId("playground-input");
        outputGrid.setId("playground-output");
        VBox inputBox = new VBox(2, inputTitle, paddedTitle, inputGrid);
        VBox outputBox = new VBox(2, outputTitle, new Label(" "), outputGrid);
        inputBox.setAlignment(Pos.TOP_CENTER);
        outputBox.setAlignment(Pos.TOP_CENTER);
        getChildren().addAll(inputBox, outputBox);
        setAlignment(Pos.TOP_CENTER);
        setColumnHalignment(HPos.CENTER);
        inputGrid.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            HyperparameterPlayground m = model.get();
            int n = m.paddedSize();
            int y = (int) Math.min(n - 1, e.getY() / (GRID / n));
            int x = (int) Math.min(n - 1, e.getX() / (GRID / n));
            jump.accept(m.stepCovering(y, x));
        });
        outputGrid.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            HyperparameterPlayground m = model.get();
            int size = m.outputSize();
            jump.accept(m.stepOf((int) (e.getY() / (GRID / size)), (int) (e.getX() / (GRID / size))));
        });
    }

    /** The grids' titles with the setting's sizes. */
    void titles(HyperparameterPlayground model) {
        int n = model.input();
        int padded = model.paddedSize();
        int m = model.outputSize();
        inputTitle.setText(String.format(text.getString("playground.inputGrid"), n, n));
        paddedTitle.setText(String.format(text.getString("playground.paddedGrid"), padded, padded));
        outputTitle.setText(String.format(text.getString("playground.outputGrid"), m, m));
    }

    /** The colour key: padding, input, window, never covered. */
    FlowPane legend() {
        FlowPane row = new FlowPane(14, 4);
        row.setAlignment(Pos.CENTER);
        row.getChildren()
                .addAll(
                        swatch(PADDING_CELL, false, "playground.legend.padding"),
                        swatch(CELL, false, "playground.legend.input"),
                        swatch(WINDOW, false, "playground.legend.window"),
                        swatch(CELL, true, "playground.legend.uncovered"));
        return row;
    }

    private Label swatch(Color fill, boolean hatched, String key) {
        Canvas c = new Canvas(14, 14);
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFill(fill);
        g.fillRect(0, 0, 14, 14);
        if (hatched) {
            hatch(g, 0, 0, 14);
        }
        g.setStroke(GRID_LINE);
        g.strokeRect(0.5, 0.5, 13, 13);
        Label l = new Label(text.getString(key), c);
        l.getStyleClass().add("article-caption");
        return l;
    }

    /** Draws both grids at {@code step}: padding, cells never covered (hatched), the window and its output cell. */
    void draw(HyperparameterPlayground model, int step) {
        int n = model.paddedSize();
        double cell = GRID / n;
        GridPosition w = model.window(step);
        int k = model.kernel();
        GraphicsContext g = inputGrid.getGraphicsContext2D();
        g.clearRect(0, 0, GRID, GRID);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean pad = model.isPadding(y) || model.isPadding(x);
                boolean inWindow = y >= w.y() && y < w.y() + k && x >= w.x() && x < w.x() + k;
                g.setFill(inWindow ? WINDOW.deriveColor(0, 1, 1, 0.75) : pad ? PADDING_CELL : CELL);
                g.fillRect(x * cell, y * cell, cell, cell);
                if (!model.isCovered(y) || !model.isCovered(x)) {
                    hatch(g, x * cell, y * cell, cell);
                }
            }
        }
        grid(g, n, cell);
        g.setStroke(WINDOW);
        g.setLineWidth(3);
        g.strokeRect(w.x() * cell + 1.5, w.y() * cell + 1.5, k * cell - 3, k * cell - 3);

        int m = model.outputSize();
        double outCell = GRID / m;
        GridPosition o = model.position(step);
        GraphicsContext go = outputGrid.getGraphicsContext2D();
        go.clearRect(0, 0, GRID, GRID);
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                boolean current = y == o.y() && x == o.x();
                go.setFill(current ? WINDOW.deriveColor(0, 1, 1, 0.75) : CELL);
                go.fillRect(x * outCell, y * outCell, outCell, outCell);
            }
        }
        grid(go, m, outCell);
    }

    /** Diagonal purple lines: this cell is never under the kernel. */
    private static void hatch(GraphicsContext g, double x, double y, double size) {
        g.save();
        g.beginPath();
        g.rect(x, y, size, size);
        g.clip();
        g.setStroke(UNCOVERED);
        g.setLineWidth(1.5);
        double step = Math.max(5, size / 4);
        for (double d = -size; d < size; d += step) {
            g.strokeLine(x + d, y + size, x + d + size, y);
        }
        g.restore();
    }

    private static void grid(GraphicsContext g, int n, double cell) {
        g.setStroke(GRID_LINE);
        g.setLineWidth(1);
        for (int i = 0; i <= n; i++) {
            double v = Math.min(GRID - 0.5, i * cell + 0.5);
            g.strokeLine(v, 0, v, GRID);
            g.strokeLine(0, v, GRID, v);
        }
    }

    /** The pixels of a grid as drawn, ARGB, row by row, {@value #GRID} wide. */
    int[] pixels(boolean input) {
        Canvas c = input ? inputGrid : outputGrid;
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        var image = c.snapshot(p, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }
}
