package io.convscope.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The ⓘ button every explanation view has: hovering or clicking it shows a short explanation of the view. (The
 * tutorial article will take over from here: its button will open the matching section.)
 */
final class InfoButton extends Button {

    static final double TEXT_WIDTH = 380;
    static final double BELOW = 30;

    private final Tooltip explanation = new Tooltip();

    InfoButton(String id, String text) {
        super(null, new FontIcon(Material2AL.INFO));
        getStyleClass().add("flat");
        setId(id);
        explanation.setWrapText(true);
        explanation.setMaxWidth(TEXT_WIDTH);
        setExplanation(text);
        setTooltip(explanation);
        setOnAction(e -> explanation.show(this, localToScreen(0, 0).getX(), localToScreen(0, 0).getY() + BELOW));
    }

    void setExplanation(String text) {
        explanation.setText(text);
    }
}
