package io.convscope.ui.architecture.tiles;

import io.convscope.explain.graph.GraphLayout;
import io.convscope.ui.architecture.paint.ArchitectureFrame.Viewport;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;

import static io.convscope.ui.architecture.tiles.ArchitectureTiles.TILE_PX;

/**
 * Which architecture tiles a view needs. Tile (c, r) holds the device pixels [c·T, (c+1)·T) × [r·T, (r+1)·T) of the
 * graph drawn at {@code scale · ratio} and shifted by the sub-pixel phase; on screen it starts at (c·T + originX)
 * device pixels. Tiles cover the drawing only: around it the view's background shows.
 */
record TileGrid(
        double scale,
        double ratio,
        long originX,
        long originY,
        double phaseX,
        double phaseY,
        int col0,
        int col1,
        int row0,
        int row1,
        int lastCol,
        int lastRow,
        long screenCol0,
        long screenCol1,
        long screenRow0,
        long screenRow1,
        long viewWidth,
        long viewHeight) {

    /** The grid of a view showing {@code layout} through {@code viewport}, {@code ratio} device pixels per pixel. */
    static TileGrid of(GraphLayout layout, Viewport viewport, double ratio) {
        double scale = viewport.scale();
        double tx = viewport.tx();
        double ty = viewport.ty();
        double w = viewport.w();
        double h = viewport.h();
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
        return new TileGrid(
                scale,
                ratio,
                ox,
                oy,
                px,
                py,
                (int) Math.max(0, sc0),
                (int) Math.min(lastCol, sc1),
                (int) Math.max(0, sr0),
                (int) Math.min(lastRow, sr1),
                lastCol,
                lastRow,
                sc0,
                sc1,
                sr0,
                sr1,
                (long) Math.ceil(w * ratio),
                (long) Math.ceil(h * ratio));
    }

    /** One key for tile (c, r). */
    static long id(int c, int r) {
        return ((long) c << 32) | (r & 0xFFFFFFFFL);
    }

    /** Whether this grid places the same tiles at the same place as {@code o}. */
    boolean samePlace(TileGrid o) {
        return o != null
                && o.originX == originX
                && o.originY == originY
                && o.col0 == col0
                && o.col1 == col1
                && o.row0 == row0
                && o.row1 == row1;
    }

    /**
     * Puts tile (c, r)'s visible part on a {@code w × h} view: the rest is cut off, so the view's bounds stay its
     * own.
     */
    void place(ImageView view, int c, int r, double w, double h) {
        long left = (long) c * TILE_PX + originX;
        long top = (long) r * TILE_PX + originY;
        double x0 = Math.max(left, 0);
        double y0 = Math.max(top, 0);
        double x1 = Math.min(left + TILE_PX, Math.ceil(w * ratio));
        double y1 = Math.min(top + TILE_PX, Math.ceil(h * ratio));
        Rectangle2D part = new Rectangle2D(x0 - left, y0 - top, x1 - x0, y1 - y0);
        if (!part.equals(view.getViewport())) {
            view.setViewport(part);
        }
        view.setLayoutX(x0 / ratio);
        view.setLayoutY(y0 / ratio);
        if (ratio != 1) {
            view.setFitWidth((x1 - x0) / ratio);
            view.setFitHeight((y1 - y0) / ratio);
        } else {
            view.setFitWidth(0);
            view.setFitHeight(0);
        }
    }
}
