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
 * closed), pixel ratio. Tiles keep the highlight (selection, hover, search) they were painted with, their base;
 * where the highlight shown differs from it, small canvases over the tiles ("patches") draw just those boxes and
 * edges, so a hover or a click costs no tile painting. On the next pan, or once the view is still, the tiles under
 * the patches are repainted with the highlight shown, which becomes the base. Not thread-safe: JavaFX thread only.
 */
final class ArchitectureTiles {

    /** Side of a tile in device pixels: small enough that a highlight change repaints little, big enough that a
     * 1440 x 900 view takes few images. */
    static final int TILE_PX = 256;
    /**
     * Tiles on screen never painted at this zoom that one frame paints itself; with more (after a zoom, a jump) the
     * frame is drawn directly. Stale tiles (after a highlight change) are always repainted, all in one batch: the
     * tiles are then current again, where a direct frame would leave every following frame to be drawn directly too.
     */
    static final int BUILD_PER_FRAME = 8;
    /**
     * Rows (or columns) of tiles painted ahead of a pan, together, once the next one is missing: every painting costs
     * a round trip to the renderer, so painting two at once halves how many frames pay it (panning 24 px a frame,
     * one frame in 21).
     */
    static final int PREFETCH_DEPTH = 2;
    /**
     * Patches (each a canvas the renderer draws every frame) cover at most this many device pixels and
     * {@link #MAX_PATCHES} rectangles; a larger difference from the tiles' base is repainted into the tiles.
     */
    static final long PATCH_LIMIT_PX = 1 << 18;
    static final int MAX_PATCHES = 32;
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
        /** Painted for another base highlight (or never): repainted before it is shown. */
        boolean stale;
    }

    private final ArchitecturePainter painter;
    private final Pane layer = new Pane();
    /** Where tiles are painted, several at a time; grows to the largest batch. */
    private final Canvas surface = new Canvas(TILE_PX, TILE_PX);
    private final byte[] pixels = new byte[TILE_PX * TILE_PX * 4];
    /** Canvases over the tiles showing where the highlight shown differs from the tiles' base. */
    private final List<Canvas> patches = new ArrayList<>();
    /** The patches of the last frame by what they show, for reuse. */
    private Map<String, Canvas> patchCache = new HashMap<>();
    /** The grid of the last frame shown from tiles, null after any other. */
    private Grid last;
    private final SnapshotParameters params = new SnapshotParameters();
    /** Tiles by column and row, least recently shown first. */
    private final LinkedHashMap<Long, Tile> tiles = new LinkedHashMap<>(64, 0.75f, true);
    private final Deque<Tile> spare = new ArrayDeque<>();
    private Key key;
    /** The highlight the tiles are painted with. */
    private ArchitecturePainter.Highlight base = ArchitecturePainter.Highlight.NONE;
    /** The highlight shown (the patches draw the difference). */
    private ArchitecturePainter.Highlight shown = ArchitecturePainter.Highlight.NONE;
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
     * the direction of a pan by ({@code panX}, {@code panY}). A highlight change in an otherwise unchanged frame is
     * drawn as patches over the tiles (see {@link #patch}). Returns false, placing nothing, when more than
     * {@value #BUILD_PER_FRAME} tiles on screen were never painted: the caller then draws the frame itself.
     */
    boolean show(GraphLayout layout, List<EdgeLabels.Label> labels, double scale, double tx, double ty, double w,
                 double h, boolean dark, ArchitecturePainter.Highlight next, double ratio, double panX, double panY) {
        Grid g = sync(layout, labels, scale, tx, ty, w, h, dark, next, ratio, true);
        List<long[]> missing = missing(g);
        long unpainted = missing.stream().filter(m -> tiles.get(id((int) m[0], (int) m[1])) == null).count();
        if (unpainted > BUILD_PER_FRAME) {
            dropPatches();
            layer.getChildren().clear();
            covers = false;
            last = null;
            return false;
        }
        covers = g.screenCol0 >= 0 && g.screenCol1 <= g.lastCol && g.screenRow0 >= 0 && g.screenRow1 <= g.lastRow;
        paintAll(missing, g);
        List<javafx.scene.Node> shown = new ArrayList<>();
        for (int r = g.row0; r <= g.row1; r++) {
            for (int c = g.col0; c <= g.col1; c++) {
                Tile t = tiles.get(id(c, r)); // also marks it recently shown
                place(t, c, r, g, w, h);
                shown.add(t.view);
            }
        }
        shown.addAll(patches);
        if (!layer.getChildren().equals(shown)) {
            layer.getChildren().setAll(shown);
        }
        prefetch(g, panX, panY);
        evict(g);
        last = g;
        return true;
    }

    /**
     * Brings the tiles up to a view's key and highlight. A new key forgets every tile. In a frame otherwise the one
     * shown last ({@code patching}, same place, same tiles on screen) a highlight change redraws the patches; in any
     * other frame, or when the patches would be too large, the highlight shown becomes the base: the tiles under the
     * difference turn stale (repainted before they are shown) and the patches go.
     */
    private Grid sync(GraphLayout layout, List<EdgeLabels.Label> labels, double scale, double tx, double ty, double w,
                      double h, boolean dark, ArchitecturePainter.Highlight next, double ratio, boolean patching) {
        Grid g = grid(layout, scale, tx, ty, w, h, ratio);
        Key k = new Key(layout, scale, g.phaseX, g.phaseY, dark, ratio);
        if (!k.same(key)) {
            clear();
            key = k;
            edgeLabels = labels;
            base = next;
            shown = next;
            return g;
        }
        boolean sameFrame = patching && last != null && last.originX == g.originX && last.originY == g.originY
                && last.col0 == g.col0 && last.col1 == g.col1 && last.row0 == g.row0 && last.row1 == g.row1;
        boolean changed = !shown.equals(next);
        shown = next;
        if (sameFrame) {
            if (changed && !patch(g)) {
                rebase();
            }
        } else if (patching || changed) {
            rebase();
        }
        return g;
    }

    /** Makes the highlight shown the tiles' base: the tiles it changes turn stale, the patches go. */
    private void rebase() {
        if (!base.equals(shown)) {
            for (long[] r : changed(key.layout(), base, shown)) {
                staleUnder(r[0], r[1], r[2], r[3]);
            }
            base = shown;
        }
        dropPatches();
    }

    /** Whether the tiles placed last cover the whole view (it is then all drawing, nothing around it). */
    boolean coversView() {
        return covers;
    }

    /**
     * Whether every tile a {@code w × h} view needs is painted and current, with no patches over it (a frame from
     * tiles then costs no painting).
     */
    boolean complete(GraphLayout layout, double scale, double tx, double ty, double w, double h, boolean dark,
                     ArchitecturePainter.Highlight next, double ratio) {
        Grid g = grid(layout, scale, tx, ty, w, h, ratio);
        return new Key(layout, scale, g.phaseX, g.phaseY, dark, ratio).same(key) && base.equals(next)
                && shown.equals(next) && patches.isEmpty() && missing(g).isEmpty();
    }

    /**
     * Paints up to {@code budget} missing or stale tiles of the view described, top row first, without showing
     * anything; for filling the tiles in while the view is still. The highlight shown becomes the base first; the
     * patches stay until no tile on screen is stale (they show the same). Returns how many tiles it painted.
     */
    int fill(GraphLayout layout, List<EdgeLabels.Label> labels, double scale, double tx, double ty, double w, double h,
             boolean dark, ArchitecturePainter.Highlight next, double ratio, int budget) {
        Grid g = sync(layout, labels, scale, tx, ty, w, h, dark, next, ratio, false);
        if (!base.equals(shown)) {
            for (long[] r : changed(key.layout(), base, shown)) {
                staleUnder(r[0], r[1], r[2], r[3]);
            }
            base = shown;
        }
        List<long[]> missing = missing(g);
        List<long[]> now = missing.subList(0, Math.min(budget, missing.size()));
        paintAll(now, g);
        if (now.size() == missing.size()) {
            dropPatches();
        }
        evict(g);
        return now.size();
    }

    /** Whether patches lie over the tiles (the view then fills the tiles in once it is still). */
    boolean patched() {
        return !patches.isEmpty();
    }

    /** Tiles on screen that must be painted before they are shown: never painted, or stale. */
    private List<long[]> missing(Grid g) {
        List<long[]> missing = new ArrayList<>();
        for (int r = g.row0; r <= g.row1; r++) {
            for (int c = g.col0; c <= g.col1; c++) {
                Tile t = tiles.get(id(c, r));
                if (t == null || t.stale) {
                    missing.add(new long[] {c, r});
                }
            }
        }
        return missing;
    }

    /** Forgets every tile (their images are reused). */
    void clear() {
        dropPatches();
        patchCache = new HashMap<>();
        for (Tile t : tiles.values()) {
            recycle(t);
        }
        tiles.clear();
        layer.getChildren().clear();
        key = null;
        last = null;
    }

    // ------------------------------------------------------------------ the grid

    /**
     * Which tiles a view needs. Tile (c, r) holds the device pixels [c·T, (c+1)·T) × [r·T, (r+1)·T) of the graph
     * drawn at {@code scale · ratio} and shifted by the sub-pixel phase; on screen it starts at (c·T + originX)
     * device pixels. Tiles cover the drawing only: around it the view's background shows.
     */
    private record Grid(double scale, double ratio, long originX, long originY, double phaseX, double phaseY,
                        int col0, int col1, int row0, int row1, int lastCol, int lastRow, long screenCol0,
                        long screenCol1, long screenRow0, long screenRow1, long viewWidth, long viewHeight) {
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
                (int) Math.max(0, sr0), (int) Math.min(lastRow, sr1), lastCol, lastRow, sc0, sc1, sr0, sr1,
                (long) Math.ceil(w * ratio), (long) Math.ceil(h * ratio));
    }

    private static long id(int c, int r) {
        return ((long) c << 32) | (r & 0xFFFFFFFFL);
    }

    /** Paints the given tiles in one batch: the rectangle from the first to the last of them. */
    private void paintAll(List<long[]> wanted, Grid g) {
        if (wanted.isEmpty()) {
            return;
        }
        int c0 = Integer.MAX_VALUE;
        int c1 = Integer.MIN_VALUE;
        int r0 = Integer.MAX_VALUE;
        int r1 = Integer.MIN_VALUE;
        for (long[] m : wanted) {
            c0 = Math.min(c0, (int) m[0]);
            c1 = Math.max(c1, (int) m[0]);
            r0 = Math.min(r0, (int) m[1]);
            r1 = Math.max(r1, (int) m[1]);
        }
        paint(c0, c1, r0, r1, g);
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
                w / g.ratio, h / g.ratio, key.dark(), base, g.ratio);
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
     * Rectangles (device pixels of the tile grid, right and bottom edges excluded) of every box and edge drawn
     * differently under {@code before} and {@code after}.
     */
    private List<long[]> changed(GraphLayout layout, ArchitecturePainter.Highlight before,
                                 ArchitecturePainter.Highlight after) {
        double s = key.scale() * key.ratio();
        // antialiasing reaches a device pixel past a shape; two keep rounding out of the question
        double aa = 2 / s;
        List<double[]> changed = new ArrayList<>();
        for (GraphLayout.Box b : layout.nodes()) {
            if (boxLook(b, before) != boxLook(b, after)) {
                double m = ArchitecturePainter.BOX_REACH + aa;
                changed.add(new double[] {b.x() - m, b.y() - m, b.x() + b.width() + m, b.bottom() + m});
            }
        }
        if (!Objects.equals(before.selected(), after.selected())) {
            for (GraphLayout.Route route : layout.edges()) {
                if (touches(route, before.selected()) || touches(route, after.selected())) {
                    double m = ArchitecturePainter.EDGE_REACH + aa;
                    changed.add(new double[] {route.minX() - m, route.minY() - m, route.maxX() + m, route.maxY() + m});
                }
            }
        }
        List<long[]> out = new ArrayList<>();
        for (double[] r : changed) {
            out.add(new long[] {(long) Math.floor(r[0] * s + key.phaseX()), (long) Math.floor(r[1] * s + key.phaseY()),
                    (long) Math.ceil(r[2] * s + key.phaseX()), (long) Math.ceil(r[3] * s + key.phaseY())});
        }
        return out;
    }

    /**
     * Draws anew the patches: the on-screen part of everything drawn differently under the highlight shown than under
     * the tiles' base, a canvas for each box or edge. The frame then needs no round trip to the renderer, which
     * painting into the tiles would cost. Returns false, drawing nothing, when the patches would
     * exceed {@value #PATCH_LIMIT_PX} pixels or {@value #MAX_PATCHES} rectangles.
     */
    private boolean patch(Grid g) {
        dropPatches();
        // the view, in device pixels of the grid: a patch never reaches past it, so the view's bounds stay its own
        long screenX0 = -g.originX;
        long screenY0 = -g.originY;
        long screenX1 = g.viewWidth - g.originX;
        long screenY1 = g.viewHeight - g.originY;
        List<long[]> parts = new ArrayList<>();
        long area = 0;
        for (long[] r : changed(key.layout(), base, shown)) {
            long[] p = {Math.max(r[0], screenX0), Math.max(r[1], screenY0), Math.min(r[2], screenX1),
                    Math.min(r[3], screenY1)};
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
            String look = look(p, g);
            Canvas cv = patchCache.get(look);
            if (cv == null) {
                cv = new Canvas((p[2] - p[0]) / g.ratio, (p[3] - p[1]) / g.ratio);
                cv.setLayoutX((p[0] + g.originX) / g.ratio);
                cv.setLayoutY((p[1] + g.originY) / g.ratio);
                // the canvas is drawn at the screen's pixel ratio itself: view units here
                painter.paint(cv.getGraphicsContext2D(), key.layout(), edgeLabels, g.scale,
                        (key.phaseX() - p[0]) / g.ratio, (key.phaseY() - p[1]) / g.ratio, cv.getWidth(),
                        cv.getHeight(), key.dark(), shown);
            }
            drawn.put(look, cv);
            patches.add(cv);
        }
        patchCache = drawn;
        return true;
    }

    /**
     * What a patch shows: its place and the look of every box and edge reaching into it. A patch with the same look
     * is kept from the last frame rather than drawn again (a hover next to a selection redraws only the hover).
     */
    private String look(long[] p, Grid g) {
        double s = key.scale() * key.ratio();
        double x0 = (p[0] - key.phaseX()) / s;
        double y0 = (p[1] - key.phaseY()) / s;
        double x1 = (p[2] - key.phaseX()) / s;
        double y1 = (p[3] - key.phaseY()) / s;
        StringBuilder b = new StringBuilder().append(p[0] + g.originX).append(',').append(p[1] + g.originY).append(',')
                .append(p[2] - p[0]).append(',').append(p[3] - p[1]);
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
            if (touches(r, shown.selected()) && r.minX() - e < x1 && r.maxX() + e > x0 && r.minY() - e < y1
                    && r.maxY() + e > y0) {
                b.append("|e").append(i);
            }
        }
        return b.toString();
    }

    /** Removes the patches; the tiles under them are stale and get repainted before they are shown. */
    private void dropPatches() {
        if (patches.isEmpty()) {
            return;
        }
        layer.getChildren().removeAll(patches);
        patches.clear();
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

    /** Marks stale the tiles under a rectangle of device pixels of the grid (right and bottom edges excluded). */
    private void staleUnder(long x0, long y0, long x1, long y1) {
        for (int r = (int) Math.floorDiv(y0, TILE_PX); r <= Math.floorDiv(y1 - 1, TILE_PX); r++) {
            for (int c = (int) Math.floorDiv(x0, TILE_PX); c <= Math.floorDiv(x1 - 1, TILE_PX); c++) {
                Tile t = tiles.get(id(c, r));
                if (t != null) {
                    t.stale = true;
                }
            }
        }
    }
}
