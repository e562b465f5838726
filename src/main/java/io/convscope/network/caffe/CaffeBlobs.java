package io.convscope.network.caffe;

import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.ArchitectureNode.Port;
import io.convscope.network.graph.TensorShape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of a Caffe import so far, in file order, and which output last wrote each blob name. Caffe wires layers by
 * blob name, not by layer: a bottom reads the latest top of that name, so in-place layers (top == bottom) chain up.
 * Kept apart from the importer so the wiring rule lives in one place.
 */
final class CaffeBlobs {
    private final List<ArchitectureNode> nodes = new ArrayList<>();
    /** blob name → the latest output that wrote it */
    private final Map<String, Port> writers = new HashMap<>();

    private final Map<String, TensorShape> shapes = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, int[]> repeats = new HashMap<>();

    /** A node id for a layer called {@code name}: a repeated name gets "#2", "#3"..., skipping ids already taken. */
    String uniqueId(String name) {
        String id = name;
        while (!ids.add(id)) {
            id = name + "#" + (++repeats.computeIfAbsent(name, n -> new int[] {1})[0]);
        }
        return id;
    }

    /** Adds a node whose id came from {@link #uniqueId}; its outputs become the writers of {@code tops}, in order. */
    void add(ArchitectureNode node, List<String> tops) {
        nodes.add(node);
        List<TensorShape> outs = node.outputShapes();
        for (int i = 0; i < tops.size() && i < outs.size(); i++) {
            writers.put(tops.get(i), new Port(node.id(), i));
            shapes.put(node.id() + "#" + i, outs.get(i));
        }
    }

    /** The output that last wrote {@code blob}, or null when nothing has. */
    Port writer(String blob) {
        return writers.get(blob);
    }

    TensorShape shape(Port port) {
        return shapes.get(port.node() + "#" + port.output());
    }

    List<ArchitectureNode> nodes() {
        return nodes;
    }

    /** Values of all outputs for one image, exactly. */
    static long values(List<TensorShape> outs) {
        long sum = 0;
        for (TensorShape s : outs) {
            sum = CaffeValues.sum("activation values", sum, s.totalElements());
        }
        return sum;
    }
}
