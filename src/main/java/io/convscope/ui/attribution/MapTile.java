package io.convscope.ui.attribution;

import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapScale;
import io.convscope.network.AttributionMap;
import io.convscope.ui.common.HeatmapView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;

import java.util.function.BiConsumer;

/**
 * One map drawn as its own heatmap, a crisp square per value at the map's resolution (26 x 26 for Tiny VGG's
 * Grad-CAM, never upsampled or blurred), coloured by its own {@link MapScale}; the pointer reports the cell under it.
 */
final class MapTile extends StackPane {

    private final HeatmapView view = new HeatmapView();

    private AttributionMap map;
    private MapPlane plane = MapPlane.MAGNITUDE;
    private MapScale scale;

    /** {@code hover} receives (row, column) of the cell under the pointer, or null when it leaves. */
    MapTile(BiConsumer<Integer, Integer> hover) {
        getStyleClass().add("attribution-map");
        getChildren().add(view);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        view.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell == null) {
                hover.accept(null, null);
            } else {
                hover.accept(cell[0], cell[1]);
            }
        });
        view.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.accept(null, null));
    }

    void show(AttributionMap m, MapPlane p, double side) {
        map = m;
        plane = p.fitting(m);
        float[] values = plane.values(m);
        scale = MapScale.of(values);
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            argb[i] = scale.argb(values[i]);
        }
        int w = m.shape().width();
        int h = m.shape().height();
        view.showPixels(argb, w, h);
        // Every map as large as the space, whatever its resolution: blocks differ by one pixel at most, each one
        // colour (PixelBlocks), so 64 x 64 gradients and 15 x 15 occlusion grids compare at the same size.
        view.size(side, side * h / w);
    }

    /** The map cell under a point of this view, {row, column}, or null outside. */
    int[] cellAt(double x, double y) {
        if (map == null || x < 0 || y < 0 || x >= view.getFitWidth() || y >= view.getFitHeight()) {
            return null;
        }
        return new int[] {
            (int) (y / view.getFitHeight() * map.shape().height()),
            (int) (x / view.getFitWidth() * map.shape().width())
        };
    }

    /** The heatmap itself (tests point at its cells). */
    HeatmapView heatmap() {
        return view;
    }

    AttributionMap map() {
        return map;
    }

    MapPlane plane() {
        return plane;
    }

    MapScale scale() {
        return scale;
    }
}
