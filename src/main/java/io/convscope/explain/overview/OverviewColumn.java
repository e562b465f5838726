package io.convscope.explain.overview;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One column of the overview: a layer whose neurons are drawn. The flatten layer and hidden dense layers are not
 * columns (as in CNN Explainer: the output column connects straight to the last map layer). A network whose output
 * is a map (U-Net's mask, YOLO's detection grid) has no class column: its last column is that map.
 *
 * @param layerIndex index into {@link NetworkDescription#layers()} and the snapshot
 * @param kind       what the column shows
 * @param neurons    how many neurons (channels, or classes for the output)
 * @param inputs     the columns it reads (in a chain, the one before it; a residual addition reads two, one of them
 *                   far to the left), in the order the layer combines them
 * @param groups     a convolution's channel groups: 1 when each neuron reads every input channel, the input channel
 *                   count for a depthwise convolution (each neuron reads one); 1 for other kinds
 */
public record OverviewColumn(
        int layerIndex, Kind kind, int neurons, LayerDescription layer, List<Input> inputs, int groups) {

    /**
     * A column this one reads, and where that column's neurons land: a concatenation stacks its inputs' channels, so
     * neuron i of its second input is neuron {@code offset + i} of the concatenation; for all others offset is 0.
     */
    public record Input(int column, int offset) {}

    public OverviewColumn {
        inputs = List.copyOf(inputs);
    }

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

    /**
     * The columns of a network's overview, left to right in the network's order (for a graph, an order where every
     * layer comes after what it reads). A layer that is not drawn (flatten, global pooling to a vector) passes its
     * inputs on: the output column of Tiny VGG reads the last pooling column through flatten.
     */
    public static List<OverviewColumn> of(NetworkDescription network) {
        List<OverviewColumn> columns = new ArrayList<>();
        List<LayerDescription> layers = network.layers();
        int[] columnOf = new int[layers.size()];
        Arrays.fill(columnOf, -1);
        for (int i = 0; i < layers.size(); i++) {
            LayerDescription l = layers.get(i);
            boolean last = i == layers.size() - 1;
            Kind kind;
            int neurons;
            if (last && network.predictsClasses()) {
                kind = Kind.OUTPUT;
                neurons = network.classes().size();
            } else if (l.kind() == LayerKind.DENSE) {
                kind = Kind.DENSE;
                neurons = l.outputShape().size();
            } else if (!l.outputShape().isVector()) {
                kind = switch (l.kind()) {
                    case INPUT -> Kind.INPUT;
                    case CONVOLUTION -> Kind.CONVOLUTION;
                    default -> Kind.ELEMENTWISE;
                };
                neurons = l.outputShape().channels();
            } else {
                continue;
            }
            columnOf[i] = columns.size();
            var w = kind == Kind.CONVOLUTION ? network.weights(l.name()) : null;
            columns.add(new OverviewColumn(
                    i, kind, neurons, l, inputsOf(network, i, columnOf), w == null ? 1 : w.groups()));
        }
        return List.copyOf(columns);
    }

    private static List<Input> inputsOf(NetworkDescription network, int layer, int[] columnOf) {
        List<Input> inputs = new ArrayList<>();
        boolean concat = network.layer(layer).kind() == LayerKind.CONCAT;
        int offset = 0;
        for (int from : network.inputsOf(layer)) {
            for (int column : drawnAncestors(network, from, columnOf)) {
                if (inputs.stream().noneMatch(in -> in.column() == column)) {
                    inputs.add(new Input(column, concat ? offset : 0));
                }
            }
            offset += network.layer(from).outputShape().channels();
        }
        return inputs;
    }

    /** The nearest drawn layers at or before {@code layer}, following inputs through layers without a column. */
    private static List<Integer> drawnAncestors(NetworkDescription network, int layer, int[] columnOf) {
        if (columnOf[layer] >= 0) {
            return List.of(columnOf[layer]);
        }
        List<Integer> found = new ArrayList<>();
        for (int from : network.inputsOf(layer)) {
            for (int c : drawnAncestors(network, from, columnOf)) {
                if (!found.contains(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /** The column neuron {@code neuron} of input {@code input} feeds, or -1 when a concatenation puts it elsewhere. */
    public int targetOf(Input input, int neuron) {
        return fullyConnected() ? -1 : input.offset() + neuron;
    }

    /**
     * Whether neuron {@code source} of input {@code input} feeds neuron {@code neuron} of this column: every source
     * in a fully connected column, the sources of its group in a depthwise convolution, the same channel otherwise.
     */
    public boolean reads(Input input, int source, int neuron) {
        if (groups > 1) {
            return source / (layer.inputShape().channels() / groups) == neuron / (neurons / groups);
        }
        if (layer.kind() == LayerKind.SPACE_TO_DEPTH) {
            return source == layer.sourceChannel(neuron); // each output channel copies one input channel
        }
        return fullyConnected() || targetOf(input, source) == neuron;
    }

    /** True when this column reads only the column just before it (every column of a chain). */
    public boolean readsPrevious(int myIndex) {
        return inputs.size() == 1 && inputs.get(0).column() == myIndex - 1;
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
