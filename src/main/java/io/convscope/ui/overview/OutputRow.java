package io.convscope.ui.overview;

import javafx.scene.control.Label;
import javafx.scene.shape.Rectangle;

/** A class in the overview's output column: its name, an animated probability bar and the value. */
final class OutputRow {
    final Label name;
    final Rectangle bar = new Rectangle(0, 6);
    final Label value = new Label();

    OutputRow(String className) {
        name = new Label(className);
        name.getStyleClass().add("class-name");
        value.getStyleClass().add("probability-value");
    }

    /**
     * Touches the style classes only when the state changes: the layout pass calls this, and any edit of the
     * list restyles the label, whose new font asks for another layout, every pulse, forever (a core at idle).
     */
    void setTop(boolean top) {
        if (top != name.getStyleClass().contains("top-class")) {
            if (top) {
                name.getStyleClass().add("top-class");
            } else {
                name.getStyleClass().remove("top-class");
            }
        }
    }
}
