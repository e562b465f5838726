package io.convscope.explain.overview;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the status readout says about the overview's hovered or focused neuron or edge, in CNN Explainer's words and
 * precision: a pixel's or activation's value and a convolution's bias, a class's probability and logit, the kernel
 * weights an edge carries. Pure text: testable without a screen.
 */
public final class OverviewReadout {

    private final ResourceBundle text;
    private final NetworkDescription network;
    private final List<OverviewColumn> columns;

    /** {@code text}: the app's messages ({@code readout.*} keys); columns: {@link OverviewColumn#of} the network. */
    public OverviewReadout(ResourceBundle text, NetworkDescription network, List<OverviewColumn> columns) {
        this.text = text;
        this.network = network;
        this.columns = List.copyOf(columns);
    }

    /** An output class: its name as shown, probability and logit. */
    public String output(String className, ActivationSnapshot snapshot, int classIndex) {
        return String.format(
                Locale.ROOT,
                text.getString("readout.output"),
                className,
                snapshot.probability(classIndex),
                snapshot.logit(classIndex));
    }

    /**
     * A map neuron: its layer and number, the value at {@code cell} (row, column; null when no cell is pointed at)
     * and, for a convolution, its bias.
     */
    public String neuron(OverviewNeuron n, int[] cell, ActivationSnapshot snapshot) {
        OverviewColumn col = columns.get(n.column());
        StringBuilder s = new StringBuilder(col.layer().name() + " #" + n.index());
        if (cell != null) {
            float value = snapshot.layer(col.layerIndex()).value(n.index(), cell[0], cell[1]);
            String key = col.kind() == OverviewColumn.Kind.INPUT ? "readout.pixel" : "readout.activation";
            s.append("  ").append(String.format(Locale.ROOT, text.getString(key), cell[0], cell[1], value));
        }
        LayerWeights w = network.weights(col.layer().name());
        if (w != null && col.kind() == OverviewColumn.Kind.CONVOLUTION) {
            s.append("  ").append(String.format(Locale.ROOT, text.getString("readout.bias"), w.bias(n.index())));
        }
        return s.toString();
    }

    /** An edge into a convolution neuron: CNN Explainer's "kernel weights: [a, b, c; d, e, f; g, h, i]". */
    public String kernel(OverviewEdge edge) {
        OverviewColumn target = columns.get(edge.column());
        return String.format(
                Locale.ROOT,
                text.getString("readout.kernel"),
                columns.get(edge.column() - 1).layer().name(),
                edge.source(),
                target.layer().name(),
                edge.target(),
                kernelWeights(network.weights(target.layer().name()), edge.target(), edge.source()));
    }

    /** The kernel neuron {@code out} applies to input channel {@code channel}, rows split by ";" (two decimals). */
    static String kernelWeights(LayerWeights w, int out, int channel) {
        StringBuilder k = new StringBuilder("[");
        for (int y = 0; y < w.kernelHeight(); y++) {
            for (int x = 0; x < w.kernelWidth(); x++) {
                k.append(String.format(Locale.ROOT, "%.2f", w.weight(out, w.kernelReading(out, channel), y, x)));
                k.append(x < w.kernelWidth() - 1 ? ", " : y < w.kernelHeight() - 1 ? "; " : "]");
            }
        }
        return k.toString();
    }
}
