package io.convscope.explain.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each edge's shape label goes ({@code 64×56×56}, Netscope's "C ch · H×W" in our notation), shared by the
 * screen and the SVG. A label sits just right of the middle of the edge's first segment; when a node sends the same
 * shape to several consumers (an Inception module's fan-out), the shape is written once, right under the node, instead
 * of once per branch on top of each other.
 */
public final class EdgeLabels {

    /** Gap between a line and its label. */
    public static final double OFFSET_X = 5;
    /** Baseline below the anchor point, about a third of the label's font size. */
    public static final double BASELINE = 4;

    /** A label, left-aligned at ({@code x}, {@code y}) baseline. */
    public record Label(String text, double x, double y) {}

    private EdgeLabels() {}

    public static List<Label> of(GraphLayout layout) {
        List<Label> labels = new ArrayList<>();
        Set<List<Object>> written = new HashSet<>();
        Map<List<Object>, Integer> fanOut = new HashMap<>();
        for (GraphLayout.Route r : layout.edges()) {
            fanOut.merge(List.of(r.edge().from(), r.edge().shape()), 1, Integer::sum);
        }
        for (GraphLayout.Route r : layout.edges()) {
            List<Object> key = List.of(r.edge().from(), r.edge().shape());
            String text = r.edge().shape().toString();
            if (fanOut.get(key) > 1) {
                if (written.add(key)) {
                    labels.add(new Label(text, r.xs()[0] + OFFSET_X, r.ys()[0] + 3 * BASELINE));
                }
            } else {
                double mx = (r.xs()[0] + r.xs()[1]) / 2;
                double my = (r.ys()[0] + r.ys()[1]) / 2;
                labels.add(new Label(text, mx + OFFSET_X, my + BASELINE));
            }
        }
        return labels;
    }
}
