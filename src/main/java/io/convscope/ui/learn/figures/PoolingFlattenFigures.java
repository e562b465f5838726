package io.convscope.ui.learn.figures;

import io.convscope.explain.ValueColors;
import io.convscope.explain.views.PoolingPatch;
import io.convscope.network.LayerDescription;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Palette;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** The article's figures of the layers that shrink the maps: a max-pooling patch of this image, the flatten order. */
final class PoolingFlattenFigures {

    static final double POOL_CELL = 40;
    static final int POOL_PATCH = 4;
    static final double FLATTEN_CELL = 17;

    private final FigureContext context;

    PoolingFlattenFigures(FigureContext context) {
        this.context = context;
    }

    /** The 4 x 4 patch of the first pooling layer's input around this image's strongest activation, and its maxima. */
    Node pooling() {
        int pool = context.network().firstIndex(l -> l.kind().isPooling()); // max or average, whichever comes first
        if (pool < 1) {
            return null;
        }
        LayerDescription l = context.network().layer(pool);
        int k = l.kernel().height();
        int s = l.stride().height();
        if (k != l.kernel().width() || k * 2 > POOL_PATCH + 2 || k < 1 || s != k) {
            return null; // the figure is drawn for non-overlapping square windows, like 2 x 2 stride 2
        }
        PoolingPatch patch = PoolingPatch.strongest(context.snapshot().layer(pool - 1), POOL_PATCH);
        float[][] values = patch.values();
        float[][] maxima = patch.maxima(k);
        int out = maxima.length;
        Color[] windowColours = {Color.web("#e15759"), Color.web("#4e79a7"), Color.web("#59a14f"), Color.web("#f28e2b")
        };
        Canvas input = new Canvas(POOL_PATCH * POOL_CELL + 4, POOL_PATCH * POOL_CELL + 4);
        Canvas output = new Canvas(out * POOL_CELL + 4, out * POOL_CELL + 4);
        GraphicsContext gi = input.getGraphicsContext2D();
        GraphicsContext go = output.getGraphicsContext2D();
        for (GraphicsContext g : new GraphicsContext[] {gi, go}) {
            g.setFont(FigureContext.NUMBER_FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
        }
        double r = patch.range() == 0 ? 1 : patch.range();
        for (int y = 0; y < POOL_PATCH; y++) {
            for (int x = 0; x < POOL_PATCH; x++) {
                int argb = ValueColors.activation(values[y][x], r);
                gi.setFill(Palette.fx(argb));
                gi.fillRect(2 + x * POOL_CELL, 2 + y * POOL_CELL, POOL_CELL, POOL_CELL);
                gi.setFill(MatrixGrid.textOn(argb));
                gi.fillText(MatrixGrid.format(values[y][x]), 2 + (x + 0.5) * POOL_CELL, 2 + (y + 0.5) * POOL_CELL);
            }
        }
        for (int oy = 0; oy < out; oy++) {
            for (int ox = 0; ox < out; ox++) {
                float m = maxima[oy][ox];
                Color window = windowColours[(oy * out + ox) % windowColours.length];
                gi.setStroke(window);
                gi.setLineWidth(2.5);
                gi.strokeRect(
                        2 + ox * k * POOL_CELL + 1.5,
                        2 + oy * k * POOL_CELL + 1.5,
                        k * POOL_CELL - 3,
                        k * POOL_CELL - 3);
                int argb = ValueColors.activation(m, r);
                go.setFill(Palette.fx(argb));
                go.fillRect(2 + ox * POOL_CELL, 2 + oy * POOL_CELL, POOL_CELL, POOL_CELL);
                go.setStroke(window);
                go.strokeRect(2 + ox * POOL_CELL + 1.5, 2 + oy * POOL_CELL + 1.5, POOL_CELL - 3, POOL_CELL - 3);
                go.setFill(MatrixGrid.textOn(argb));
                go.fillText(MatrixGrid.format(m), 2 + (ox + 0.5) * POOL_CELL, 2 + (oy + 0.5) * POOL_CELL);
            }
        }
        Label arrow = new Label("\u2192");
        arrow.getStyleClass().add("flatten-plus");
        HBox row = new HBox(16, input, arrow, output);
        row.setAlignment(Pos.CENTER);
        VBox box = new VBox(
                4,
                row,
                context.caption(String.format(
                        context.text().getString("learn.pool.caption"),
                        POOL_PATCH,
                        POOL_PATCH,
                        context.network().layer(pool - 1).name(),
                        patch.channel(),
                        k,
                        k,
                        s)));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** Two 5 x 5 maps whose cells carry their place in the flattened vector, and the 50-value vector itself. */
    Node flatten() {
        int side = 5;
        int maps = 2;
        Color[] tints = {Color.web("#4e79a7"), Color.web("#f28e2b")};
        Canvas grids = new Canvas(maps * (side * FLATTEN_CELL + 14), side * FLATTEN_CELL + 4);
        Canvas vector = new Canvas(25 * FLATTEN_CELL + 4, 2 * FLATTEN_CELL + 8);
        GraphicsContext g = grids.getGraphicsContext2D();
        GraphicsContext v = vector.getGraphicsContext2D();
        for (GraphicsContext gc : new GraphicsContext[] {g, v}) {
            gc.setFont(FigureContext.SMALL_FONT);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.setLineWidth(0.6);
        }
        for (int m = 0; m < maps; m++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int index = m * side * side + y * side + x;
                    Color fill = tints[m].deriveColor(0, 1, 1, 0.25 + 0.6 * (y * side + x) / (side * side));
                    double gx = 2 + m * (side * FLATTEN_CELL + 14) + x * FLATTEN_CELL;
                    double gy = 2 + y * FLATTEN_CELL;
                    cell(g, gx, gy, fill, index);
                    double vx = 2 + (index % 25) * FLATTEN_CELL;
                    double vy = 2 + (index / 25) * (FLATTEN_CELL + 4);
                    cell(v, vx, vy, fill, index);
                }
            }
        }
        Label arrow = new Label("\u2193");
        arrow.getStyleClass().add("flatten-plus");
        VBox box =
                new VBox(4, grids, arrow, vector, context.caption(context.text().getString("learn.flatten.caption")));
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(0, 0, 4, 0));
        return box;
    }

    private void cell(GraphicsContext g, double x, double y, Color fill, int index) {
        g.setFill(fill);
        g.fillRect(x, y, FLATTEN_CELL, FLATTEN_CELL);
        g.setStroke(context.palette().edgeHighlight());
        g.strokeRect(x, y, FLATTEN_CELL, FLATTEN_CELL);
        g.setFill(context.palette().text());
        g.fillText(Integer.toString(index), x + FLATTEN_CELL / 2, y + FLATTEN_CELL / 2);
    }
}
