package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;

import java.util.Optional;

/**
 * One position of the pooling formula panel (spec §2.7): the window's values, the cell that won (max pooling only)
 * and the result, e.g. {@code max(0.12, 0.50, 0.00, 0.33) = 0.50}.
 */
public final class PoolingStep {

    private final GridPosition output;
    private final GridPosition windowOrigin;
    private final float[][] window;
    private final GridPosition winner;
    private final float result;
    private final String formula;

    PoolingStep(
            GridPosition output,
            GridPosition windowOrigin,
            float[][] window,
            GridPosition winner,
            float result,
            String formula) {
        this.output = output;
        this.windowOrigin = windowOrigin;
        this.window = window;
        this.winner = winner;
        this.result = result;
        this.formula = formula;
    }

    /** The output cell being computed. */
    public GridPosition output() {
        return output;
    }

    /** Input coordinates of the window's top-left cell; negative where the window starts in the padding. */
    public GridPosition windowOrigin() {
        return windowOrigin;
    }

    /** The window's values {@code [ky][kx]}; NaN marks padding, which pooling ignores. */
    public float[][] window() {
        return Formulas.copy(window);
    }

    /** For max pooling, the winning cell within the window ({@code [ky][kx]}, the first in row-major order on ties). */
    public Optional<GridPosition> winner() {
        return Optional.ofNullable(winner);
    }

    public float result() {
        return result;
    }

    /** {@code max(a, b, c, d) = r} or {@code avg(a, b, c, d) = r}, padding left out, two decimals. */
    public String formula() {
        return formula;
    }
}
