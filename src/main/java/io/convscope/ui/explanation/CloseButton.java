package io.convscope.ui.explanation;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The × of an explanation view's header: the same way out as Esc and a click outside the view. */
public final class CloseButton extends Button {

    public CloseButton(String id, String tooltip, Runnable action) {
        super(null, new FontIcon(Material2AL.CLOSE));
        getStyleClass().add(Styles.FLAT);
        setId(id);
        setTooltip(new Tooltip(tooltip));
        setOnAction(e -> action.run());
    }
}
