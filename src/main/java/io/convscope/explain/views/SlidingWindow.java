package io.convscope.explain.views;

import io.convscope.explain.GridPosition;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;

import java.util.Objects;

/**
 * Where a convolution kernel or pooling window lies for each output cell of one layer, and which output cell an
 * input cell belongs to: what the formula panels animate and what hovering their input grid jumps to.
 */
final class SlidingWindow {

    private final Window kernel;
    private final Window stride;
    private final Padding padding;
    private final int outputHeight;
    private final int outputWidth;

    SlidingWindow(LayerDescription layer) {
        this.kernel = layer.kernel();
        this.stride = layer.stride();
        this.padding = layer.padding();
        this.outputHeight = layer.outputShape().height();
        this.outputWidth = layer.outputShape().width();
    }

    int kernelHeight() {
        return kernel.height();
    }

    int kernelWidth() {
        return kernel.width();
    }

    /** Number of output cells, which the 250 ms animation visits in row-major order. */
    int positions() {
        return outputHeight * outputWidth;
    }

    GridPosition position(int index) {
        Objects.checkIndex(index, positions());
        return new GridPosition(index / outputWidth, index % outputWidth);
    }

    /** Input coordinates of the window's top-left cell for output cell (y, x); negative inside the padding. */
    GridPosition origin(int y, int x) {
        Objects.checkIndex(y, outputHeight);
        Objects.checkIndex(x, outputWidth);
        return new GridPosition(y * stride.height() - padding.top(), x * stride.width() - padding.left());
    }

    /**
     * The output cell a hovered input cell selects: CNN Explainer's ⌊row/stride⌋, ⌊col/stride⌋ clamped to the output,
     * shifted by the padding so it is the last window starting at or before that cell.
     */
    GridPosition outputFor(int inputY, int inputX) {
        int y = Math.floorDiv(inputY + padding.top(), stride.height());
        int x = Math.floorDiv(inputX + padding.left(), stride.width());
        return new GridPosition(clamp(y, outputHeight), clamp(x, outputWidth));
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(size - 1, value));
    }
}
