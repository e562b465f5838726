package io.convscope.ui.architecture;

import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.ArchitectureWindow.Loaded;
import io.convscope.ui.architecture.paint.MeasuredBoxWidths;

import java.util.HashSet;
import java.util.Set;

/**
 * Which repeated blocks of the analyzer's graph are collapsed into one box, and the layout that follows: a few
 * milliseconds even for the largest preset, so it is laid out again on every change (and after a change of language,
 * whose "n layers" make collapsed boxes wider or narrower).
 */
final class BlockFolding {

    private final Set<String> collapsed = new HashSet<>();
    private final MeasuredBoxWidths boxWidths;

    BlockFolding(MeasuredBoxWidths boxWidths) {
        this.boxWidths = boxWidths;
    }

    /** The graph laid out with the blocks collapsed now. */
    Loaded layout(ArchitectureGraph graph) {
        VisibleGraph v = VisibleGraph.of(graph, collapsed);
        return new Loaded(graph, v, LayeredLayout.of(v, boxWidths, LayoutMetrics.DEFAULT));
    }

    /**
     * Double-click on {@code visibleId}: a collapsed block opens, a layer of a block closes that block. Returns the
     * id that takes the clicked box's place (to keep it where it was on screen), or null when nothing changed.
     */
    String toggle(Loaded shown, String visibleId) {
        VisibleGraph.Node n = shown.visible().node(visibleId);
        if (n.collapsedBlock()) {
            collapsed.remove(n.block());
            return n.members().get(0).id();
        }
        if (!n.block().isEmpty()
                && VisibleGraph.collapsibleBlocks(shown.graph()).contains(n.block())) {
            collapsed.add(n.block());
            return VisibleGraph.BLOCK_ID_PREFIX + n.block();
        }
        return null;
    }

    void collapseAll(ArchitectureGraph graph) {
        collapsed.addAll(VisibleGraph.collapsibleBlocks(graph));
    }

    void expandAll() {
        collapsed.clear();
    }
}
