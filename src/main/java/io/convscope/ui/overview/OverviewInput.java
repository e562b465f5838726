package io.convscope.ui.overview;

import io.convscope.explain.overview.EdgeRoutes;
import io.convscope.explain.overview.OverviewEdge;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.ui.common.HeatmapView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The pointer and the keys over the overview: hovering a neuron or a convolution edge, clicking a neuron, the wheel
 * over a column that scrolls its channels, and the arrow keys, Enter and Esc that move, choose and clear the focus.
 * Apart from {@link OverviewPane} so the pane only lays out and draws; what is hovered and focused is kept by
 * {@link OverviewFocus}.
 */
final class OverviewInput {

    private final OverviewPane pane;
    private final OverviewFocus focus;

    private OverviewInput(OverviewPane pane, OverviewFocus focus) {
        this.pane = pane;
        this.focus = focus;
    }

    /** Routes {@code pane}'s mouse, wheel and key events. */
    static void install(OverviewPane pane, OverviewFocus focus) {
        OverviewInput input = new OverviewInput(pane, focus);
        pane.addEventHandler(MouseEvent.MOUSE_MOVED, input::onMouseMoved);
        pane.addEventHandler(MouseEvent.MOUSE_EXITED, e -> input.hover(null, null));
        pane.addEventHandler(ScrollEvent.SCROLL, input::onScroll);
        pane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            OverviewNeuron n = focus.hoveredProperty().get();
            if (n != null && focus.hoveredEdge() == null && e.isStillSincePress()) {
                pane.choose(n);
            }
        });
        pane.addEventHandler(KeyEvent.KEY_PRESSED, input::onKey);
    }

    private void onMouseMoved(MouseEvent e) {
        OverviewLayout layout = pane.layoutGeometry();
        if (layout == null) {
            return;
        }
        ShownNeurons shown = pane.shown();
        OverviewNeuron n = shown.neuronAt(layout, e.getX(), e.getY());
        if (n != null) {
            focus.setHoveredEdge(null);
            hover(n, e);
            return;
        }
        OverviewEdge edge = EdgeRoutes.convolutionEdgeAt(layout, shown, e.getX(), e.getY());
        if (edge != null) {
            boolean changed = focus.setHoveredEdge(edge);
            hover(new OverviewNeuron(edge.column(), edge.target()), null);
            focus.readKernel(edge);
            if (changed) {
                pane.drawEdges();
            }
            return;
        }
        if (focus.setHoveredEdge(null)) {
            pane.drawEdges();
        }
        hover(null, null);
    }

    /** Hovers a neuron (null: none), reading out the cell under the pointer when {@code e} is on its heatmap. */
    private void hover(OverviewNeuron n, MouseEvent e) {
        HeatmapView v = n == null || e == null ? null : pane.heatmap(n.column(), n.index());
        int[] cell = v == null ? null : v.cellAt(e.getX() - v.getLayoutX(), e.getY() - v.getLayoutY());
        if (focus.hover(n, cell, pane.snapshot())) {
            pane.drawEdges();
        }
    }

    /** The vertical wheel over a column's neurons scrolls its channels; anything else is left to pan the network. */
    private void onScroll(ScrollEvent e) {
        OverviewLayout layout = pane.layoutGeometry();
        ShownNeurons shown = pane.shown();
        int c = layout == null || Math.abs(e.getDeltaX()) >= Math.abs(e.getDeltaY())
                ? -1
                : shown.scrollingColumnAt(layout, e.getX(), e.getY());
        if (c >= 0) {
            shown.scroll(c, e.getDeltaY() < 0 ? 1 : -1);
            pane.renderHeatmaps();
            pane.drawEdges();
            e.consume();
        }
    }

    private void onKey(KeyEvent e) {
        if (pane.columns().isEmpty()) {
            return;
        }
        OverviewNeuron f = focus.focusedProperty().get();
        OverviewNeuron next = OverviewFocus.arrowTarget(e.getCode(), f, pane.shown());
        if (next != null) {
            pane.moveFocus(next);
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && f != null) {
            pane.choose(f);
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            focus.focus(null, pane.snapshot());
            pane.drawEdges();
            e.consume();
        }
    }
}
