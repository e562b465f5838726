package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.Styles;
import io.convscope.ui.common.MatrixGrid;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.function.DoubleToIntFunction;
import java.util.function.IntConsumer;

/**
 * The walkthrough's formula panel: what the pointer last pointed at, in words; the numbers of its map around the cell
 * in a {@link MatrixGrid} (hover a number for its exact value, or to move the formula there); and the formula with
 * the real values. It keeps the last formula when the pointer leaves a map, so the pointer can reach the numbers.
 */
final class GradCamFormulaPane extends VBox {

    static final double GRID_SIZE = 242;
    static final double WIDTH = 330;
    /**
     * A fixed height, room for the longest formula (an upsampled pixel's, six lines): a pane that grew with its text
     * made the whole view rescale under the pointer.
     */
    static final double HEIGHT = 490;

    private final Label caption = new Label();
    private final MatrixGrid grid = new MatrixGrid(GRID_SIZE);
    private final Label formula = new Label();
    private final Label scaled = new Label();
    private final String scaledFormat;
    private IntConsumer onGridCell = cell -> {};

    /** {@code scaledFormat} says by what power of ten the grid's numbers are multiplied (its argument). */
    GradCamFormulaPane(String hint, String scaledFormat) {
        super(8);
        getStyleClass().add("formula-panel");
        setPadding(new Insets(12));
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        caption.setId("gradcam-caption");
        caption.setWrapText(true);
        caption.getStyleClass().add(Styles.TEXT_BOLD);
        caption.setText(hint);
        grid.setId("gradcam-grid");
        grid.setVisible(false);
        grid.setOnCellHover((y, x) -> onGridCell.accept(y * grid.cols() + x));
        formula.setId("gradcam-formula");
        formula.setWrapText(true);
        formula.setStyle("-fx-font-family: monospace; -fx-font-size: 12.5px;");
        formula.setMinHeight(Label.USE_PREF_SIZE);
        this.scaledFormat = scaledFormat;
        scaled.setId("gradcam-grid-scale");
        scaled.setWrapText(true);
        scaled.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        scaled.setManaged(false);
        scaled.setVisible(false);
        getChildren().addAll(caption, grid, scaled, formula);
    }

    /**
     * Shows {@code words} over the map {@code values} ({@code w} wide), outlining rows {@code row..row+rows-1} and
     * columns {@code column..}, and {@code text}; a hover on the grid's cell i calls {@code onCell} with i.
     */
    void show(
            String words,
            float[] values,
            int w,
            DoubleToIntFunction colors,
            int row,
            int column,
            int rows,
            int columns,
            String text,
            IntConsumer onCell) {
        caption.setText(words);
        long factor = factor(values);
        float[][] data = new float[values.length / w][w];
        for (int i = 0; i < values.length; i++) {
            data[i / w][i % w] = values[i] * factor;
        }
        grid.setData(data, v -> colors.applyAsInt(v / factor));
        scaled.setText(String.format(scaledFormat, String.format("%,d", factor)));
        scaled.setVisible(factor > 1);
        scaled.setManaged(factor > 1);
        grid.setHighlight(row, column, rows, columns);
        grid.setVisible(true);
        formula.setText(text);
        onGridCell = onCell;
    }

    /**
     * The power of ten that brings the largest magnitude of {@code values} to at least 1 (1 when it is 1 or more, or
     * all are 0): the grid prints two decimals, which would show a map of gradients near 0.003 as rows of "0.00".
     */
    static long factor(float[] values) {
        double largest = 0;
        for (float v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest == 0 || largest >= 1) {
            return 1;
        }
        int exponent = (int) Math.ceil(-Math.log10(largest));
        return (long) Math.pow(10, Math.min(exponent, 12));
    }

    String formulaText() {
        return formula.getText();
    }

    String captionText() {
        return caption.getText();
    }

    MatrixGrid grid() {
        return grid;
    }
}
