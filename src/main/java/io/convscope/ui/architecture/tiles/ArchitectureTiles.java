package io.convscope.ui.architecture.tiles;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.architecture.tiles.TileStore.Range;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.List;

/**
 * The architecture graph at the current zoom cut into square images, so that panning moves images instead of
 * drawing the graph again: with the software renderer (no GPU) copying an image is several times cheaper than
 * drawing its boxes, edges and labels. A tile is painted by the same {@link ArchitecturePainter} as the direct
 * drawing, on the same device-pixel grid (the tiles keep the sub-pixel phase of the translation), so the picture is
 * the same either way. Tiles are thrown away when what they show changes: zoom, theme, layout (a block opened or
 * closed), pixel ratio. Tiles keep the highlight (selection, hover, search) they were painted with, their base;
 * where the highlight shown differs from it, small canvases over the tiles ("patches") draw just those boxes and
 * edges, so a hover or a click costs no tile painting. On the next pan, or once the view is still, the tiles under
 * the patches are repainted with the highlight shown, which becomes the base. The tiles themselves, and how a batch
 * of them is painted, are kept by a {@link TileStore}. Not thread-safe: JavaFX thread only.
 */
public final class ArchitectureTiles {

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

    private final TileStore store;
    private final Pane layer = new Pane();
    /** Canvases over the tiles showing where the highlight shown differs from the tiles' base. */
    private final HighlightPatches patches;
    /** The grid of the last frame shown from tiles, null after any other. */
    private TileGrid last;

    private TileKey key;
    /** The highlight the tiles are painted with. */
    private ArchitecturePainter.Highlight base = ArchitecturePainter.Highlight.NONE;
    /** The highlight shown (the patches draw the difference). */
    private ArchitecturePainter.Highlight shown = ArchitecturePainter.Highlight.NONE;

    private List<EdgeLabels.Label> edgeLabels = List.of();
    private boolean covers;

    public ArchitectureTiles(ArchitecturePainter painter) {
        this.store = new TileStore(painter);
        this.patches = new HighlightPatches(painter, layer);
        layer.setManaged(false);
        layer.setMouseTransparent(true);
    }

    /** The node that shows the tiles; the view puts it where its canvas is. */
    public Pane layer() {
        return layer;
    }

    /** Tiles painted so far (for the benchmark). */
    public long painted() {
        return store.painted();
    }

    /**
     * Places the tiles that cover {@code frame} at {@code ratio} device pixels per pixel, painting the missing ones,
     * and those {@value #PREFETCH_DEPTH} rows or columns ahead in the direction of a pan by ({@code panX},
     * {@code panY}). A highlight change in an otherwise unchanged frame is drawn as patches over the tiles (see
     * {@link HighlightPatches}). Returns false, placing nothing, when more than {@value #BUILD_PER_FRAME} tiles on
     * screen were never painted: the caller then draws the frame itself.
     */
    public boolean show(ArchitectureFrame frame, double ratio, double panX, double panY) {
        TileGrid g = sync(frame, ratio, true);
        List<long[]> missing = store.missing(g);
        long unpainted =
                missing.stream().filter(m -> !store.has((int) m[0], (int) m[1])).count();
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
        paintAll(missing);
        List<Node> shown = new ArrayList<>();
        for (int r = g.row0(); r <= g.row1(); r++) {
            for (int c = g.col0(); c <= g.col1(); c++) {
                ImageView view = store.view(c, r); // also marks it recently shown
                g.place(view, c, r, frame.viewport().w(), frame.viewport().h());
                shown.add(view);
            }
        }
        shown.addAll(patches.canvases());
        if (!layer.getChildren().equals(shown)) {
            layer.getChildren().setAll(shown);
        }
        prefetch(g, panX, panY);
        store.evict(g);
        last = g;
        return true;
    }

