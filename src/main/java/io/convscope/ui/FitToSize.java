package io.convscope.ui;

import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Shows one node at its preferred size, scaled down uniformly (never up) when the space is smaller, and centred:
 * an explanation view drawn for a wide window stays whole in a narrow one instead of being cut off.
 */
final class FitToSize extends Region {

    private final Node content;

    FitToSize(Node content) {
        this.content = content;
        getChildren().add(content);
        setMinSize(0, 0);
        // Only the content takes the pointer: a click on the space around it reaches the layer below, which closes the
        // view (this region spans the whole layer and swallowed those clicks).
        setPickOnBounds(false);
    }

    Node content() {
        return content;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, content.prefWidth(-1));
        double h = Math.max(1, content.prefHeight(w));
        content.resize(w, h);
        double scale = Math.min(1, Math.min(getWidth() / w, getHeight() / h));
        content.setScaleX(scale);
        content.setScaleY(scale);
        // Scaling is about the node's centre, so centre the unscaled box in this region.
        content.relocate((getWidth() - w) / 2, (getHeight() - h) / 2);
    }
}
