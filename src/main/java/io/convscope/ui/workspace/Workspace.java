package io.convscope.ui.workspace;

import io.convscope.engine.Inference;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.ui.common.Palette;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.ResourceBundle;

/**
 * What one window shows, in one observable place: the model, the current input with its snapshot, the explanation
 * that is open, the colour-range mode, the theme and the language. The window's parts read and listen to it, so a
 * change of language or theme re-labels or re-colours them and loses nothing: the state is here, not in the views.
 */
public final class Workspace {

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(this, "language");
    private final ObjectProperty<Inference> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>(this, "shown");
    private final ObjectProperty<String> activity = new SimpleObjectProperty<>(this, "activity");
    private final ObjectProperty<RangeMode> rangeMode = new SimpleObjectProperty<>(this, "rangeMode", RangeMode.UNIT);
    private final BooleanProperty details = new SimpleBooleanProperty(this, "details", true);
    private final DoubleProperty overviewScroll = new SimpleDoubleProperty(this, "overviewScroll");
    private final ObjectProperty<ExplanationState> explanation =
            new SimpleObjectProperty<>(this, "explanation", ExplanationState.OVERVIEW);
    private final ObjectProperty<HyperparameterPlayground> playground =
            new SimpleObjectProperty<>(this, "playground", HyperparameterPlayground.DEFAULT);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final ObjectProperty<WorkspaceMode> mode = new SimpleObjectProperty<>(this, "mode", WorkspaceMode.OVERVIEW);
    private final BooleanBinding aboutTheShownImage =
            Bindings.createBooleanBinding(() -> mode.get().aboutTheShownImage(), mode);
    private final Palette palette;

    public Workspace(Language language, boolean dark) {
        this.language.set(language);
        this.dark.set(dark);
        this.palette = new Palette(dark);
        // Registered first, so the palette has the new ink before any view listening to the theme draws again.
        this.dark.addListener((o, was, on) -> palette.dark(on));
    }

    /** The language every view speaks. */
    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public Language language() {
        return language.get();
    }

    /** The UI strings in the current language. */
    public ResourceBundle text() {
        return language.get().messages();
    }

    /** The sample titles and captions in the current language. */
    public ResourceBundle samples() {
        return language.get().samples();
    }

    /** The model images run through; null until the first one has loaded. */
    public ObjectProperty<Inference> modelProperty() {
        return model;
    }

    /** The current input and its snapshot; null until the first image has run. */
    public ObjectProperty<Shown> shownProperty() {
        return shown;
    }

    /** What the engine is working on for the student (a model loading), or null: the status line says it. */
    public ObjectProperty<String> activityProperty() {
        return activity;
    }

    public ObjectProperty<RangeMode> rangeModeProperty() {
        return rangeMode;
    }

    /** Layer labels with full names and sizes, or generic ones. */
    public BooleanProperty detailsProperty() {
        return details;
    }

    /** How far the overview is scrolled sideways (a wide network), as the scroll pane's value in [0, 1]. */
    public DoubleProperty overviewScrollProperty() {
        return overviewScroll;
    }

    /** The overview alone, or the explanation view that is open. */
    public ObjectProperty<ExplanationState> explanationProperty() {
        return explanation;
    }

    /** The hyperparameter playground's setting (input size, padding, kernel, stride). */
    public ObjectProperty<HyperparameterPlayground> playgroundProperty() {
        return playground;
    }

    /** The overview, the attribution maps or the training run: what the network area shows. */
    public ObjectProperty<WorkspaceMode> modeProperty() {
        return mode;
    }

    /** True while the mode is about the image on show ({@link WorkspaceMode#aboutTheShownImage()}). */
    public BooleanBinding modeAboutTheShownImage() {
        return aboutTheShownImage;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The colours of the current theme (one instance: views keep it and it follows the theme). */
    public Palette palette() {
        return palette;
    }

    public Inference model() {
        return model.get();
    }

    public Shown shown() {
        return shown.get();
    }
}
