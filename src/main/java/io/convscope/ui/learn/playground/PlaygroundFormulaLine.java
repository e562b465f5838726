package io.convscope.ui.learn.playground;

import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.explain.article.PlaygroundFormula;
import io.convscope.ui.common.Palette;
import io.convscope.ui.learn.LatexFormula;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

import java.util.ResourceBundle;

/**
 * The playground's output-size formula, typeset with the current numbers, and the sentence under it saying whether
 * every row and column is covered (where CNN Explainer refuses, why the output is rounded down).
 */
final class PlaygroundFormulaLine {

    static final double FORMULA_SIZE = 16;

    private final ResourceBundle text;
    private final Palette palette;
    private final StackPane formula = new StackPane();
    private final Label coverage = new Label();
    private HyperparameterPlayground model = HyperparameterPlayground.DEFAULT;

    PlaygroundFormulaLine(ResourceBundle text, Palette palette) {
        this.text = text;
        this.palette = palette;
        formula.setId("playground-formula");
        formula.setMinHeight(44);
        coverage.setId("playground-coverage");
        coverage.setWrapText(true);
        coverage.getStyleClass().add("playground-coverage");
    }

    StackPane formula() {
        return formula;
    }

    Label coverage() {
        return coverage;
    }

    void show(HyperparameterPlayground next) {
        model = next;
        typeset();
        coverage.setText(coverageSentence());
        coverage.getStyleClass().remove("playground-coverage-warning");
        if (model.coverage() != HyperparameterPlayground.Coverage.FULL) {
            coverage.getStyleClass().add("playground-coverage-warning");
        }
    }

    /** The typeset formula is an image in the theme's ink: typeset it again when the theme changes. */
    void typeset() {
        formula.getChildren().setAll(LatexFormula.view(latex(), FORMULA_SIZE, palette.text()));
    }

    String latex() {
        return PlaygroundFormula.latex(model);
    }

    String coverageSentence() {
        int n = model.input();
        int p = model.padding();
        int k = model.kernel();
        int s = model.stride();
        int m = model.outputSize();
        int top = n + 2 * p - k;
        int gapRows = PlaygroundFormula.gapRows(model);
        return switch (model.coverage()) {
            case FULL -> String.format(text.getString("playground.coverage.full"), n, p, k, top, s, m, m);
            case REMAINDER -> String.format(
                    text.getString("playground.coverage.remainder"), n, p, k, top, s, model.remainder(), m, m);
            case GAPS -> String.format(text.getString("playground.coverage.gaps"), s, k, gapRows, m, m);
            case GAPS_AND_REMAINDER -> String.format(text.getString("playground.coverage.gaps"), s, k, gapRows, m, m)
                    + " "
                    + String.format(
                            text.getString("playground.coverage.remainder"), n, p, k, top, s, model.remainder(), m, m);
        };
    }
}
