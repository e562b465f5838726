package io.convscope.ui.overview;

import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.overview.ShownNeurons;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** The keyboard focus in the overview: a ring around the focused neuron's heatmap or class row. */
final class NeuronFocusRing extends Rectangle {

    /** Space between the ring and what it surrounds. */
    private static final double PAD = 3;

    NeuronFocusRing() {
        setFill(Color.TRANSPARENT);
        getStyleClass().add("focus-ring");
        setStrokeWidth(2.5);
        setVisible(false);
        setMouseTransparent(true);
    }

    /** Around neuron {@code f}; hidden when there is none, no layout yet, or the neuron is scrolled away. */
    void place(OverviewNeuron f, OverviewLayout layout, ShownNeurons shown) {
        OverviewLayout.Box b = f == null || layout == null ? null : shown.box(layout, f.column(), f.index());
        if (b == null) {
            setVisible(false);
            return;
        }
        setX(b.x() - PAD);
        setY(b.y() - PAD);
        setWidth(shown.hitWidth(layout, f.column()) + 2 * PAD);
        setHeight(b.size() + 2 * PAD);
        setVisible(true);
    }
}
