package io.convscope.ui;

import io.convscope.engine.Inference;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What one window shows, in one observable place: the model, the current input with its snapshot, the explanation
 * that is open, the colour-range mode, the theme and the language. The window's parts read and listen to it.
 */
final class Workspace {

    private final Language language;
    private final ObjectProperty<Inference> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>(this, "shown");
    private final ObjectProperty<RangeMode> rangeMode = new SimpleObjectProperty<>(this, "rangeMode", RangeMode.UNIT);
    private final ObjectProperty<ExplanationState> explanation =
            new SimpleObjectProperty<>(this, "explanation", ExplanationState.OVERVIEW);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");

    Workspace(Language language) {
        this.language = language;
    }

    /** The language of the window: a new window (and workspace) is made when it changes. */
    Language language() {
        return language;
    }

    /** The model images run through; null until the first one has loaded. */
    ObjectProperty<Inference> modelProperty() {
        return model;
    }

    /** The current input and its snapshot; null until the first image has run. */
    ObjectProperty<Shown> shownProperty() {
        return shown;
    }

    ObjectProperty<RangeMode> rangeModeProperty() {
        return rangeMode;
    }

    /** The overview alone, or the explanation view that is open. */
    ObjectProperty<ExplanationState> explanationProperty() {
        return explanation;
    }

    BooleanProperty darkProperty() {
        return dark;
    }

    Inference model() {
        return model.get();
    }

    Shown shown() {
        return shown.get();
    }
}