    /**
     * Brings the tiles up to a frame's key and highlight. A new key forgets every tile. In a frame otherwise the one
     * shown last ({@code patching}, same place, same tiles on screen) a highlight change redraws the patches; in any
     * other frame, or when the patches would be too large, the highlight shown becomes the base: the tiles under the
     * difference turn stale (repainted before they are shown) and the patches go.
     */
    private TileGrid sync(ArchitectureFrame frame, double ratio, boolean patching) {
        TileGrid g = TileGrid.of(frame.layout(), frame.viewport(), ratio);
        TileKey k = TileKey.of(frame, g);
        ArchitecturePainter.Highlight next = frame.highlight();
        if (!k.same(key)) {
            clear();
            key = k;
            edgeLabels = frame.edgeLabels();
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
                store.staleUnder(r[0], r[1], r[2], r[3]);
            }
            base = shown;
        }
    }

    /** Whether the tiles placed last cover the whole view (it is then all drawing, nothing around it). */
    public boolean coversView() {
        return covers;
    }

    /**
     * Whether every tile {@code frame} needs is painted and current, with no patches over it (a frame from tiles then
     * costs no painting).
     */
    public boolean complete(ArchitectureFrame frame, double ratio) {
        TileGrid g = TileGrid.of(frame.layout(), frame.viewport(), ratio);
        return TileKey.of(frame, g).same(key)
                && base.equals(frame.highlight())
                && shown.equals(frame.highlight())
                && patches.isEmpty()
                && store.missing(g).isEmpty();
    }

    /**
     * Paints up to {@code budget} missing or stale tiles of {@code frame}, top row first, without showing anything;
     * for filling the tiles in while the view is still. The highlight shown becomes the base first; the patches stay
     * until no tile on screen is stale (they show the same). Returns how many tiles it painted.
     */
    public int fill(ArchitectureFrame frame, double ratio, int budget) {
        TileGrid g = sync(frame, ratio, false);
        baseOnShown();
        List<long[]> missing = store.missing(g);
        List<long[]> now = missing.subList(0, Math.min(budget, missing.size()));
        paintAll(now);
        if (now.size() == missing.size()) {
            patches.drop();
        }
        store.evict(g);
        return now.size();
    }

    /** Whether patches lie over the tiles (the view then fills the tiles in once it is still). */
    public boolean patched() {
        return !patches.isEmpty();
    }

    /** Forgets every tile (their images are reused). */
    void clear() {
        patches.drop();
        patches.forget();
        store.clear();
        layer.getChildren().clear();
        key = null;
        last = null;
    }

    /** Paints the given tiles in one batch: the rectangle from the first to the last of them. */
    private void paintAll(List<long[]> wanted) {
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
        paint(new Range(c0, c1, r0, r1));
    }

    private void paint(Range range) {
        store.paint(range, key, edgeLabels, base);
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
            int r0 = (int) Math.max(0, Math.min(near, far));
            int r1 = (int) Math.min(g.lastRow(), Math.max(near, far));
            prefetch(new Range(g.col0(), g.col1(), r0, r1), near, true, g);
        }
        if (panX != 0) {
            long near = panX < 0 ? g.screenCol1() + 1 : g.screenCol0() - 1;
            long far = panX < 0 ? near + PREFETCH_DEPTH - 1 : near - PREFETCH_DEPTH + 1;
            int c0 = (int) Math.max(0, Math.min(near, far));
            int c1 = (int) Math.min(g.lastCol(), Math.max(near, far));
            prefetch(new Range(c0, c1, g.row0(), g.row1()), near, false, g);
        }
    }

    /** Paints {@code range} when the row ({@code rows}) or column {@code near} in it, next to the view, is missing. */
    private void prefetch(Range range, long near, boolean rows, TileGrid g) {
        if (range.c0() > range.c1()
                || range.r0() > range.r1()
                || near < 0
                || near > (rows ? g.lastRow() : g.lastCol())) {
            return;
        }
        boolean nearMissing = false;
        for (int i = rows ? range.c0() : range.r0(); i <= (rows ? range.c1() : range.r1()); i++) {
            nearMissing |= rows ? store.needsPaint(i, (int) near) : store.needsPaint((int) near, i);
        }
        if (nearMissing) {
            paint(range);
        }
    }
}
