package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.GraphLayout;
import io.convscope.ui.architecture.paint.ArchitectureFrame.Viewport;

/**
 * Where the architecture view looks: its zoom and translation (view pixels), and the moves that change them: fit,
 * zoom around a point, pan, centre on a box. Plain arithmetic, kept apart from the view, which handles the screen,
 * the gestures and the drawing.
 */
final class ArchitectureCamera {

    static final double MIN_SCALE = 0.02;
    static final double MAX_SCALE = 4;
    /** Fit never enlarges a small graph beyond this: boxes would look bloated. */
    static final double MAX_FIT_SCALE = 1.25;
    /** Centring on a node zooms in to at least this, so the node is readable. */
    static final double READABLE_SCALE = 0.9;

    private double scale = 1;
    private double tx;
    private double ty;

    double scale() {
        return scale;
    }

    /** The translation, view pixels. */
    double[] translation() {
        return new double[] {tx, ty};
    }

    /** What a {@code w × h} view shows now. */
    Viewport viewport(double w, double h) {
        return new Viewport(scale, tx, ty, w, h);
    }

    /**
     * The opening view of a {@code w × h} view: the whole graph when it is readable that way, else the top of it at a
     * readable zoom (a student starts reading at the input).
     */
    void fitTop(GraphLayout layout, double w, double h) {
        double fitScale = Math.min(MAX_FIT_SCALE, Math.min(w / layout.width(), h / layout.height()));
        if (fitScale >= READABLE_SCALE * 0.75) {
            fit(layout, w, h);
            return;
        }
        scale = Math.min(1, Math.max(READABLE_SCALE * 0.85, w / layout.width()));
        tx = (w - layout.width() * scale) / 2;
        ty = 0;
    }

    /** The whole graph, centred in a {@code w × h} view. */
    void fit(GraphLayout layout, double w, double h) {
        scale = Math.max(MIN_SCALE, Math.min(MAX_FIT_SCALE, Math.min(w / layout.width(), h / layout.height())));
        tx = (w - layout.width() * scale) / 2;
        ty = (h - layout.height() * scale) / 2;
    }

    /** Zooms by {@code factor} (within the limits), keeping the point ({@code px}, {@code py}) where it is. */
    void zoomAt(double factor, double px, double py) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        double f = next / scale;
        tx = px - (px - tx) * f;
        ty = py - (py - ty) * f;
        scale = next;
    }

    void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
    }

    /** Moves the layout rectangle {@code bounds} (x0, y0, x1, y1) to the middle of a {@code w × h} view, readable. */
    void centreOn(double[] bounds, double w, double h) {
        if (scale < READABLE_SCALE) {
            scale = READABLE_SCALE;
        }
        double cx = (bounds[0] + bounds[2]) / 2;
        double cy = (bounds[1] + bounds[3]) / 2;
        tx = w / 2 - cx * scale;
        ty = h / 2 - cy * scale;
    }

    /** Moves the view so that box {@code b}'s centre lies at the screen point {@code screen}, at the same zoom. */
    void place(GraphLayout.Box b, double[] screen) {
        tx = screen[0] - b.centerX() * scale;
        ty = screen[1] - b.centerY() * scale;
    }

    /** Where box {@code id}'s centre is on screen, or null when {@code layout} has no such box. */
    double[] screenCentre(GraphLayout layout, String id) {
        for (GraphLayout.Box b : layout.nodes()) {
            if (b.node().id().equals(id)) {
                return new double[] {b.centerX() * scale + tx, b.centerY() * scale + ty};
            }
        }
        return null;
    }

    /** The box under the screen point ({@code sx}, {@code sy}), or null. */
    GraphLayout.Box boxAt(GraphLayout layout, double sx, double sy) {
        return layout.boxAt((sx - tx) / scale, (sy - ty) / scale);
    }
}
