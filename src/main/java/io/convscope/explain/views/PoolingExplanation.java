package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the pooling panel (spec §2.7) shows for one channel of a max or average pooling layer: the map it reads,
 * the map it produces, and each output cell's window. Results are recomputed from the window, padding cells
 * excluded (from the maximum and from the mean's divisor), so the panel's equation holds by construction.
 */
public final class PoolingExplanation {

    private final int layer;
    private final int channel;
    private final boolean max;
    private final SlidingWindow window;
    private final float[][] input;
    private final float[][] output;

    /** @param layer index of a {@link LayerKind#MAX_POOL} or {@link LayerKind#AVERAGE_POOL} layer */
    public PoolingExplanation(ActivationSnapshot snapshot, int layer, int channel) {
        LayerDescription description = snapshot.network().layer(layer);
        if (!description.kind().isPooling()) {
            throw new IllegalArgumentException(description.name() + " is not a pooling layer");
        }
        Objects.checkIndex(channel, description.outputShape().channels());
        this.layer = layer;
        this.channel = channel;
        this.max = description.kind() == LayerKind.MAX_POOL;
        this.window = new SlidingWindow(description);
        this.input = snapshot.layer(snapshot.network().inputOf(layer)).channel(channel);
        this.output = snapshot.layer(layer).channel(channel);
    }

    public int layer() {
        return layer;
    }

    public int channel() {
        return channel;
    }

    /** True for max pooling, false for average pooling. */
    public boolean isMax() {
        return max;
    }

    public float[][] input() {
        return Formulas.copy(input);
    }

    /** The map as the network computed it. */
    public float[][] output() {
        return Formulas.copy(output);
    }

    /** The panel at output cell (y, x). */
    public PoolingStep step(int y, int x) {
        GridPosition origin = window.origin(y, x);
        float[][] values = new float[window.kernelHeight()][window.kernelWidth()];
        List<String> terms = new ArrayList<>();
        GridPosition winner = null;
        float best = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (int ky = 0; ky < values.length; ky++) {
            int iy = origin.y() + ky;
            for (int kx = 0; kx < values[ky].length; kx++) {
                int ix = origin.x() + kx;
                if (iy < 0 || iy >= input.length || ix < 0 || ix >= input[iy].length) {
                    values[ky][kx] = Float.NaN;
                    continue;
                }
                float v = input[iy][ix];
                values[ky][kx] = v;
                terms.add(Formulas.twoDecimals(v));
                sum += v;
                if (v > best) {
                    best = v;
                    winner = new GridPosition(ky, kx);
                }
            }
        }
        float result = max ? best : (float) (sum / terms.size());
        String formula = (max ? "max(" : "avg(") + String.join(", ", terms) + ") = " + Formulas.twoDecimals(result);
        return new PoolingStep(new GridPosition(y, x), origin, values, max ? winner : null, result, formula);
    }

    /** Output cells the panel animates through, one per 250 ms. */
    public int positions() {
        return window.positions();
    }

    /** The {@code index}-th output cell in row-major order. */
    public GridPosition position(int index) {
        return window.position(index);
    }

    /** The output cell that hovering input cell (y, x) jumps to. */
    public GridPosition outputCellFor(int inputY, int inputX) {
        return window.outputFor(inputY, inputX);
    }
}
