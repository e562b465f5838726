package io.convscope.ui;

import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static io.convscope.ui.TrainWorkspaceTest.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each mode shows the window's controls that mean something in it, at the smallest window (1024 x 640), in both
 * languages: the details toggle and the colour range only in the Overview, the sample gallery and the image panel in
 * the Overview and Why? modes (the Why? mode explains the image chosen there), the "click any neuron" hint only in
 * the Overview; and no tool bar label is cut in any mode. A mode set by another part of the window (not the switch)
 * selects its button in the switch.
 */
class ModeControlsTest {

    @BeforeAll
    static void launchSmall() throws Exception {
        AppWindowTest.launch();
        SmallWindowLayoutTest.resize(1024, 640);
    }

    @AfterAll
    static void close() throws Exception {
        onFx(() -> {
            MainWindow w = AppWindowTest.app.window();
            w.workspace().languageProperty().set(Language.ENGLISH);
            w.workspace().modeProperty().set(WorkspaceMode.OVERVIEW);
            return null;
        });
        AppWindowTest.close();
    }

    /** Whether {@code n} takes part in the window: shown, and every ancestor shown. */
    static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible() || !p.isManaged()) {
                return false;
            }
        }
        return true;
    }

    /**
     * What shows in {@code mode}, set as "Use this model" or a gallery's image sets it: the range selector, the details
     * group, the gallery, the side panel, the hint; and whether the tool bar's switch has the mode's button selected.
     */
    static List<Boolean> shownIn(WorkspaceMode mode) throws Exception {
        return onFx(() -> {
            MainWindow w = AppWindowTest.app.window();
            w.workspace().modeProperty().set(mode);
            w.applyCss();
            w.layout();
            return List.of(
                    showing(w.lookup("#range-mode")),
                    showing(w.lookup("#overview-controls")),
                    showing(w.lookup(".gallery")),
                    showing(w.getRight()),
                    showing(w.lookup("#first-steps-hint")),
                    ((ToggleButton) w.lookup("#mode-" + mode.name().toLowerCase(Locale.ROOT))).isSelected());
        });
    }

    @Test
    void eachModeShowsItsOwnControlsAndNoLabelIsCut() throws Exception {
        for (Language language : List.of(Language.ENGLISH, Language.CHINESE)) {
            onFx(() -> {
                AppWindowTest.app.window().workspace().languageProperty().set(language);
                return null;
            });
            assertEquals(List.of(true, true, true, true, true, true), shownIn(WorkspaceMode.OVERVIEW), "Overview");
            assertEquals(List.of(), SmallWindowLayoutTest.cutLabels(), "Overview, " + language);
            assertEquals(List.of(false, false, true, true, false, true), shownIn(WorkspaceMode.ATTRIBUTION), "Why?");
            assertEquals(List.of(), SmallWindowLayoutTest.cutLabels(), "Why?, " + language);
            assertEquals(List.of(false, false, false, false, false, true), shownIn(WorkspaceMode.TRAIN), "Train");
            assertEquals(List.of(), SmallWindowLayoutTest.cutLabels(), "Train, " + language);
            SmallWindowLayoutTest.layOut(); // the table's columns are sized to its width, then its headers to them
            assertEquals(
                    List.of(),
                    SmallWindowLayoutTest.cutLabels("#train-epochs-table"),
                    "Train, the epochs' headings, " + language);
        }
        assertEquals(
                List.of(true, true, true, true, true, true), shownIn(WorkspaceMode.OVERVIEW), "back to the Overview");
    }
}
