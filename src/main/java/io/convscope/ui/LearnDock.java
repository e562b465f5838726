package io.convscope.ui;

import io.convscope.ui.learn.LearnPanel;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

import java.util.function.IntConsumer;

/**
 * The Learn panel beside the network: opened and closed with the Learn button or F1 (the choice is remembered), or at
 * a section by an info button or a layer label. It follows the workspace: the article's numbers follow the shown
 * image, its ink the theme, its words the language (the reader keeps their place); the playground is made once per
 * language and shows the workspace's setting.
 */
final class LearnDock {

    /** Where the divider between the network and the Learn panel starts (fraction of the width). */
    static final double LEARN_DIVIDER = 0.62;

    private final Workspace workspace;
    private final AppSettings settings;
    private final SplitPane split;
    private final LearnPanel panel;
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");
    private HyperparameterView playground;
    private Language playgroundLanguage;

    /** {@code split} holds the network; {@code showLayer} follows a "show me" link to a layer. */
    LearnDock(Workspace workspace, AppSettings settings, SplitPane split, IntConsumer showLayer) {
        this.workspace = workspace;
        this.settings = settings;
        this.split = split;
        panel = new LearnPanel(
                workspace.languageProperty(), workspace.palette(), showLayer, this::playground, () -> open.set(false));
        open.addListener((o, was, on) -> show(on));
        open.set(settings.learnOpen());
        workspace.shownProperty().addListener((o, was, s) -> showSnapshot());
        workspace.darkProperty().addListener((o, was, dark) -> {
            showSnapshot(); // formulas and figures are drawn in the theme's ink
            if (playground != null) {
                playground.themeChanged();
            }
        });
    }

    /** Open or closed: the Learn button is bound to it. */
    BooleanProperty openProperty() {
        return open;
    }

    /** Opens the panel at a section (an info button or a layer label asked for it). */
    void openSection(String section) {
        open.set(true);
        panel.openSection(section);
    }

    LearnPanel panel() {
        return panel;
    }

    boolean shown() {
        return split.getItems().contains(panel);
    }

    /** Stops the playground's sliding (the window is minimised). */
    void pauseAnimations() {
        if (playground != null) {
            playground.setPlaying(false);
        }
    }

    private void showSnapshot() {
        Shown s = workspace.shown();
        if (s != null) {
            panel.show(s.snapshot());
        }
    }

    private void show(boolean on) {
        settings.learnOpen(on);
        if (on && !shown()) {
            split.getItems().add(panel);
            split.setDividerPositions(LEARN_DIVIDER);
        } else if (!on) {
            split.getItems().remove(panel);
        }
    }

    /** One playground per language, made when the article first shows it, on the workspace's setting. */
    private Node playground() {
        if (playground == null || playgroundLanguage != workspace.language()) {
            playground = new HyperparameterView(workspace.text(), workspace.palette());
            playgroundLanguage = workspace.language();
            playground.apply(workspace.playgroundProperty().get(), -1);
            workspace.playgroundProperty().bind(playground.modelProperty());
        }
        return playground;
    }
}
