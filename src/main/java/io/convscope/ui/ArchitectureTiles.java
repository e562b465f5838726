package io.convscope.ui;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritablePixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture graph at the current zoom cut into square images, so that panning moves images instead of
 * drawing the graph again: with the software renderer (no GPU) copying an image is several times cheaper than
 * drawing its boxes, edges and labels. A tile is painted by the same {@link ArchitecturePainter} as the direct
 * drawing, on the same device-pixel grid (the tiles keep the sub-pixel phase of the translation), so the picture is
 * the same either way. Tiles are thrown away when what they show changes: zoom, theme, layout (a block opened or
 * closed), pixel ratio; a highlight change (selection, hover, search) repaints only the tiles under the boxes and edges
 * whose look changed. Not thread-safe: JavaFX thread only.
 */
final class ArchitectureTiles {

    /** Side of a tile in device pixels: small enough that a highlight change repaints little, big enough that a
     * 1440 x 900 view takes few images. */
    static final int TILE_PX = 256;
    /** Missing tiles on screen that one frame paints itself; with more (after a zoom) the frame is drawn directly. */
    static final int BUILD_PER_FRAME = 8;
    /**
     * Rows (or columns) of tiles painted ahead of a pan, together, once the next one is missing: every painting costs
     * a round trip to the renderer, so painting two at once halves how many frames pay it (panning 24 px a frame,
     * one frame in 21).
     */
    static final int PREFETCH_DEPTH = 2;
    /**
     * A highlight change repaints the rectangles of what changed (on screen) into the tiles, up to this many device
     * pixels and {@link #MAX_PATCHES} rectangles; a larger change repaints whole tiles, or the frame directly.
     */
    static final long REPAINT_LIMIT_PX = 1 << 20;
    static final int MAX_PATCHES = 64;
    /** Tiles kept; past this the least recently shown go (256 KB of pixels each, twice with the renderer's copy). */
    static final int MAX_TILES = 96;
    /**
     * Two sub-pixel phases closer than this (in device pixels) are the same: panning by whole pixels keeps the phase
     * but for floating-point rounding. Tiles are painted at the exact phase of the first frame, so they match a direct
     * drawing pixel for pixel (rounding the phase, even to 1/64 px, moved glyphs to another sub-pixel position).
     */
    static final double SAME_PHASE = 1e-6;

    /** Everything a tile's pixels depend on besides the highlight; the layout by identity (a new one is a change). */
    private record Key(GraphLayout layout, double scale, double phaseX, double phaseY, boolean dark, double ratio) {
        boolean same(Key o) {
            return o != null && layout == o.layout && scale == o.scale && Math.abs(phaseX - o.phaseX) < SAME_PHASE
                    && Math.abs(phaseY - o.phaseY) < SAME_PHASE && dark == o.dark && ratio == o.ratio;
        }
    }

    private static final class Tile {
        final ImageView view = new ImageView();
        WritableImage image;
        boolean stale;
    }

    private final ArchitecturePainter painter;
    private final Pane layer = new Pane();
    /** Where tiles are painted, several at a time; grows to the largest batch. */
    private final Canvas surface = new Canvas(TILE_PX, TILE_PX);
    private final byte[] pixels = new byte[TILE_PX * TILE_PX * 4];
    /** Where a highlight change's rectangles are painted, one canvas each, snapshotted together. */
    private final javafx.scene.Group patchGroup = new javafx.scene.Group();
    private final List<Canvas> patchCanvases = new ArrayList<>();
    private final SnapshotParameters patchParams = new SnapshotParameters();
    /** The tiles on screen, set by each {@link #show} and {@link #fill}. */
    private int shownCol0;
    private int shownCol1 = -1;
    private int shownRow0;
    private int shownRow1 = -1;
    private final SnapshotParameters params = new SnapshotParameters();
    /** Tiles by column and row, least recently shown first. */
    private final LinkedHashMap<Long, Tile> tiles = new LinkedHashMap<>(64, 0.75f, true);
    private final Deque<Tile> spare = new ArrayDeque<>();
    private Key key;
    private ArchitecturePainter.Highlight highlight = ArchitecturePainter.Highlight.NONE;
    private List<EdgeLabels.Label> edgeLabels = List.of();
    private long painted;
    private boolean covers;

