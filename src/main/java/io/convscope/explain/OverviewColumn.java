package io.convscope.explain;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of the overview: a layer whose neurons are drawn. The flatten layer and hidden dense layers are not
 * columns (as in CNN Explainer: the output column connects straight to the last map layer).
 *
 * @param layerIndex index into {@link NetworkDescription#layers()} and the snapshot
 * @param kind       what the column shows
 * @param neurons    how many neurons (channels, or classes for the output)
 */
public record OverviewColumn(int layerIndex, Kind kind, int neurons, LayerDescription layer) {

    /** How a column is drawn and connected. */
    public enum Kind {
        /** The image's channels, drawn in greys. */
        INPUT,
        /** A convolution: every neuron connects to every neuron of the previous column. */
        CONVOLUTION,
        /** Activation, pooling, padding or normalisation: neuron i connects to neuron i of the previous column. */
        ELEMENTWISE,
        /** A hidden dense layer (VGG's fc6, fc7): one square per unit, each reading every unit before it. */
        DENSE,
        /** The classes, with probability bars; each connects to every neuron of the last map column. */
        OUTPUT
    }

    /** The columns of a network's overview, left to right. */
    public static List<OverviewColumn> of(NetworkDescription network) {
        List<OverviewColumn> columns = new ArrayList<>();
        List<LayerDescription> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerDescription l = layers.get(i);
            boolean last = i == layers.size() - 1;
            if (last) {
                columns.add(new OverviewColumn(i, Kind.OUTPUT, network.classes().size(), l));
            } else if (l.kind() == LayerKind.DENSE) {
                columns.add(new OverviewColumn(i, Kind.DENSE, l.outputShape().size(), l));
            } else if (!l.outputShape().isVector()) {
                Kind kind = switch (l.kind()) {
                    case INPUT -> Kind.INPUT;
                    case CONVOLUTION -> Kind.CONVOLUTION;
                    default -> Kind.ELEMENTWISE;
                };
                columns.add(new OverviewColumn(i, kind, l.outputShape().channels(), l));
            }
        }
        return List.copyOf(columns);
    }

    /** True when this column's neurons each read all neurons of the previous column. */
    public boolean fullyConnected() {
        return kind == Kind.CONVOLUTION || kind == Kind.DENSE || kind == Kind.OUTPUT;
    }

    public boolean isMap() {
        return kind != Kind.OUTPUT;
    }

    /** CNN Explainer's short name when details are off ("conv", "relu", "max_pool", "input", "output"). */
    public String genericName() {
        if (layer.kind() == LayerKind.ACTIVATION) {
            return layer.activation();
        }
        return layer.kind().genericName();
    }
}
