package io.convscope.ui.learn.figures;

import io.convscope.ui.common.ClassNames;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;

/** The article's softmax table: this image's logits, exp, probabilities, against dividing by the plain sum. */
final class SoftmaxTableFigure {

    private SoftmaxTableFigure() {}

    /** The table, classes ranked by logit; null for a network without classes. */
    static Node draw(FigureContext context) {
        ResourceBundle text = context.text();
        int classes = context.network().classes().size();
        if (classes == 0) {
            return null;
        }
        float[] z = context.snapshot().logits();
        double expSum = 0;
        double plainSum = 0;
        for (float v : z) {
            expSum += Math.exp(v);
            plainSum += v;
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("article-table");
        grid.setHgap(16);
        grid.setVgap(2);
        String[] headers = {
            "learn.softmax.class",
            "learn.softmax.logit",
            "learn.softmax.exp",
            "learn.softmax.probability",
            "learn.softmax.plain"
        };
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(text.getString(headers[c]));
            h.getStyleClass().add("article-table-header");
            grid.add(h, c, 0);
            GridPane.setHalignment(h, c == 0 ? HPos.LEFT : HPos.RIGHT);
        }
        int[] ranking = context.snapshot().ranking();
        for (int r = 0; r < ranking.length; r++) {
            int k = ranking[r];
            String[] cells = {
                ClassNames.display(text, context.network().classes().get(k)),
                String.format("%.2f", z[k]),
                String.format("%.3f", Math.exp(z[k])),
                String.format("%.4f", Math.exp(z[k]) / expSum),
                String.format("%.3f", z[k] / plainSum)
            };
            for (int c = 0; c < cells.length; c++) {
                Label l = new Label(cells[c]);
                l.getStyleClass().add(r == 0 ? "article-table-top" : "article-table-cell");
                if (c == 4 && z[k] / plainSum < 0) {
                    l.getStyleClass().add("article-table-wrong");
                }
                grid.add(l, c, r + 1);
                GridPane.setHalignment(l, c == 0 ? HPos.LEFT : HPos.RIGHT);
            }
        }
        Label sum = new Label(text.getString("learn.softmax.sum"));
        sum.getStyleClass().add("article-table-header");
        grid.add(sum, 0, ranking.length + 1);
        Label[] totals = {
            new Label(String.format("%.2f", plainSum)),
            new Label(String.format("%.3f", expSum)),
            new Label(String.format("%.4f", 1.0)),
            new Label(String.format("%.3f", 1.0))
        };
        for (int c = 0; c < totals.length; c++) {
            totals[c].getStyleClass().add("article-table-header");
            grid.add(totals[c], c + 1, ranking.length + 1);
            GridPane.setHalignment(totals[c], HPos.RIGHT);
        }
        grid.setId("softmax-table");
        VBox box = new VBox(4, grid, context.caption(text.getString("learn.softmax.caption")));
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