    ArchitectureTiles(ArchitecturePainter painter) {
        this.painter = painter;
        layer.setManaged(false);
        layer.setMouseTransparent(true);
    }

    /** The node that shows the tiles; the view puts it where its canvas is. */
    Pane layer() {
        return layer;
    }

    /** Tiles painted so far (for the benchmark). */
    long painted() {
        return painted;
    }

    /**
     * Places the tiles that cover a {@code w × h} view showing {@code layout} at {@code scale}, translated by
     * ({@code tx}, {@code ty}), painting the missing ones, and those {@value #PREFETCH_DEPTH} rows or columns ahead in
     * the direction of a pan by ({@code panX}, {@code panY}). Returns false, placing nothing, when more than
     * {@value #BUILD_PER_FRAME} tiles on screen are missing: the caller then draws the frame itself.
     */
    boolean show(GraphLayout layout, List<EdgeLabels.Label> labels, double scale, double tx, double ty, double w,
                 double h, boolean dark, ArchitecturePainter.Highlight next, double ratio, double panX, double panY) {
        Grid g = grid(layout, scale, tx, ty, w, h, ratio);
        shownCol0 = g.col0;
        shownCol1 = g.col1;
        shownRow0 = g.row0;
        shownRow1 = g.row1;
        Key k = new Key(layout, scale, g.phaseX, g.phaseY, dark, ratio);
        if (!k.same(key)) {
            clear();
            key = k;
            edgeLabels = labels;
            highlight = next;
        } else if (!highlight.equals(next)) {
            ArchitecturePainter.Highlight before = highlight;
            highlight = next;
            repaintChanged(layout, before, g);
        }
        List<long[]> missing = new ArrayList<>();
        for (int r = g.row0; r <= g.row1; r++) {
            for (int c = g.col0; c <= g.col1; c++) {
                Tile t = tiles.get(id(c, r));
                if (t == null || t.stale) {
                    missing.add(new long[] {c, r});
                }
            }
        }
        if (missing.size() > BUILD_PER_FRAME) {
            layer.getChildren().clear();
            covers = false;
            return false;
        }
        covers = g.screenCol0 >= 0 && g.screenCol1 <= g.lastCol && g.screenRow0 >= 0 && g.screenRow1 <= g.lastRow;
        paintByRow(missing, g);
        List<ImageView> shown = new ArrayList<>();
        for (int r = g.row0; r <= g.row1; r++) {
            for (int c = g.col0; c <= g.col1; c++) {
                Tile t = tiles.get(id(c, r)); // also marks it recently shown
                place(t, c, r, g, w, h);
                shown.add(t.view);
            }
        }
        if (!layer.getChildren().equals(shown)) {
            layer.getChildren().setAll(shown);
        }
        prefetch(g, panX, panY);
        evict(g);
        return true;
    }

    /** Whether the tiles placed last cover the whole view (it is then all drawing, nothing around it). */
    boolean coversView() {
        return covers;
    }

