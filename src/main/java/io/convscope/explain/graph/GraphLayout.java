package io.convscope.explain.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A laid-out {@link VisibleGraph}: a box per node, a polyline per edge, top to bottom. Coordinates are unscaled view
 * units with the origin at the drawing's top-left corner.
 *
 * @param graph  what was laid out
 * @param nodes  boxes in the visible graph's order
 * @param edges  routes in the visible graph's order
 * @param width  extent of the drawing, margins included
 * @param height extent of the drawing, margins included
 * @param ranks  number of ranks (rows)
 */
public record GraphLayout(
        VisibleGraph graph, List<Box> nodes, List<Route> edges, double width, double height, int ranks) {

    /** A node's box; {@code x}, {@code y} is its top-left corner. */
    public record Box(VisibleGraph.Node node, int rank, double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }

        public double bottom() {
            return y + height;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }
    }

    /**
     * An edge's route from the bottom of its source box to the top of its target box, through one point pair per
     * rank it passes (so long edges run vertically past the boxes they skip).
     */
    public record Route(VisibleGraph.Edge edge, double[] xs, double[] ys) {
        public double minX() {
            double m = Double.MAX_VALUE;
            for (double v : xs) {
                m = Math.min(m, v);
            }
            return m;
        }

        public double maxX() {
            double m = -Double.MAX_VALUE;
            for (double v : xs) {
                m = Math.max(m, v);
            }
            return m;
        }

        public double minY() {
            return ys[0];
        }

        public double maxY() {
            return ys[ys.length - 1];
        }
    }

    public GraphLayout {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Boxes by visible node id. */
    public Map<String, Box> boxesById() {
        Map<String, Box> m = new HashMap<>();
        nodes.forEach(b -> m.put(b.node().id(), b));
        return m;
    }

    public Box box(String id) {
        for (Box b : nodes) {
            if (b.node().id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no box " + id);
    }

    /** The topmost box containing the point, or null. */
    public Box boxAt(double x, double y) {
        for (Box b : nodes) {
            if (b.contains(x, y)) {
                return b;
            }
        }
        return null;
    }
}
