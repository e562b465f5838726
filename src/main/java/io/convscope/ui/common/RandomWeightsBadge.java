package io.convscope.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.ResourceBundle;

/**
 * Says plainly, beside a prediction, that a zoo preset's weights are random draws: its "class 517 (100.0 %)" and its
 * boxes would otherwise read as a confident answer. Shown only while such a model is on screen.
 */
public final class RandomWeightsBadge extends Label {

    public RandomWeightsBadge(ResourceBundle text, String id) {
        super(text.getString("random.short"), new FontIcon(Material2AL.ERROR_OUTLINE));
        setId(id);
        getStyleClass().add("random-weights");
        setWrapText(true);
        setMinHeight(USE_PREF_SIZE); // wraps in the narrow side panel instead of ending in "…"
        setTooltip(new Tooltip(text.getString("random.explain")));
        showFor(false);
    }

    public void showFor(boolean randomWeights) {
        setVisible(randomWeights);
        setManaged(randomWeights);
    }
}