    /** Whether every tile a {@code w × h} view needs is painted and current (a frame from tiles costs no painting). */
    boolean complete(GraphLayout layout, double scale, double tx, double ty, double w, double h, boolean dark,
                     ArchitecturePainter.Highlight next, double ratio) {
        Grid g = grid(layout, scale, tx, ty, w, h, ratio);
        if (!new Key(layout, scale, g.phaseX, g.phaseY, dark, ratio).same(key) || !highlight.equals(next)) {
            return false;
        }
        for (int r = g.row0; r <= g.row1; r++) {
            for (int c = g.col0; c <= g.col1; c++) {
                Tile t = tiles.get(id(c, r));
                if (t == null || t.stale) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Paints up to {@code budget} missing or stale tiles of the view described, top row first, without showing
     * anything; for filling the tiles in while the view is still. Returns how many it painted.
     */
    int fill(GraphLayout layout, List<EdgeLabels.Label> labels, double scale, double tx, double ty, double w, double h,
             boolean dark, ArchitecturePainter.Highlight next, double ratio, int budget) {
        Grid g = grid(layout, scale, tx, ty, w, h, ratio);
        shownCol0 = g.col0;
        shownCol1 = g.col1;
        shownRow0 = g.row0;
        shownRow1 = g.row1;
        Key k = new Key(layout, scale, g.phaseX, g.phaseY, dark, ratio);
        if (!k.same(key)) {
            clear();
            key = k;
            edgeLabels = labels;
            highlight = next;
        } else if (!highlight.equals(next)) {
            ArchitecturePainter.Highlight before = highlight;
            highlight = next;
            repaintChanged(layout, before, g);
        }
        List<long[]> missing = new ArrayList<>();
        for (int r = g.row0; r <= g.row1 && missing.size() < budget; r++) {
            for (int c = g.col0; c <= g.col1 && missing.size() < budget; c++) {
                Tile t = tiles.get(id(c, r));
                if (t == null || t.stale) {
                    missing.add(new long[] {c, r});
                }
            }
        }
        paintByRow(missing, g);
        evict(g);
        return missing.size();
    }

    /** Forgets every tile (their images are reused). */
    void clear() {
        for (Tile t : tiles.values()) {
            recycle(t);
        }
        tiles.clear();
        layer.getChildren().clear();
        key = null;
    }

    // ------------------------------------------------------------------ the grid

    /**
     * Which tiles a view needs. Tile (c, r) holds the device pixels [c·T, (c+1)·T) × [r·T, (r+1)·T) of the graph
     * drawn at {@code scale · ratio} and shifted by the sub-pixel phase; on screen it starts at (c·T + originX)
     * device pixels. Tiles cover the drawing only: around it the view's background shows.
     */
    private record Grid(double scale, double ratio, long originX, long originY, double phaseX, double phaseY,
                        int col0, int col1, int row0, int row1, int lastCol, int lastRow, long screenCol0,
                        long screenCol1, long screenRow0, long screenRow1) {
    }

    private static Grid grid(GraphLayout layout, double scale, double tx, double ty, double w, double h, double ratio) {
        double dx = tx * ratio;
        double dy = ty * ratio;
        long ox = (long) Math.floor(dx);
        long oy = (long) Math.floor(dy);
        double px = dx - ox;
        double py = dy - oy;
        double drawnW = layout.width() * scale * ratio + px;
        double drawnH = layout.height() * scale * ratio + py;
        int lastCol = (int) Math.ceil(drawnW / TILE_PX) - 1;
        int lastRow = (int) Math.ceil(drawnH / TILE_PX) - 1;
        long sc0 = Math.floorDiv(-ox, TILE_PX);
        long sr0 = Math.floorDiv(-oy, TILE_PX);
        long sc1 = Math.floorDiv((long) Math.ceil(w * ratio) - 1 - ox, TILE_PX);
        long sr1 = Math.floorDiv((long) Math.ceil(h * ratio) - 1 - oy, TILE_PX);
        return new Grid(scale, ratio, ox, oy, px, py, (int) Math.max(0, sc0), (int) Math.min(lastCol, sc1),
                (int) Math.max(0, sr0), (int) Math.min(lastRow, sr1), lastCol, lastRow, sc0, sc1, sr0, sr1);
    }

    private static long id(int c, int r) {
        return ((long) c << 32) | (r & 0xFFFFFFFFL);
    }

    /** Paints the given tiles, one batch per row from the first to the last of them in it. */
    private void paintByRow(List<long[]> wanted, Grid g) {
        Map<Integer, int[]> spans = new LinkedHashMap<>();
        for (long[] m : wanted) {
            spans.merge((int) m[1], new int[] {(int) m[0], (int) m[0]},
                    (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        spans.forEach((r, span) -> paint(span[0], span[1], r, r, g));
    }

    /**
     * Paints the missing or stale tiles among columns {@code c0..c1} and rows {@code r0..r1} in one go: the
     * rectangle is drawn once and snapshotted once (each snapshot is a round trip to the renderer), then cut up.
     */
    private void paint(int c0, int c1, int r0, int r1, Grid g) {
        int w = (c1 - c0 + 1) * TILE_PX;
        int h = (r1 - r0 + 1) * TILE_PX;
        if (surface.getWidth() < w || surface.getHeight() < h) {
            surface.setWidth(Math.max(w, surface.getWidth()));
            surface.setHeight(Math.max(h, surface.getHeight()));
        }
        painter.paint(surface.getGraphicsContext2D(), key.layout(), edgeLabels, g.scale,
                (key.phaseX() - (double) c0 * TILE_PX) / g.ratio, (key.phaseY() - (double) r0 * TILE_PX) / g.ratio,
                w / g.ratio, h / g.ratio, key.dark(), highlight, g.ratio);
        params.setViewport(new Rectangle2D(0, 0, w, h));
        WritableImage shot = surface.snapshot(params, null);
        WritablePixelFormat<ByteBuffer> bgra = PixelFormat.getByteBgraPreInstance();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                Tile t = tiles.get(id(c, r));
                if (t != null && !t.stale) {
                    continue;
                }
                if (t == null) {
                    t = spare.isEmpty() ? new Tile() : spare.pop();
                    tiles.put(id(c, r), t);
                }
                if (t.image == null) {
                    t.image = new WritableImage(TILE_PX, TILE_PX);
                }
                shot.getPixelReader().getPixels((c - c0) * TILE_PX, (r - r0) * TILE_PX, TILE_PX, TILE_PX, bgra,
                        pixels, 0, TILE_PX * 4);
                t.image.getPixelWriter().setPixels(0, 0, TILE_PX, TILE_PX, bgra, pixels, 0, TILE_PX * 4);
                t.view.setImage(t.image);
                t.stale = false;
                painted++;
            }
        }
    }

    /** Puts a tile's visible part on screen: the rest is cut off, so the view's bounds stay its own. */
    private static void place(Tile t, int c, int r, Grid g, double w, double h) {
        long left = (long) c * TILE_PX + g.originX;
        long top = (long) r * TILE_PX + g.originY;
        double x0 = Math.max(left, 0);
        double y0 = Math.max(top, 0);
        double x1 = Math.min(left + TILE_PX, Math.ceil(w * g.ratio));
        double y1 = Math.min(top + TILE_PX, Math.ceil(h * g.ratio));
        Rectangle2D part = new Rectangle2D(x0 - left, y0 - top, x1 - x0, y1 - y0);
        if (!part.equals(t.view.getViewport())) {
            t.view.setViewport(part);
        }
        t.view.setLayoutX(x0 / g.ratio);
        t.view.setLayoutY(y0 / g.ratio);
        if (g.ratio != 1) {
            t.view.setFitWidth((x1 - x0) / g.ratio);
            t.view.setFitHeight((y1 - y0) / g.ratio);
        } else {
            t.view.setFitWidth(0);
            t.view.setFitHeight(0);
        }
    }

    /**
     * When the next row (or column) of tiles a pan brings in is missing, paints it and the one after, over the view's
     * width (or height), so that only one frame in {@value #PREFETCH_DEPTH} rows' worth of panning paints.
     */
    private void prefetch(Grid g, double panX, double panY) {
        if (g.col0 > g.col1 && g.row0 > g.row1) {
            return;
        }
        if (panY != 0) {
            long near = panY < 0 ? g.screenRow1 + 1 : g.screenRow0 - 1;
            long far = panY < 0 ? near + PREFETCH_DEPTH - 1 : near - PREFETCH_DEPTH + 1;
            prefetch(g.col0, g.col1, (int) Math.max(0, Math.min(near, far)),
                    (int) Math.min(g.lastRow, Math.max(near, far)), near, true, g);
        }
        if (panX != 0) {
            long near = panX < 0 ? g.screenCol1 + 1 : g.screenCol0 - 1;
            long far = panX < 0 ? near + PREFETCH_DEPTH - 1 : near - PREFETCH_DEPTH + 1;
            prefetch((int) Math.max(0, Math.min(near, far)), (int) Math.min(g.lastCol, Math.max(near, far)), g.row0,
                    g.row1, near, false, g);
        }
    }

    private void prefetch(int c0, int c1, int r0, int r1, long near, boolean rows, Grid g) {
        if (c0 > c1 || r0 > r1 || near < 0 || near > (rows ? g.lastRow : g.lastCol)) {
            return;
        }
        boolean nearMissing = false;
        for (int i = rows ? c0 : r0; i <= (rows ? c1 : r1); i++) {
            Tile t = rows ? tiles.get(id(i, (int) near)) : tiles.get(id((int) near, i));
            nearMissing |= t == null || t.stale;
        }
        if (nearMissing) {
            paint(c0, c1, r0, r1, g);
        }
    }

    /** Drops the least recently shown tiles beyond {@value #MAX_TILES}, never one the view needs. */
    private void evict(Grid g) {
        Iterator<Map.Entry<Long, Tile>> it = tiles.entrySet().iterator();
        while (tiles.size() > MAX_TILES && it.hasNext()) {
            Map.Entry<Long, Tile> e = it.next();
            int c = (int) (e.getKey() >> 32);
            int r = (int) (long) e.getKey();
            if (c >= g.col0 && c <= g.col1 && r >= g.row0 && r <= g.row1) {
                continue;
            }
            recycle(e.getValue());
            it.remove();
        }
    }

    private void recycle(Tile t) {
        t.stale = true;
        t.view.setImage(null);
        if (spare.size() < MAX_TILES / 4) {
            spare.push(t);
        }
    }

    // ------------------------------------------------------------------ what a highlight change repaints

    /**
     * Brings the tiles up to date with {@link #highlight} after {@code before}: every box and edge drawn differently
     * is repainted where it lies over tiles on screen, all of them in one snapshot, and the pixels are copied into
     * those tiles; tiles off screen under them are only marked stale. Too large a change marks everything stale.
     */
    private void repaintChanged(GraphLayout layout, ArchitecturePainter.Highlight before, Grid g) {
        double s = key.scale() * key.ratio();
        // antialiasing reaches a device pixel past a shape; two keep rounding out of the question
        double aa = 2 / s;
        List<double[]> changed = new ArrayList<>();
        for (GraphLayout.Box b : layout.nodes()) {
            if (boxLook(b, before) != boxLook(b, highlight)) {
                double m = ArchitecturePainter.BOX_REACH + aa;
                changed.add(new double[] {b.x() - m, b.y() - m, b.x() + b.width() + m, b.bottom() + m});
            }
        }
        if (!Objects.equals(before.selected(), highlight.selected())) {
            for (GraphLayout.Route route : layout.edges()) {
                if (touches(route, before.selected()) || touches(route, highlight.selected())) {
                    double m = ArchitecturePainter.EDGE_REACH + aa;
                    changed.add(new double[] {route.minX() - m, route.minY() - m, route.maxX() + m, route.maxY() + m});
                }
            }
        }
        // in device pixels of the tile grid, whole pixels; the part over tiles on screen is repainted
        long screenX0 = (long) g.col0 * TILE_PX;
        long screenY0 = (long) g.row0 * TILE_PX;
        long screenX1 = (long) (g.col1 + 1) * TILE_PX;
        long screenY1 = (long) (g.row1 + 1) * TILE_PX;
        List<long[]> patches = new ArrayList<>();
        long area = 0;
        for (double[] r : changed) {
            long x0 = (long) Math.floor(r[0] * s + key.phaseX());
            long y0 = (long) Math.floor(r[1] * s + key.phaseY());
            long x1 = (long) Math.ceil(r[2] * s + key.phaseX());
            long y1 = (long) Math.ceil(r[3] * s + key.phaseY());
            staleUnder(x0, y0, x1, y1, true);
            long[] p = {Math.max(x0, screenX0), Math.max(y0, screenY0), Math.min(x1, screenX1), Math.min(y1, screenY1)};
            if (p[0] < p[2] && p[1] < p[3]) {
                patches.add(p);
                area += (p[2] - p[0]) * (p[3] - p[1]);
            }
        }
        if (area > REPAINT_LIMIT_PX || patches.size() > MAX_PATCHES) {
            patches.forEach(p -> staleUnder(p[0], p[1], p[2], p[3], false));
        } else if (!patches.isEmpty()) {
            repaint(patches, g);
        }
    }

    /**
     * Paints each rectangle (device pixels of the grid) on a canvas of its own, the canvases one under the other in a
     * group snapshotted once, and copies each into the current tiles it covers.
     */
    private void repaint(List<long[]> rects, Grid g) {
        while (patchCanvases.size() < rects.size()) {
            patchCanvases.add(new Canvas());
        }
        List<Canvas> used = patchCanvases.subList(0, rects.size());
        double y = 0;
        for (int i = 0; i < rects.size(); i++) {
            long[] r = rects.get(i);
            Canvas cv = used.get(i);
            cv.setWidth(r[2] - r[0]);
            cv.setHeight(r[3] - r[1]);
            cv.setLayoutY(y);
            painter.paint(cv.getGraphicsContext2D(), key.layout(), edgeLabels, g.scale,
                    (key.phaseX() - r[0]) / g.ratio, (key.phaseY() - r[1]) / g.ratio, (r[2] - r[0]) / g.ratio,
                    (r[3] - r[1]) / g.ratio, key.dark(), highlight, g.ratio);
            y += r[3] - r[1];
        }
        patchGroup.getChildren().setAll(used);
        WritableImage shot = patchGroup.snapshot(patchParams, null);
        WritablePixelFormat<ByteBuffer> bgra = PixelFormat.getByteBgraPreInstance();
        int top = 0;
        for (long[] r : rects) {
            for (int row = (int) Math.floorDiv(r[1], TILE_PX); row <= Math.floorDiv(r[3] - 1, TILE_PX); row++) {
                for (int col = (int) Math.floorDiv(r[0], TILE_PX); col <= Math.floorDiv(r[2] - 1, TILE_PX); col++) {
                    Tile t = tiles.get(id(col, row));
                    if (t == null || t.stale) {
                        continue; // painted whole, with the new highlight, before it is shown
                    }
                    long x0 = Math.max(r[0], (long) col * TILE_PX);
                    long y0 = Math.max(r[1], (long) row * TILE_PX);
                    int w = (int) (Math.min(r[2], (long) (col + 1) * TILE_PX) - x0);
                    int h = (int) (Math.min(r[3], (long) (row + 1) * TILE_PX) - y0);
                    shot.getPixelReader().getPixels((int) (x0 - r[0]), (int) (top + y0 - r[1]), w, h, bgra, pixels, 0,
                            w * 4);
                    t.image.getPixelWriter().setPixels((int) (x0 - (long) col * TILE_PX),
                            (int) (y0 - (long) row * TILE_PX), w, h, bgra, pixels, 0, w * 4);
                }
            }
            top += (int) (r[3] - r[1]);
        }
        patchGroup.getChildren().clear();
    }

    private static boolean touches(GraphLayout.Route r, String selected) {
        return selected != null && (selected.equals(r.edge().from()) || selected.equals(r.edge().to()));
    }

    /** What the painter's look of a box depends on in a highlight: selected, a search match, hovered (as bits). */
    static int boxLook(GraphLayout.Box b, ArchitecturePainter.Highlight h) {
        VisibleGraph.Node n = b.node();
        String sel = h.selected();
        boolean selected = n.id().equals(sel) || sel != null && sel.startsWith(VisibleGraph.BLOCK_ID_PREFIX)
                && !n.collapsedBlock() && n.block().equals(sel.substring(VisibleGraph.BLOCK_ID_PREFIX.length()));
        return (selected ? 1 : 0) | (h.matches().contains(n.id()) ? 2 : 0) | (n.id().equals(h.hovered()) ? 4 : 0);
    }

    /**
     * Marks stale the tiles under a rectangle of device pixels of the grid (right and bottom edges excluded), or with
     * {@code offScreenOnly} only those not on screen (the view's range set by the last {@link #show}).
     */
    private void staleUnder(long x0, long y0, long x1, long y1, boolean offScreenOnly) {
        for (int r = (int) Math.floorDiv(y0, TILE_PX); r <= Math.floorDiv(y1 - 1, TILE_PX); r++) {
            for (int c = (int) Math.floorDiv(x0, TILE_PX); c <= Math.floorDiv(x1 - 1, TILE_PX); c++) {
                Tile t = tiles.get(id(c, r));
                boolean onScreen = c >= shownCol0 && c <= shownCol1 && r >= shownRow0 && r <= shownRow1;
                if (t != null && !(offScreenOnly && onScreen)) {
                    t.stale = true;
                }
            }
        }
    }

    /** For tests: how many tiles are painted and current. */
    int currentTiles() {
        Map<Long, Tile> copy = new HashMap<>(tiles);
        return (int) copy.values().stream().filter(t -> !t.stale).count();
    }
}
