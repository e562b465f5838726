package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Search by name in a laid-out architecture graph: the boxes whose name (or, for a collapsed block, a member's name)
 * contains the query, ignoring case, from top to bottom; the same query again moves to the next match.
 */
public final class GraphSearch {

    private Set<String> matches = Set.of();
    private List<String> order = List.of();
    private int index = -1;
    private String lastQuery = "";

    /** The next match of {@code query} in {@code layout}, or null when none (a blank query clears the search). */
    public String next(GraphLayout layout, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (layout == null || q.isEmpty()) {
            clear();
            return null;
        }
        if (!q.equals(lastQuery)) {
            Set<String> found = new LinkedHashSet<>();
            for (GraphLayout.Box b : sortedTopToBottom(layout)) {
                VisibleGraph.Node n = b.node();
                if (n.title().toLowerCase(Locale.ROOT).contains(q)
                        || n.collapsedBlock()
                                && n.members().stream().anyMatch(m -> m.name()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(q))) {
                    found.add(n.id());
                }
            }
            matches = found;
            order = new ArrayList<>(found);
            index = -1;
            lastQuery = q;
        }
        if (order.isEmpty()) {
            return null;
        }
        index = (index + 1) % order.size();
        return order.get(index);
    }

    public void clear() {
        matches = Set.of();
        order = List.of();
        index = -1;
        lastQuery = "";
    }

    private static List<GraphLayout.Box> sortedTopToBottom(GraphLayout layout) {
        List<GraphLayout.Box> boxes = new ArrayList<>(layout.nodes());
        boxes.sort((a, b) -> a.rank() != b.rank() ? Integer.compare(a.rank(), b.rank()) : Double.compare(a.x(), b.x()));
        return boxes;
    }

    /** The ids of every match, highlighted together. */
    public Set<String> matches() {
        return matches;
    }

    public int count() {
        return order.size();
    }

    /** 1-based position of the current match, 0 when none. */
    public int position() {
        return index + 1;
    }
}
