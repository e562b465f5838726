package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;
import javafx.scene.layout.Pane;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** Tiles kept; past this the least recently shown go (256 KB of pixels each, twice with the renderer's copy). */
    static final int MAX_TILES = 96;

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
    private final HighlightPatches patches;
    /** The grid of the last frame shown from tiles, null after any other. */
    private TileGrid last;

    private final SnapshotParameters params = new SnapshotParameters();
    /** Tiles by column and row, least recently shown first. */
    private final LinkedHashMap<Long, Tile> tiles = new LinkedHashMap<>(64, 0.75f, true);

    private final Deque<Tile> spare = new ArrayDeque<>();
    private TileKey key;
    /** The highlight the tiles are painted with. */
    private ArchitecturePainter.Highlight base = ArchitecturePainter.Highlight.NONE;
    /** The highlight shown (the patches draw the difference). */
    private ArchitecturePainter.Highlight shown = ArchitecturePainter.Highlight.NONE;

    private List<EdgeLabels.Label> edgeLabels = List.of();
    private long painted;
    private boolean covers;

    ArchitectureTiles(ArchitecturePainter painter) {
        this.painter = painter;
        this.patches = new HighlightPatches(painter, layer);
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
     * drawn as patches over the tiles (see {@link HighlightPatches}). Returns false, placing nothing, when more than
     * {@value #BUILD_PER_FRAME} tiles on screen were never painted: the caller then draws the frame itself.
     */
    boolean show(
            GraphLayout layout,
            List<EdgeLabels.Label> labels,
            double scale,
            double tx,
            double ty,
            double w,
            double h,
            boolean dark,
            ArchitecturePainter.Highlight next,
            double ratio,
            double panX,
            double panY) {
        TileGrid g = sync(layout, labels, scale, tx, ty, w, h, dark, next, ratio, true);
        List<long[]> missing = missing(g);
        long unpainted = missing.stream()
                .filter(m -> tiles.get(TileGrid.id((int) m[0], (int) m[1])) == null)
                .count();
        if (unpainted > BUILD_PER_FRAME) {
            patches.drop();
            layer.getChildren().clear();
            covers = false;
            last = null;
            return false;
        }
        covers = g.screenCol0() >= 0
                && g.screenCol1() <= g.lastCol()
                && g.screenRow0() >= 0
                && g.screenRow1() <= g.lastRow();
        paintAll(missing, g);
        List<Node> shown = new ArrayList<>();
        for (int r = g.row0(); r <= g.row1(); r++) {
            for (int c = g.col0(); c <= g.col1(); c++) {
                Tile t = tiles.get(TileGrid.id(c, r)); // also marks it recently shown
                g.place(t.view, c, r, w, h);
                shown.add(t.view);
            }
        }
        shown.addAll(patches.canvases());
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
    private TileGrid sync(
            GraphLayout layout,
            List<EdgeLabels.Label> labels,
            double scale,
            double tx,
            double ty,
            double w,
            double h,
            boolean dark,
            ArchitecturePainter.Highlight next,
            double ratio,
            boolean patching) {
        TileGrid g = TileGrid.of(layout, scale, tx, ty, w, h, ratio);
        TileKey k = new TileKey(layout, scale, g.phaseX(), g.phaseY(), dark, ratio);
        if (!k.same(key)) {
            clear();
            key = k;
            edgeLabels = labels;
            base = next;
            shown = next;
            return g;
        }
        boolean sameFrame = patching && g.samePlace(last);
        boolean changed = !shown.equals(next);
        shown = next;
        if (sameFrame) {
            if (changed && !patches.draw(g, key, edgeLabels, base, shown)) {
                rebase();
            }
        } else if (patching || changed) {
            rebase();
        }
        return g;
    }

    /** Makes the highlight shown the tiles' base: the tiles it changes turn stale, the patches go. */
    private void rebase() {
        baseOnShown();
        patches.drop();
    }

    /** Paints the tiles from now on with the highlight shown: those it changes turn stale. */
    private void baseOnShown() {
        if (!base.equals(shown)) {
            for (long[] r : HighlightPatches.changed(key, base, shown)) {
                staleUnder(r[0], r[1], r[2], r[3]);
            }
            base = shown;
        }
    }

    /** Whether the tiles placed last cover the whole view (it is then all drawing, nothing around it). */
    boolean coversView() {
        return covers;
    }

    /**
     * Whether every tile a {@code w × h} view needs is painted and current, with no patches over it (a frame from
     * tiles then costs no painting).
     */
    boolean complete(
            GraphLayout layout,
            double scale,
            double tx,
            double ty,
            double w,
            double h,
            boolean dark,
            ArchitecturePainter.Highlight next,
            double ratio) {
        TileGrid g = TileGrid.of(layout, scale, tx, ty, w, h, ratio);
        return new TileKey(layout, scale, g.phaseX(), g.phaseY(), dark, ratio).same(key)
                && base.equals(next)
                && shown.equals(next)
                && patches.isEmpty()
                && missing(g).isEmpty();
    }

    /**
     * Paints up to {@code budget} missing or stale tiles of the view described, top row first, without showing
     * anything; for filling the tiles in while the view is still. The highlight shown becomes the base first; the
     * patches stay until no tile on screen is stale (they show the same). Returns how many tiles it painted.
     */
    int fill(
            GraphLayout layout,
            List<EdgeLabels.Label> labels,
            double scale,
            double tx,
            double ty,
            double w,
            double h,
            boolean dark,
            ArchitecturePainter.Highlight next,
            double ratio,
            int budget) {
        TileGrid g = sync(layout, labels, scale, tx, ty, w, h, dark, next, ratio, false);
        baseOnShown();
        List<long[]> missing = missing(g);
        List<long[]> now = missing.subList(0, Math.min(budget, missing.size()));
        paintAll(now, g);
        if (now.size() == missing.size()) {
            patches.drop();
        }
        evict(g);
        return now.size();
    }

    /** Whether patches lie over the tiles (the view then fills the tiles in once it is still). */
    boolean patched() {
        return !patches.isEmpty();
    }

    /** Tiles on screen that must be painted before they are shown: never painted, or stale. */
    private List<long[]> missing(TileGrid g) {
        List<long[]> missing = new ArrayList<>();
        for (int r = g.row0(); r <= g.row1(); r++) {
            for (int c = g.col0(); c <= g.col1(); c++) {
                Tile t = tiles.get(TileGrid.id(c, r));
                if (t == null || t.stale) {
                    missing.add(new long[] {c, r});
                }
            }
        }
        return missing;
    }

    /** Forgets every tile (their images are reused). */
    void clear() {
        patches.drop();
        patches.forget();
        for (Tile t : tiles.values()) {
            recycle(t);
        }
        tiles.clear();
        layer.getChildren().clear();
        key = null;
        last = null;
    }

    /** Paints the given tiles in one batch: the rectangle from the first to the last of them. */
    private void paintAll(List<long[]> wanted, TileGrid g) {
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
    private void paint(int c0, int c1, int r0, int r1, TileGrid g) {
        int w = (c1 - c0 + 1) * TILE_PX;
        int h = (r1 - r0 + 1) * TILE_PX;
        if (surface.getWidth() < w || surface.getHeight() < h) {
            surface.setWidth(Math.max(w, surface.getWidth()));
            surface.setHeight(Math.max(h, surface.getHeight()));
        }
        painter.paint(
                surface.getGraphicsContext2D(),
                key.layout(),
                edgeLabels,
                g.scale(),
                (key.phaseX() - (double) c0 * TILE_PX) / g.ratio(),
                (key.phaseY() - (double) r0 * TILE_PX) / g.ratio(),
                w / g.ratio(),
                h / g.ratio(),
                key.dark(),
                base,
                g.ratio());
        params.setViewport(new Rectangle2D(0, 0, w, h));
        WritableImage shot = surface.snapshot(params, null);
        WritablePixelFormat<ByteBuffer> bgra = PixelFormat.getByteBgraPreInstance();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                Tile t = tiles.get(TileGrid.id(c, r));
                if (t != null && !t.stale) {
                    continue;
                }
                if (t == null) {
                    t = spare.isEmpty() ? new Tile() : spare.pop();
                    tiles.put(TileGrid.id(c, r), t);
                }
                if (t.image == null) {
                    t.image = new WritableImage(TILE_PX, TILE_PX);
                }
                shot.getPixelReader()
                        .getPixels(
                                (c - c0) * TILE_PX, (r - r0) * TILE_PX, TILE_PX, TILE_PX, bgra, pixels, 0, TILE_PX * 4);
                t.image.getPixelWriter().setPixels(0, 0, TILE_PX, TILE_PX, bgra, pixels, 0, TILE_PX * 4);
                t.view.setImage(t.image);
                t.stale = false;
                painted++;
            }
        }
    }

    /**
     * When the next row (or column) of tiles a pan brings in is missing, paints it and the one after, over the view's
     * width (or height), so that only one frame in {@value #PREFETCH_DEPTH} rows' worth of panning paints.
     */
    private void prefetch(TileGrid g, double panX, double panY) {
        if (g.col0() > g.col1() && g.row0() > g.row1()) {
            return;
        }
        if (panY != 0) {
            long near = panY < 0 ? g.screenRow1() + 1 : g.screenRow0() - 1;
            long far = panY < 0 ? near + PREFETCH_DEPTH - 1 : near - PREFETCH_DEPTH + 1;
            prefetch(
                    g.col0(),
                    g.col1(),
                    (int) Math.max(0, Math.min(near, far)),
                    (int) Math.min(g.lastRow(), Math.max(near, far)),
                    near,
                    true,
                    g);
        }
        if (panX != 0) {
            long near = panX < 0 ? g.screenCol1() + 1 : g.screenCol0() - 1;
            long far = panX < 0 ? near + PREFETCH_DEPTH - 1 : near - PREFETCH_DEPTH + 1;
            prefetch(
                    (int) Math.max(0, Math.min(near, far)),
                    (int) Math.min(g.lastCol(), Math.max(near, far)),
                    g.row0(),
                    g.row1(),
                    near,
                    false,
                    g);
        }
    }

    private void prefetch(int c0, int c1, int r0, int r1, long near, boolean rows, TileGrid g) {
        if (c0 > c1 || r0 > r1 || near < 0 || near > (rows ? g.lastRow() : g.lastCol())) {
            return;
        }
        boolean nearMissing = false;
        for (int i = rows ? c0 : r0; i <= (rows ? c1 : r1); i++) {
            Tile t = rows ? tiles.get(TileGrid.id(i, (int) near)) : tiles.get(TileGrid.id((int) near, i));
            nearMissing |= t == null || t.stale;
        }
        if (nearMissing) {
            paint(c0, c1, r0, r1, g);
        }
    }

    /** Drops the least recently shown tiles beyond {@value #MAX_TILES}, never one the view needs. */
    private void evict(TileGrid g) {
        Iterator<Map.Entry<Long, Tile>> it = tiles.entrySet().iterator();
        while (tiles.size() > MAX_TILES && it.hasNext()) {
            Map.Entry<Long, Tile> e = it.next();
            int c = (int) (e.getKey() >> 32);
            int r = (int) (long) e.getKey();
            if (c >= g.col0() && c <= g.col1() && r >= g.row0() && r <= g.row1()) {
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

    /** Marks stale the tiles under a rectangle of device pixels of the grid (right and bottom edges excluded). */
    private void staleUnder(long x0, long y0, long x1, long y1) {
        for (int r = (int) Math.floorDiv(y0, TILE_PX); r <= Math.floorDiv(y1 - 1, TILE_PX); r++) {
            for (int c = (int) Math.floorDiv(x0, TILE_PX); c <= Math.floorDiv(x1 - 1, TILE_PX); c++) {
                Tile t = tiles.get(TileGrid.id(c, r));
                if (t != null) {
                    t.stale = true;
                }
            }
        }
    }
}
