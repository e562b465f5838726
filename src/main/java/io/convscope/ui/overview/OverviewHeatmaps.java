package io.convscope.ui.overview;

import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewViewport;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import javafx.scene.Group;

import java.util.ArrayList;
import java.util.List;

/**
 * The heatmaps of the overview's map columns: one view per shown neuron, re-rendered only when what it shows changes
 * (another snapshot, colour range or scroll position) and only for columns in view.
 */
final class OverviewHeatmaps {

    private final Palette palette;
    private final List<List<HeatmapView>> views = new ArrayList<>();
    /** What each column's heatmaps were last rendered from: snapshot, range and first neuron; null when hidden. */
    private Object[] rendered = new Object[0];

    OverviewHeatmaps(Palette palette) {
        this.palette = palette;
    }

    /** Makes the views of a new network's map columns and adds them to {@code content}. */
    void build(ShownNeurons shown, Group content) {
        views.clear();
        rendered = new Object[0];
        for (int c = 0; c < shown.columns().size(); c++) {
            List<HeatmapView> column = new ArrayList<>();
            if (shown.columns().get(c).isMap()) {
                for (int i = 0; i < shown.shown(c); i++) {
                    HeatmapView v = new HeatmapView();
                    v.getStyleClass().add("neuron");
                    column.add(v);
                    content.getChildren().add(v);
                }
            }
            views.add(column);
        }
    }

    /** The heatmap drawn for a neuron, or null when it is scrolled out of view. */
    HeatmapView view(ShownNeurons shown, int column, int neuron) {
        int slot = shown.slotOf(column, neuron);
        return slot < 0 || !shown.columns().get(column).isMap()
                ? null
                : views.get(column).get(slot);
    }

    /** Sizes and places the views of map column {@code c}. */
    void layout(OverviewLayout layout, ShownNeurons shown, int c) {
        List<OverviewLayout.Placed> placed = layout.placed(c, shown.first(c));
        List<HeatmapView> column = views.get(c);
        for (int slot = 0; slot < column.size(); slot++) {
            OverviewLayout.Box b = placed.get(slot).box();
            column.get(slot).size(layout.neuronSize());
            column.get(slot).relocate(b.x(), b.y());
        }
    }

    /** Renders what is in view and not already showing exactly this; hides the views of columns out of view. */
    void render(
            OverviewLayout layout,
            ShownNeurons shown,
            OverviewViewport viewport,
            ActivationSnapshot snapshot,
            double[] ranges) {
        List<OverviewColumn> columns = shown.columns();
        if (rendered.length != columns.size()) {
            rendered = new Object[columns.size()];
        }
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            if (!col.isMap()) {
                continue;
            }
            boolean visible = viewport.columnVisible(layout, c);
            for (HeatmapView v : views.get(c)) {
                v.setVisible(visible);
            }
            LayerActivation a = snapshot.layer(col.layerIndex());
            double range = ranges[col.layerIndex()];
            List<Object> key = List.of(snapshot, range, shown.first(c), col.kind());
            if (!visible || key.equals(rendered[c])) {
                continue; // off screen (rendered when scrolled to), or already showing exactly this
            }
            rendered[c] = key;
            for (int slot = 0; slot < views.get(c).size(); slot++) {
                int neuron = shown.first(c) + slot;
                views.get(c)
                        .get(slot)
                        .show(
                                a,
                                neuron,
                                col.kind() == OverviewColumn.Kind.INPUT
                                        ? palette::input
                                        : v -> palette.activation(v, range));
            }
        }
    }
}
