package io.convscope.explain.article;

import io.convscope.explain.GridPosition;
import io.convscope.network.ConvGeometry;

import java.util.ArrayList;
import java.util.List;

/**
 * The hyperparameter playground: a square input, zero padding, a square kernel and a stride, kept within CNN
 * Explainer's limits. Unlike CNN Explainer, a stride that does not divide {@code input + 2 padding - kernel} is not
 * refused (its issue #59): the output size is rounded down, as every framework does, and the rows and columns no
 * window ever covers are reported so the view can show them.
 *
 * @param input   side of the input, 1..{@value #MAX_INPUT}
 * @param padding zeros on each side, 0..kernel-1
 * @param kernel  side of the kernel, padding+1..input+2 padding
 * @param stride  step of the kernel, 1..max(input + 2 padding - kernel + 1, 2)
 */
public record HyperparameterPlayground(int input, int padding, int kernel, int stride) {

    public static final int MAX_INPUT = 7;
    public static final HyperparameterPlayground DEFAULT = new HyperparameterPlayground(5, 0, 2, 1);

    /** Why some padded rows and columns are never under the kernel. */
    public enum Coverage {
        /** Every row and column is used. */
        FULL,
        /** The last window stops short: (input + 2 padding - kernel) is not a multiple of the stride. */
        REMAINDER,
        /** The stride is larger than the kernel, so the kernel jumps over rows and columns between windows. */
        GAPS,
        /** Both of the above. */
        GAPS_AND_REMAINDER
    }

    public HyperparameterPlayground {
        if (input < minInput(padding, kernel)
                || input > MAX_INPUT
                || padding < 0
                || padding > kernel - 1
                || kernel > input + 2 * padding
                || stride < 1
                || stride > maxStride(input, padding, kernel)) {
            throw new IllegalArgumentException("outside the playground's limits: input " + input + ", padding "
                    + padding + ", kernel " + kernel + ", stride " + stride);
        }
    }

    private static int minInput(int padding, int kernel) {
        return Math.max(1, kernel - 2 * padding);
    }

    private static int maxStride(int input, int padding, int kernel) {
        return Math.max(input + 2 * padding - kernel + 1, 2);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ---- the limits of each control, given the other three ----

    public int inputMin() {
        return minInput(padding, kernel);
    }

    public int inputMax() {
        return MAX_INPUT;
    }

    public int paddingMax() {
        return kernel - 1;
    }

    public int kernelMin() {
        return padding + 1;
    }

    public int kernelMax() {
        return input + 2 * padding;
    }

    public int strideMax() {
        return maxStride(input, padding, kernel);
    }

    // ---- changes: the asked value clamped to its limits, the others adjusted to stay legal ----

    public HyperparameterPlayground withInput(int value) {
        int n = clamp(value, 1, MAX_INPUT);
        int k = Math.min(kernel, n + 2 * padding);
        int p = Math.min(padding, k - 1);
        return settle(n, p, k, stride);
    }

    public HyperparameterPlayground withPadding(int value) {
        int p = clamp(value, 0, kernel - 1);
        return settle(input, p, kernel, stride);
    }

    public HyperparameterPlayground withKernel(int value) {
        int k = clamp(value, padding + 1, input + 2 * padding);
        return settle(input, padding, k, stride);
    }

    public HyperparameterPlayground withStride(int value) {
        return settle(input, padding, kernel, clamp(value, 1, maxStride(input, padding, kernel)));
    }

    private static HyperparameterPlayground settle(int n, int p, int k, int s) {
        return new HyperparameterPlayground(n, p, k, clamp(s, 1, maxStride(n, p, k)));
    }

    // ---- what the view draws ----

    /** Side of the input with its padding. */
    public int paddedSize() {
        return input + 2 * padding;
    }

    /** floor((input + 2 padding - kernel) / stride) + 1. */
    public int outputSize() {
        return ConvGeometry.outputSize(input, kernel, stride, padding, 1, ConvGeometry.Mode.TRUNCATE);
    }

    /** What the floor drops: (input + 2 padding - kernel) mod stride; 0 when the stride divides it. */
    public int remainder() {
        return ConvGeometry.remainder(input, kernel, stride, padding, 1);
    }

    /** Positions of the animation: one per output cell, row by row. */
    public int steps() {
        return outputSize() * outputSize();
    }

    /** The output cell of a step. */
    public GridPosition position(int step) {
        int s = Math.floorMod(step, steps());
        return new GridPosition(s / outputSize(), s % outputSize());
    }

    /** Top-left padded-input cell of the window of a step. */
    public GridPosition window(int step) {
        GridPosition p = position(step);
        return new GridPosition(p.y() * stride, p.x() * stride);
    }

    /** The step whose output cell is (y, x). */
    public int stepOf(int y, int x) {
        return clamp(y, 0, outputSize() - 1) * outputSize() + clamp(x, 0, outputSize() - 1);
    }

    /**
     * The step to show when the pointer is over padded-input cell (y, x): the last window that covers it, or the
     * nearest window when no window does (so hovering an uncovered cell still shows why it is left out).
     */
    public int stepCovering(int y, int x) {
        return stepOf(windowIndexFor(y), windowIndexFor(x));
    }

    private int windowIndexFor(int i) {
        int last = Math.min(outputSize() - 1, i / stride);
        return Math.max(0, last);
    }

    /** Whether padded row (or column; the grid is square) {@code i} is a zero of the padding. */
    public boolean isPadding(int i) {
        return i < padding || i >= padding + input;
    }

    /** Whether any window covers padded row (or column) {@code i}. */
    public boolean isCovered(int i) {
        for (int w = 0; w < outputSize(); w++) {
            if (i >= w * stride && i < w * stride + kernel) {
                return true;
            }
        }
        return false;
    }

    /** Padded rows (and columns) no window ever covers, in order. */
    public List<Integer> uncovered() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < paddedSize(); i++) {
            if (!isCovered(i)) {
                out.add(i);
            }
        }
        return out;
    }

    public Coverage coverage() {
        boolean gaps = stride > kernel && outputSize() > 1;
        boolean tail = !isCovered(paddedSize() - 1);
        if (gaps && tail) {
            return Coverage.GAPS_AND_REMAINDER;
        }
        if (gaps) {
            return Coverage.GAPS;
        }
        return tail ? Coverage.REMAINDER : Coverage.FULL;
    }
}
