package io.convscope.ui.learn.figures;

import io.convscope.explain.ValueColors;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.explain.attribution.GradCamWalkthroughExample;
import io.convscope.explain.attribution.GradCamWalkthroughFormulas;
import io.convscope.ui.common.MatrixGrid;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.function.DoubleToIntFunction;

/**
 * The article's worked Grad-CAM ({@link GradCamWalkthroughExample}): per channel its map, its gradient, alpha_k and
 * the weighted map, then their sum and the ReLU, every cell with its number, computed by the same walkthrough the
 * Grad-CAM view uses.
 */
final class GradCamExampleFigure {

    static final double CELL = 26;

    private GradCamExampleFigure() {}

    static Node draw(FigureContext context) {
        GradCamWalkthrough w = GradCamWalkthroughExample.twoMaps();
        var text = context.text();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setAlignment(Pos.CENTER);
        grid.addRow(
                0,
                header(text.getString("learn.gradcam.channel")),
                header("A\u2096"),
                header("\u2202y/\u2202A\u2096"),
                header("\u03b1\u2096"),
                header("\u03b1\u2096 \u00b7 A\u2096"));
        double mapRange = 8;
        double gradientRange = 2;
        double logitRange = 8;
        for (int k = 0; k < w.channels(); k++) {
            grid.addRow(
                    k + 1,
                    header(Integer.toString(k)),
                    matrix(w.activation(k), v -> ValueColors.activation(v, mapRange)),
                    matrix(w.gradient(k), v -> ValueColors.activation(v, gradientRange)),
                    header(GradCamWalkthroughFormulas.number(w.alpha(k))),
                    matrix(w.weighted(k), v -> ValueColors.activation(v, logitRange)));
        }
        GridPane result = new GridPane();
        result.setHgap(14);
        result.setVgap(6);
        result.setAlignment(Pos.CENTER);
        result.addRow(0, header("S = \u03a3\u2096 \u03b1\u2096 \u00b7 A\u2096"), header("ReLU(S)"));
        result.addRow(
                1,
                matrix(w.sumMap(), v -> ValueColors.activation(v, logitRange)),
                matrix(w.map(), v -> ValueColors.activation(v, logitRange)));
        VBox figure = new VBox(10, grid, result, context.caption(text.getString("learn.gradcam.caption")));
        figure.setAlignment(Pos.CENTER);
        figure.setId("figure-gradcam-example");
        return figure;
    }

    private static Label header(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("article-caption");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static MatrixGrid matrix(float[] values, DoubleToIntFunction colors) {
        MatrixGrid m = new MatrixGrid(2 * CELL);
        m.setData(new float[][] {{values[0], values[1]}, {values[2], values[3]}}, colors);
        return m;
    }
}
