package io.convscope.explain.views;

import io.convscope.explain.GridPosition;

import java.util.List;

/**
 * One position of the element-wise formula panel (spec §2.7): the output cell, the cell each input grid reads there
 * (null where the output is padding), the inputs' values, the output's value, and the equation, e.g.
 * {@code max(0, -0.37) = 0.00} for ReLU or {@code 0.12 + (-0.40) = -0.28} for a residual addition.
 */
public record ElementwiseStep(
        GridPosition cell, List<GridPosition> inputCells, float[] inputs, float output, String formula) {

    /** The first input's value (the only one for all but additions and merges). */
    public float input() {
        return inputs[0];
    }
}
