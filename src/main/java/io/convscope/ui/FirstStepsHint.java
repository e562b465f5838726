package io.convscope.ui;

import io.convscope.ui.workspace.AppSettings;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

/**
 * The first screen's one instruction ("click any neuron…"): a student who has never clicked a neuron does not know the
 * overview opens explanations. It goes away for good once a neuron has been chosen. It sits in the status bar: over
 * the overview every free place is taken by neurons or legends at some window size.
 */
final class FirstStepsHint extends Label {

    private final AppSettings settings;

    FirstStepsHint(ResourceBundle text, AppSettings settings) {
        super(text.getString("hint.firstSteps"), new FontIcon(Material2MZ.MOUSE));
        this.settings = settings;
        setId("first-steps-hint");
        getStyleClass().add("first-steps-hint");
        setMinWidth(0); // in a narrow window it gives way (ellipsis) before the status line does
        setMouseTransparent(true);
        setVisible(!settings.neuronChosen());
        managedProperty().bind(visibleProperty()); // gone means no room taken in the status bar
    }

    /** A neuron was chosen: the student knows now. */
    void used() {
        if (isVisible()) {
            setVisible(false);
            settings.neuronChosen(true);
        }
    }
}
