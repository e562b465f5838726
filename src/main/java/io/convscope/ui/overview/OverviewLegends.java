package io.convscope.ui.overview;

import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewViewport;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.LegendPainter;
import io.convscope.ui.common.Palette;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/**
 * The colour legends under the overview's columns, on a canvas covering only the visible part (a 20,000 px canvas
 * would not fit); {@link LegendPainter} draws them. Shown with the details only.
 */
final class OverviewLegends {

    private final Canvas canvas = new Canvas();
    private final Palette palette;

    OverviewLegends(Palette palette) {
        this.palette = palette;
    }

    Canvas canvas() {
        return canvas;
    }

    /** Clears the canvas and, when there is a layout, a snapshot and details are on, paints the legends in view. */
    void draw(
            OverviewLayout layout,
            boolean details,
            ActivationSnapshot snapshot,
            ColorRanges ranges,
            RangeMode mode,
            OverviewViewport viewport) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.translate(-canvas.getLayoutX(), 0);
        if (layout == null || !details || snapshot == null) {
            return;
        }
        LegendPainter.paint(
                g, layout, layout.columns(), ranges, mode, snapshot, palette, viewport.left(), viewport.right());
    }
}
