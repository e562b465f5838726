package io.convscope.ui.common;

import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Shows one node at its preferred size, scaled uniformly to the space: down when the space is smaller, so an
 * explanation view drawn for a wide window stays whole in a 1024 x 640 one instead of being cut off, and up to
 * {@code maxScale} when it is larger, so a 1920 x 1080 window is used instead of framing a small view in empty space.
 */
public final class FitToSize extends Region {

    /** How much a view may grow in a big window: more would only blow up its text without showing anything more. */
    public static final double VIEW_MAX_SCALE = 1.4;

    private final Node content;
    private final double maxScale;
    private final VPos vertical;

    /** Scaled down only, centred. */
    public FitToSize(Node content) {
        this(content, 1, Pos.CENTER);
    }

    /**
     * @param maxScale  the largest scale (1: never enlarged)
     * @param alignment where the content sits when it does not fill the space (only its vertical part is used; the
     *                  content is always centred across)
     */
    public FitToSize(Node content, double maxScale, Pos alignment) {
        this.content = content;
        this.maxScale = maxScale;
        this.vertical = alignment.getVpos();
        getChildren().add(content);
        setMinSize(0, 0);
        // Only the content takes the pointer: a click on the space around it reaches the layer below, which closes the
        // view (this region spans the whole layer and swallowed those clicks).
        setPickOnBounds(false);
    }

    Node content() {
        return content;
    }

    /** The scale the content is shown at (for tests). */
    public double scale() {
        return content.getScaleX();
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, content.prefWidth(-1));
        double h = Math.max(1, content.prefHeight(w));
        content.resize(w, h);
        double scale = Math.min(maxScale, Math.min(getWidth() / w, getHeight() / h));
        content.setScaleX(scale);
        content.setScaleY(scale);
        // Scaling is about the node's centre, so place the unscaled box where its scaled self should be centred.
        double y =
                switch (vertical) {
                    case TOP -> h * scale / 2;
                    case BOTTOM, BASELINE -> getHeight() - h * scale / 2;
                    default -> getHeight() / 2;
                };
        content.relocate((getWidth() - w) / 2, y - h / 2);
    }
}
