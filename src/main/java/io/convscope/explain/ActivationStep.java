package io.convscope.explain;

/**
 * One position of the activation formula panel (spec §2.7): the input cell, the output cell's value, and the
 * equation, e.g. {@code max(0, -0.37) = 0.00} for ReLU.
 */
public record ActivationStep(GridPosition cell, float input, float output, String formula) {
}
