package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureNode;

/** Where a node of the architecture graph is in a layout, by id: a layer, a collapsed block or an expanded block. */
final class LayoutLookup {

    private LayoutLookup() {}

    /** The id that stands for {@code id} on screen: itself, or its collapsed block. */
    static String visibleId(GraphLayout layout, String id) {
        if (id == null || layout == null) {
            return id;
        }
        VisibleGraph g = layout.graph();
        for (GraphLayout.Box b : layout.nodes()) {
            if (b.node().id().equals(id)) {
                return id;
            }
        }
        for (VisibleGraph.Node n : g.nodes()) {
            for (ArchitectureNode m : n.members()) {
                if (m.id().equals(id)) {
                    return n.id();
                }
            }
        }
        return id; // a block id while the block is expanded: its layers are highlighted together
    }

    /** The bounds {x0, y0, x1, y1} of box {@code id}, or of all layers of an expanded block id; null when none. */
    static double[] bounds(GraphLayout layout, String id) {
        String block = id.startsWith(VisibleGraph.BLOCK_ID_PREFIX)
                ? id.substring(VisibleGraph.BLOCK_ID_PREFIX.length())
                : null;
        double[] r = null;
        for (GraphLayout.Box b : layout.nodes()) {
            boolean hit = b.node().id().equals(id)
                    || block != null
                            && !b.node().collapsedBlock()
                            && b.node().block().equals(block);
            if (hit) {
                if (r == null) {
                    r = new double[] {b.x(), b.y(), b.x() + b.width(), b.bottom()};
                } else {
                    r = new double[] {
                        Math.min(r[0], b.x()),
                        Math.min(r[1], b.y()),
                        Math.max(r[2], b.x() + b.width()),
                        Math.max(r[3], b.bottom())
                    };
                }
            }
        }
        return r;
    }
}
