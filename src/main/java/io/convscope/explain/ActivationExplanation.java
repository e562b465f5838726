package io.convscope.explain;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;

import java.util.Objects;

/**
 * What the activation panel (spec §2.7) shows for one channel of an element-wise activation layer: the map it reads,
 * the map it produces, and the function at each cell. Outputs are the network's own values, so the panel agrees
 * with the overview heatmap whatever the function; ReLU is written {@code max(0, x)} as in CNN Explainer, other
 * functions by name, e.g. {@code tanh(0.50) = 0.46}.
 */
public final class ActivationExplanation {

    private final int layer;
    private final int channel;
    private final String function;
    private final float[][] input;
    private final float[][] output;

    /** @param layer index of a {@link LayerKind#ACTIVATION} layer; it reads the output of layer {@code layer - 1} */
    public ActivationExplanation(ActivationSnapshot snapshot, int layer, int channel) {
        LayerDescription description = snapshot.network().layer(layer);
        if (description.kind() != LayerKind.ACTIVATION) {
            throw new IllegalArgumentException(description.name() + " is not an activation layer");
        }
        Objects.checkIndex(channel, description.outputShape().channels());
        this.layer = layer;
        this.channel = channel;
        this.function = description.activation();
        this.input = snapshot.layer(layer - 1).channel(channel);
        this.output = snapshot.layer(layer).channel(channel);
    }

    public int layer() {
        return layer;
    }

    public int channel() {
        return channel;
    }

    /** The function's name as the layer describes it ("relu", "tanh", ...). */
    public String function() {
        return function;
    }

    public float[][] input() {
        return Formulas.copy(input);
    }

    public float[][] output() {
        return Formulas.copy(output);
    }

    /** The panel at cell (y, x); input and output grids have the same size. */
    public ActivationStep step(int y, int x) {
        float in = input[y][x];
        float out = output[y][x];
        String argument = Formulas.twoDecimals(in);
        String applied = function.equals("relu") ? "max(0, " + argument + ")" : function + "(" + argument + ")";
        return new ActivationStep(new GridPosition(y, x), in, out, applied + " = " + Formulas.twoDecimals(out));
    }

    /** Cells the panel animates through, one per 250 ms. */
    public int positions() {
        return output.length * output[0].length;
    }

    /** The {@code index}-th cell in row-major order. */
    public GridPosition position(int index) {
        Objects.checkIndex(index, positions());
        return new GridPosition(index / output[0].length, index % output[0].length);
    }
}
