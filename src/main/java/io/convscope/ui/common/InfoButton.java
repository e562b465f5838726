package io.convscope.ui.common;

import atlantafx.base.theme.Styles;
import io.convscope.ui.workspace.LearnRequest;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The ⓘ button every explanation view has: hovering shows a short explanation of the view, clicking opens the
 * article's section about it.
 */
public final class InfoButton extends Button {

    static final double TEXT_WIDTH = 380;
    static final double BELOW = 30;

    private final Tooltip explanation = new Tooltip();

    private String section;

    public InfoButton(String id, String text, String section) {
        super(null, new FontIcon(Material2AL.INFO));
        getStyleClass().add(Styles.FLAT);
        setId(id);
        explanation.setWrapText(true);
        explanation.setMaxWidth(TEXT_WIDTH);
        setExplanation(text);
        setTooltip(explanation);
        this.section = section;
        setOnAction(e -> {
            explanation.hide();
            fireEvent(new LearnRequest(this.section));
        });
    }

    public void setSection(String section) {
        this.section = section;
    }

    String section() {
        return section;
    }

    public void setExplanation(String text) {
        explanation.setText(text);
    }
}
