package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.NodeColors;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.architecture.tiles.ArchitectureTiles;
import io.convscope.ui.common.Palette;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Puts the architecture view's frames on screen: from {@link ArchitectureTiles} when its tiles cover the view, else
 * drawn directly on a canvas; after a direct frame (or a highlight drawn as patches) it fills the tiles in, a few per
 * pulse, once the view has been still for a moment. Apart from {@link ArchitectureView}, which decides what a frame
 * shows, because choosing between tiles and the canvas, and when to paint tiles, is its own timing policy.
 */
final class ArchitectureFrameDrawer {

    /**
     * Tiles are filled in only this long after the last zoom, theme, layout or highlight change that left the view
     * without them (or with patches over them): a zoom gesture's or a moving pointer's steps come faster, and painting
     * tiles for each would be wasted.
     */
    static final double TILE_FILL_DELAY_MS = 120;
    /** Tiles one pulse paints while filling in (a row of a 1440 px wide view), so the window stays responsive. */
    static final int TILE_FILL_PER_PULSE = 8;

    private final Region view;
    private final Canvas canvas = new Canvas();
    private final ArchitecturePainter painter;
    private final ArchitectureTiles tiles;
    private final AnimationTimer tileFiller;
    /** The frame the view shows now. */
    private final Supplier<ArchitectureFrame> current;
    /** The view drawing its frame again, once the tiles are filled in. */
    private final Runnable redraw;

    private long stillSince;
    private long directFrames;

    ArchitectureFrameDrawer(
            Region view, ArchitecturePainter painter, Supplier<ArchitectureFrame> current, Runnable redraw) {
        this.view = view;
        this.painter = painter;
        this.current = current;
        this.redraw = redraw;
        this.tiles = new ArchitectureTiles(painter);
        this.tileFiller = new AnimationTimer() {
            @Override
            public void handle(long now) {
                fillTiles();
            }
        };
    }

    /** The canvas direct frames are drawn on; the view sizes it to itself. */
    Canvas canvas() {
        return canvas;
    }

    /** The node that shows the tiles, over the canvas. */
    Pane tileLayer() {
        return tiles.layer();
    }

    /** Shows {@code frame}, the view having just been panned by ({@code panX}, {@code panY}) (0, 0: not a pan). */
    void draw(ArchitectureFrame frame, double panX, double panY) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double ratio = pixelRatio();
        boolean hasLayout = frame.layout() != null;
        boolean fromTiles = hasLayout && w > 0 && h > 0 && ratio > 0 && tiles.show(frame, ratio, panX, panY);
        if (!fromTiles) {
            painter.paint(canvas.getGraphicsContext2D(), frame);
            directFrames++;
            if (hasLayout && ratio > 0) {
                if (panX == 0 && panY == 0) {
                    stillSince = System.nanoTime(); // a pan does not restart the wait: its tiles stay valid
                }
                tileFiller.start();
            }
        }
        if (fromTiles && tiles.patched()) {
            // a highlight change drawn over the tiles: folded into them once the view is still
            stillSince = System.nanoTime();
            tileFiller.start();
        }
        canvas.setVisible(!fromTiles);
        tiles.layer().setVisible(fromTiles);
        // where no tile lies (around the drawing) the view's own background shows; under opaque tiles or the canvas
        // it would only cost the software renderer a fill of the whole view
        Background background = fromTiles && !tiles.coversView()
                ? Background.fill(Palette.fx(NodeColors.background(frame.dark())))
                : null;
        if (!Objects.equals(view.getBackground(), background)) {
            view.setBackground(background);
        }
    }

    /**
     * Device pixels per view pixel of the window the view is in (1 when not in one), or 0 when they differ across
     * and down: tiles are square, so such a screen gets direct drawing only.
     */
    private double pixelRatio() {
        Window w = view.getScene() == null ? null : view.getScene().getWindow();
        if (w == null) {
            return 1;
        }
        return w.getRenderScaleX() == w.getRenderScaleY() ? w.getRenderScaleX() : 0;
    }

    /** One pulse's share of filling in the tiles once the view is still; shows them when they cover it. */
    private void fillTiles() {
        double ratio = pixelRatio();
        ArchitectureFrame frame = current.get();
        if (frame.layout() == null || ratio <= 0 || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            tileFiller.stop();
            return;
        }
        if (System.nanoTime() - stillSince < TILE_FILL_DELAY_MS * 1e6) {
            return;
        }
        tiles.fill(frame, ratio, TILE_FILL_PER_PULSE);
        if (tiles.complete(frame, ratio)) {
            tileFiller.stop();
            redraw.run();
        }
    }

    /** Frames drawn directly on the canvas rather than from tiles (for the benchmark). */
    long directFrames() {
        return directFrames;
    }

    /** Tiles painted so far (for the benchmark). */
    long tilesPainted() {
        return tiles.painted();
    }

    /** Whether highlight changes are drawn over the tiles rather than in them yet (for tests). */
    boolean showsPatches() {
        return tiles.patched();
    }

    /** Whether the last frame came from tiles (for tests). */
    boolean showsTiles() {
        return tiles.layer().isVisible();
    }
}
