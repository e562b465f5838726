package io.convscope.ui.overview;

import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewEdge;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.overview.OverviewReadout;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.common.ClassNames;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.KeyCode;

import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What the overview points at: the hovered neuron or convolution edge, the keyboard's focused neuron, and the status
 * readout about them ({@link OverviewReadout} words it).
 */
final class OverviewFocus {

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<OverviewNeuron> hovered = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<OverviewNeuron> focused = new SimpleObjectProperty<>();
    private OverviewEdge hoveredEdge;
    private NetworkDescription network;
    private List<OverviewColumn> columns = List.of();
    private OverviewReadout words;

    OverviewFocus(ResourceBundle text) {
        this.text = text;
    }

    /** Where an arrow key moves the focus from {@code from} (null: from the first neuron); null for other keys. */
    static OverviewNeuron arrowTarget(KeyCode key, OverviewNeuron from, ShownNeurons shown) {
        return switch (key) {
            case RIGHT -> shown.step(from, 1, 0);
            case LEFT -> shown.step(from, -1, 0);
            case DOWN -> shown.step(from, 0, 1);
            case UP -> shown.step(from, 0, -1);
            default -> null;
        };
    }

    /** A new network's columns, for the readout's words. */
    void setNetwork(NetworkDescription network, List<OverviewColumn> columns) {
        this.network = network;
        this.columns = columns;
        words = new OverviewReadout(text, network, columns);
    }

    ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<OverviewNeuron> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    ObjectProperty<OverviewNeuron> focusedProperty() {
        return focused;
    }

    OverviewEdge hoveredEdge() {
        return hoveredEdge;
    }

    /** Whose inputs the edges highlight: the hovered neuron, else the focused one (null: none). */
    OverviewNeuron highlighted() {
        return hovered.get() != null ? hovered.get() : focused.get();
    }

    /**
     * Hovers a neuron (null: nothing) and reads it out, at {@code cell} (row, column) of its heatmap when the pointer
     * is on one; returns whether the hovered neuron changed (the edges' highlight moves).
     */
    boolean hover(OverviewNeuron n, int[] cell, ActivationSnapshot snapshot) {
        boolean changed = !Objects.equals(n, hovered.get());
        if (changed) {
            hovered.set(n);
        }
        readout.set(n == null ? "" : describe(n, cell, snapshot));
        return changed;
    }

    /** Sets the hovered edge (null: none); returns whether it changed. */
    boolean setHoveredEdge(OverviewEdge edge) {
        boolean changed = !Objects.equals(edge, hoveredEdge);
        hoveredEdge = edge;
        return changed;
    }

    /** Reads out the kernel the hovered edge carries. */
    void readKernel(OverviewEdge edge) {
        readout.set(words.kernel(edge));
    }

    /** Moves the keyboard focus (null: none), reading the neuron out. */
    void focus(OverviewNeuron n, ActivationSnapshot snapshot) {
        focused.set(n);
        if (n != null) {
            readout.set(describe(n, null, snapshot));
        }
    }

    /** The value under the pointer (cell null: none, as for the keyboard focus), in CNN Explainer's words. */
    private String describe(OverviewNeuron n, int[] cell, ActivationSnapshot snapshot) {
        if (!columns.get(n.column()).isMap()) {
            return words.output(ClassNames.display(text, network.classes().get(n.index())), snapshot, n.index());
        }
        return words.neuron(n, cell, snapshot);
    }
}
