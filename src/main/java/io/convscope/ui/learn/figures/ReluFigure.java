package io.convscope.ui.learn.figures;

import io.convscope.explain.ValueColors;
import io.convscope.explain.article.ReluHistogram;
import io.convscope.network.LayerKind;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Palette;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

import java.util.function.DoubleUnaryOperator;

/** The article's ReLU plot: max(0, x) over this image's values before the first ReLU, with their histogram. */
final class ReluFigure {

    static final double PLOT_WIDTH = 360;
    static final double PLOT_HEIGHT = 190;
    static final int HISTOGRAM_BINS = 40;

    private ReluFigure() {}

    /** The plot, or null when the network has no activation layer after another layer. */
    static Node draw(FigureContext context) {
        int relu = context.first(LayerKind.ACTIVATION);
        if (relu < 1) {
            return null;
        }
        Palette palette = context.palette();
        ReluHistogram histogram = ReluHistogram.of(context.snapshot().layer(relu - 1), HISTOGRAM_BINS);
        double lo = histogram.lo();
        double hi = histogram.hi();
        int[] bins = histogram.bins();
        int most = histogram.most();
        double left = 34;
        double right = PLOT_WIDTH - 10;
        double top = 10;
        double bottom = PLOT_HEIGHT - 26;
        Canvas c = new Canvas(PLOT_WIDTH, PLOT_HEIGHT);
        GraphicsContext g = c.getGraphicsContext2D();
        double yMax = hi;
        DoubleUnaryOperator sx = x -> left + (x - lo) / (hi - lo) * (right - left);
        DoubleUnaryOperator sy = y -> bottom - (y - 0) / yMax * (bottom - top) * 0.9;
        // histogram: how many values fall in each bin, red where ReLU will zero them
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            double x0 = lo + (hi - lo) * b / HISTOGRAM_BINS;
            double x1 = lo + (hi - lo) * (b + 1) / HISTOGRAM_BINS;
            double h = (bottom - top) * 0.6 * bins[b] / most;
            int argb = ValueColors.activation(x1 <= 0 ? -hi * 0.6 : hi * 0.6, 2 * hi);
            g.setFill(Palette.fx(argb).deriveColor(0, 1, 1, 0.55));
            g.fillRect(sx.applyAsDouble(x0) + 0.5, bottom - h, sx.applyAsDouble(x1) - sx.applyAsDouble(x0) - 1, h);
        }
        g.setStroke(palette.edgeHighlight());
        g.setLineWidth(1);
        g.strokeLine(left, bottom, right, bottom);
        double x0 = sx.applyAsDouble(0);
        g.strokeLine(x0, top, x0, bottom);
        g.setStroke(palette.accent());
        g.setLineWidth(2.5);
        g.strokeLine(sx.applyAsDouble(lo), bottom, x0, bottom);
        g.strokeLine(x0, bottom, sx.applyAsDouble(hi), sy.applyAsDouble(hi));
        g.setFill(palette.text());
        g.setFont(FigureContext.NUMBER_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : new double[] {lo, 0, hi}) {
            g.fillText(MatrixGrid.format(t), sx.applyAsDouble(t), bottom + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(MatrixGrid.format(hi), x0 - 4, sy.applyAsDouble(hi));
        Label axis = new Label(context.text().getString("learn.relu.axes"));
        axis.getStyleClass().add("article-caption");
        VBox box = new VBox(
                2,
                c,
                axis,
                context.caption(String.format(
                        context.text().getString("learn.relu.histogram"),
                        context.network().layer(relu - 1).name())));
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
