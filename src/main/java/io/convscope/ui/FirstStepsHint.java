package io.convscope.ui;

import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;

/**
 * The first screen's one instruction ("click any neuron…"): a student who has never clicked a neuron does not know the
 * overview opens explanations. It goes away for good once a neuron has been chosen. It sits in the status bar: over
 * the overview every free place is taken by neurons or legends at some window size. It speaks of the overview's
 * neurons, so it shows in the Overview mode only.
 */
final class FirstStepsHint extends Label {

    private final AppSettings settings;
    private final BooleanProperty needed = new SimpleBooleanProperty();

    FirstStepsHint(ResourceBundle text, AppSettings settings, ObservableValue<WorkspaceMode> mode) {
        super(text.getString("hint.firstSteps"), new FontIcon(Material2MZ.MOUSE));
        this.settings = settings;
        setId("first-steps-hint");
        getStyleClass().add("first-steps-hint");
        setMinWidth(0); // in a narrow window it gives way (ellipsis) before the status line does
        setMouseTransparent(true);
        needed.set(!settings.neuronChosen());
        visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> needed.get() && mode.getValue() == WorkspaceMode.OVERVIEW, needed, mode));
        managedProperty().bind(visibleProperty()); // gone means no room taken in the status bar
    }

    /** A neuron was chosen: the student knows now. */
    void used() {
        if (needed.get()) {
            needed.set(false);
            settings.neuronChosen(true);
        }
    }
}
