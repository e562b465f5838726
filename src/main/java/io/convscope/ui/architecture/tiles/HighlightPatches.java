package io.convscope.ui.architecture.tiles;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a highlight change repaints over the architecture tiles: a canvas ("patch") for each box or edge drawn
 * differently under the highlight shown than under the tiles' base. A frame then needs no round trip to the
 * renderer, which painting into the tiles would cost.
 */
final class HighlightPatches {

    /**
     * Patches (each a canvas the renderer draws every frame) cover at most this many device pixels and
     * {@link #MAX_PATCHES} rectangles; a larger difference from the tiles' base is repainted into the tiles.
     */
    static final long PATCH_LIMIT_PX = 1 << 18;

    static final int MAX_PATCHES = 32;

    private final ArchitecturePainter painter;
    private final Pane layer;
    /** Canvases over the tiles showing where the highlight shown differs from the tiles' base. */
    private final List<Canvas> patches = new ArrayList<>();
    /** The patches of the last frame by what they show, for reuse. */
    private Map<String, Canvas> cache = new HashMap<>();

    HighlightPatches(ArchitecturePainter painter, Pane layer) {
        this.painter = painter;
        this.layer = layer;
    }

    List<Canvas> canvases() {
        return patches;
    }

    boolean isEmpty() {
        return patches.isEmpty();
    }

    /** Forgets the patches kept for reuse (a new key: they show another drawing). */
    void forget() {
        cache = new HashMap<>();
    }

    /**
     * Rectangles (device pixels of the tile grid, right and bottom edges excluded) of every box and edge drawn
     * differently under {@code before} and {@code after}.
     */
    static List<long[]> changed(
            TileKey key, ArchitecturePainter.Highlight before, ArchitecturePainter.Highlight after) {
        double s = key.deviceScale();
        // antialiasing reaches a device pixel past a shape; two keep rounding out of the question
        double aa = 2 / s;
        List<double[]> changed = new ArrayList<>();
        for (GraphLayout.Box b : key.layout().nodes()) {
            if (boxLook(b, before) != boxLook(b, after)) {
                double m = ArchitecturePainter.BOX_REACH + aa;
                changed.add(new double[] {b.x() - m, b.y() - m, b.x() + b.width() + m, b.bottom() + m});
            }
        }
        if (!Objects.equals(before.selected(), after.selected())) {
            for (GraphLayout.Route route : key.layout().edges()) {
                if (touches(route, before.selected()) || touches(route, after.selected())) {
                    double m = ArchitecturePainter.EDGE_REACH + aa;
                    changed.add(new double[] {route.minX() - m, route.minY() - m, route.maxX() + m, route.maxY() + m});
                }
            }
        }
        List<long[]> out = new ArrayList<>();
        for (double[] r : changed) {
            out.add(new long[] {
                (long) Math.floor(r[0] * s + key.phaseX()),
                (long) Math.floor(r[1] * s + key.phaseY()),
                (long) Math.ceil(r[2] * s + key.phaseX()),
                (long) Math.ceil(r[3] * s + key.phaseY())
            });
        }
        return out;
    }

