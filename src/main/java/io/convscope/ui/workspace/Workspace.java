package io.convscope.ui.workspace;

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
public final class Workspace {

    private final Language language;
    private final ObjectProperty<Inference> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>(this, "shown");
    private final ObjectProperty<RangeMode> rangeMode = new SimpleObjectProperty<>(this, "rangeMode", RangeMode.UNIT);
    private final ObjectProperty<ExplanationState> explanation =
            new SimpleObjectProperty<>(this, "explanation", ExplanationState.OVERVIEW);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");

    public Workspace(Language language) {
        this.language = language;
    }

    /** The language of the window: a new window (and workspace) is made when it changes. */
    Language language() {
        return language;
    }

    /** The model images run through; null until the first one has loaded. */
    public ObjectProperty<Inference> modelProperty() {
        return model;
    }

    /** The current input and its snapshot; null until the first image has run. */
    public ObjectProperty<Shown> shownProperty() {
        return shown;
    }

    public ObjectProperty<RangeMode> rangeModeProperty() {
        return rangeMode;
    }

    /** The overview alone, or the explanation view that is open. */
    public ObjectProperty<ExplanationState> explanationProperty() {
        return explanation;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public Inference model() {
        return model.get();
    }

    public Shown shown() {
        return shown.get();
    }
}
