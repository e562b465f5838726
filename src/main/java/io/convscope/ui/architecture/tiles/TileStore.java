package io.convscope.ui.architecture.tiles;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.convscope.ui.architecture.tiles.ArchitectureTiles.MAX_TILES;
import static io.convscope.ui.architecture.tiles.ArchitectureTiles.TILE_PX;

/**
 * The painted architecture tiles of one {@link TileKey}, by column and row, least recently shown first, and how they
 * are painted: a rectangle of tiles at a time, on one canvas, cut up into images. Apart from {@link ArchitectureTiles}
 * because that one decides which tiles a frame needs and when a highlight is folded in; this one only keeps and paints
 * them, and bounds their memory. Not thread-safe: JavaFX thread only.
 */
final class TileStore {

    /** Columns {@code c0..c1} and rows {@code r0..r1} of tiles, ends included. */
    record Range(int c0, int c1, int r0, int r1) {}

    private static final class Tile {
        final ImageView view = new ImageView();
        WritableImage image;
        /** Painted for another base highlight (or never): repainted before it is shown. */
        boolean stale;
    }

    private final ArchitecturePainter painter;
    /** Where tiles are painted, several at a time; grows to the largest batch. */
    private final Canvas surface = new Canvas(TILE_PX, TILE_PX);

    private final byte[] pixels = new byte[TILE_PX * TILE_PX * 4];
    private final SnapshotParameters params = new SnapshotParameters();
    /** Tiles by column and row, least recently shown first: a lookup counts as being shown. */
    private final LinkedHashMap<Long, Tile> tiles = new LinkedHashMap<>(64, 0.75f, true);

    private final Deque<Tile> spare = new ArrayDeque<>();
    private long painted;

    TileStore(ArchitecturePainter painter) {
        this.painter = painter;
    }

    /** Tiles painted so far (for the benchmark). */
    long painted() {
        return painted;
    }

    /** Whether tile (c, r) was ever painted at this key (stale or not). */
    boolean has(int c, int r) {
        return tiles.get(TileGrid.id(c, r)) != null;
    }

    /** Whether tile (c, r) must be painted before it is shown: never painted, or stale. */
    boolean needsPaint(int c, int r) {
        Tile t = tiles.get(TileGrid.id(c, r));
        return t == null || t.stale;
    }

    /** The image of painted tile (c, r), now the most recently shown. */
    ImageView view(int c, int r) {
        return tiles.get(TileGrid.id(c, r)).view;
    }

    /** Tiles on screen that must be painted before they are shown, top row first. */
    List<long[]> missing(TileGrid g) {
        List<long[]> missing = new ArrayList<>();
        for (int r = g.row0(); r <= g.row1(); r++) {
            for (int c = g.col0(); c <= g.col1(); c++) {
                if (needsPaint(c, r)) {
                    missing.add(new long[] {c, r});
                }
            }
        }
        return missing;
    }

    /**
     * Paints the missing or stale tiles among {@code range} in one go, as {@code key}'s drawing with {@code base}
     * highlighted: the rectangle is drawn once and snapshotted once (each snapshot is a round trip to the renderer),
     * then cut up.
     */
    void paint(Range range, TileKey key, List<EdgeLabels.Label> labels, ArchitecturePainter.Highlight base) {
        int w = (range.c1() - range.c0() + 1) * TILE_PX;
        int h = (range.r1() - range.r0() + 1) * TILE_PX;
        if (surface.getWidth() < w || surface.getHeight() < h) {
            surface.setWidth(Math.max(w, surface.getWidth()));
            surface.setHeight(Math.max(h, surface.getHeight()));
        }
        long x = (long) range.c0() * TILE_PX;
        long y = (long) range.r0() * TILE_PX;
        painter.paint(
                surface.getGraphicsContext2D(),
                key.frame(labels, base, x, y, w / key.ratio(), h / key.ratio()),
                key.ratio());
        params.setViewport(new Rectangle2D(0, 0, w, h));
        WritableImage shot = surface.snapshot(params, null);
        WritablePixelFormat<ByteBuffer> bgra = PixelFormat.getByteBgraPreInstance();
        for (int r = range.r0(); r <= range.r1(); r++) {
            for (int c = range.c0(); c <= range.c1(); c++) {
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
                                (c - range.c0()) * TILE_PX,
                                (r - range.r0()) * TILE_PX,
                                TILE_PX,
                                TILE_PX,
                                bgra,
                                pixels,
                                0,
                                TILE_PX * 4);
                t.image.getPixelWriter().setPixels(0, 0, TILE_PX, TILE_PX, bgra, pixels, 0, TILE_PX * 4);
                t.view.setImage(t.image);
                t.stale = false;
                painted++;
            }
        }
    }

    /** Drops the least recently shown tiles beyond {@value ArchitectureTiles#MAX_TILES}, never one the view needs. */
    void evict(TileGrid g) {
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

    /** Forgets every tile (their images are reused). */
    void clear() {
        for (Tile t : tiles.values()) {
            recycle(t);
        }
        tiles.clear();
    }

    private void recycle(Tile t) {
        t.stale = true;
        t.view.setImage(null);
        if (spare.size() < MAX_TILES / 4) {
            spare.push(t);
        }
    }

    /** Marks stale the tiles under a rectangle of device pixels of the grid (right and bottom edges excluded). */
    void staleUnder(long x0, long y0, long x1, long y1) {
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