    /**
     * Draws anew the patches: the on-screen part of everything drawn differently under {@code shown} than under the
     * tiles' {@code base}. Returns false, drawing nothing, when the patches would exceed {@value #PATCH_LIMIT_PX}
     * pixels or {@value #MAX_PATCHES} rectangles.
     */
    boolean draw(
            TileGrid g,
            TileKey key,
            List<EdgeLabels.Label> edgeLabels,
            ArchitecturePainter.Highlight base,
            ArchitecturePainter.Highlight shown) {
        drop();
        // the view, in device pixels of the grid: a patch never reaches past it, so the view's bounds stay its own
        long screenX0 = -g.originX();
        long screenY0 = -g.originY();
        long screenX1 = g.viewWidth() - g.originX();
        long screenY1 = g.viewHeight() - g.originY();
        List<long[]> parts = new ArrayList<>();
        long area = 0;
        for (long[] r : changed(key, base, shown)) {
            long[] p = {
                Math.max(r[0], screenX0), Math.max(r[1], screenY0), Math.min(r[2], screenX1), Math.min(r[3], screenY1)
            };
            if (p[0] < p[2] && p[1] < p[3]) {
                parts.add(p);
                area += (p[2] - p[0]) * (p[3] - p[1]);
            }
        }
        if (area > PATCH_LIMIT_PX || parts.size() > MAX_PATCHES) {
            return false;
        }
        Map<String, Canvas> drawn = new HashMap<>();
        for (long[] p : parts) {
            String look = look(p, g, key, shown);
            Canvas cv = cache.get(look);
            if (cv == null) {
                cv = new Canvas((p[2] - p[0]) / g.ratio(), (p[3] - p[1]) / g.ratio());
                cv.setLayoutX((p[0] + g.originX()) / g.ratio());
                cv.setLayoutY((p[1] + g.originY()) / g.ratio());
                // the canvas is drawn at the screen's pixel ratio itself: view units here
                painter.paint(
                        cv.getGraphicsContext2D(),
                        key.frame(edgeLabels, shown, p[0], p[1], cv.getWidth(), cv.getHeight()));
            }
            drawn.put(look, cv);
            patches.add(cv);
        }
        cache = drawn;
        return true;
    }

    /**
     * What a patch shows: its place and the look of every box and edge reaching into it. A patch with the same look
     * is kept from the last frame rather than drawn again (a hover next to a selection redraws only the hover).
     */
    private static String look(long[] p, TileGrid g, TileKey key, ArchitecturePainter.Highlight shown) {
        double s = key.deviceScale();
        double x0 = (p[0] - key.phaseX()) / s;
        double y0 = (p[1] - key.phaseY()) / s;
        double x1 = (p[2] - key.phaseX()) / s;
        double y1 = (p[3] - key.phaseY()) / s;
        StringBuilder b = new StringBuilder()
                .append(p[0] + g.originX())
                .append(',')
                .append(p[1] + g.originY())
                .append(',')
                .append(p[2] - p[0])
                .append(',')
                .append(p[3] - p[1]);
        double m = ArchitecturePainter.BOX_REACH;
        for (GraphLayout.Box box : key.layout().nodes()) {
            if (box.x() - m < x1 && box.x() + box.width() + m > x0 && box.y() - m < y1 && box.bottom() + m > y0) {
                b.append('|').append(box.node().id()).append(':').append(boxLook(box, shown));
            }
        }
        double e = ArchitecturePainter.EDGE_REACH;
        List<GraphLayout.Route> routes = key.layout().edges();
        for (int i = 0; i < routes.size(); i++) {
            GraphLayout.Route r = routes.get(i);
            if (touches(r, shown.selected())
                    && r.minX() - e < x1
                    && r.maxX() + e > x0
                    && r.minY() - e < y1
                    && r.maxY() + e > y0) {
                b.append("|e").append(i);
            }
        }
        return b.toString();
    }

    /** Removes the patches; the tiles under them are stale and get repainted before they are shown. */
    void drop() {
        if (patches.isEmpty()) {
            return;
        }
        layer.getChildren().removeAll(patches);
        patches.clear();
    }

    private static boolean touches(GraphLayout.Route r, String selected) {
        return selected != null
                && (selected.equals(r.edge().from()) || selected.equals(r.edge().to()));
    }

    /** What the painter's look of a box depends on in a highlight: selected, a search match, hovered (as bits). */
    static int boxLook(GraphLayout.Box b, ArchitecturePainter.Highlight h) {
        VisibleGraph.Node n = b.node();
        String sel = h.selected();
        boolean selected = n.id().equals(sel)
                || sel != null
                        && sel.startsWith(VisibleGraph.BLOCK_ID_PREFIX)
                        && !n.collapsedBlock()
                        && n.block().equals(sel.substring(VisibleGraph.BLOCK_ID_PREFIX.length()));
        return (selected ? 1 : 0) | (h.matches().contains(n.id()) ? 2 : 0) | (n.id().equals(h.hovered()) ? 4 : 0);
    }
}
