package io.convscope.ui.architecture;

import atlantafx.base.theme.PrimerLight;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.workspace.Language;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ResourceBundle;
import java.util.Set;

import static io.convscope.ui.architecture.ArchitectureWindowTest.onFx;
import static io.convscope.ui.architecture.ArchitectureWindowTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An open architecture window follows the main window's language: every word is said again in the
 * new language, while the network shown, its selection, zoom and place on screen and the collapsed blocks stay.
 */
class ArchitectureLanguageTest {

    static final ResourceBundle ENGLISH = Language.ENGLISH.messages();
    static final ResourceBundle CHINESE = Language.CHINESE.messages();
    static final SimpleObjectProperty<ResourceBundle> LANGUAGE = new SimpleObjectProperty<>(ENGLISH);
    static ArchitectureWindow window;

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        window = onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            ArchitectureWindow w = ArchitectureWindow.show(null, ENGLISH).followLanguage(LANGUAGE);
            w.stage().setX(0);
            w.stage().setY(0);
            return w;
        });
        waitUntil(() -> window.graph() != null && !window.isLoading());
    }

    @AfterAll
    static void close() throws Exception {
        onFx(() -> {
            window.stage().close();
            return null;
        });
    }

    /** The tool bar's button that collapses every block, by its text in {@code text}'s language (null if none). */
    static Button collapseButton(ResourceBundle text) {
        return window.stage().getScene().getRoot().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b
                        && text.getString("architecture.collapseAll").equals(b.getText()))
                .map(Button.class::cast)
                .findFirst()
                .orElse(null);
    }

    @Test
    void switchingLanguageRelabelsTheWindowAndKeepsTheNetworkSelectionAndZoom() throws Exception {
        onFx(() -> {
            window.openPreset("resnet50");
            return null;
        });
        waitUntil(() -> window.graph() != null && window.graph().name().startsWith("ResNet") && !window.isLoading());
        String block = VisibleGraph.BLOCK_ID_PREFIX + "res3a";
        onFx(() -> {
            window.collapseAll();
            window.view().select(block);
            window.view().centreOn(block);
            window.view().zoomAt(1.6, 300, 200);
            window.showHelp(true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ArchitectureGraph graph = window.graph();
        Set<String> collapsed = window.collapsedBlocks();
        double scale = window.view().scale();
        double[] where = onFx(() -> window.view().screenPosition(block));
        GraphLayout.Box englishBox = window.view().layoutShown().box(block);
        assertTrue(collapseButton(ENGLISH) != null, "an English tool bar first");

        onFx(() -> {
            LANGUAGE.set(CHINESE);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(
                String.format(CHINESE.getString("architecture.title"), graph.name()),
                window.stage().getTitle());
        assertTrue(collapseButton(CHINESE) != null, "the tool bar speaks Chinese");
        assertEquals(
                CHINESE.getString("architecture.column.name"),
                window.table().tree().getColumns().get(0).getText(),
                "the table's headers too");
        assertSame(graph, window.graph(), "the same network, not loaded again");
        assertEquals(collapsed, window.collapsedBlocks(), "its blocks still collapsed");
        assertEquals(block, window.view().selectedProperty().get(), "the selection kept");
        assertEquals(block, window.table().selectedProperty().get(), "and shown in the new table");
        assertEquals(scale, window.view().scale(), 1e-9, "the zoom kept");
        assertArrayEquals(where, onFx(() -> window.view().screenPosition(block)), 0.5, "the block stays in place");
        assertTrue(window.help().isVisible(), "the formula panel stays open");
        GraphLayout.Box chineseBox = window.view().layoutShown().box(block);
        assertTrue(
                chineseBox.width() != englishBox.width() || chineseBox.node() != englishBox.node(),
                "the collapsed block's box was measured again for its Chinese line");

        onFx(() -> {
            LANGUAGE.set(ENGLISH);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(collapseButton(ENGLISH) != null, "English again");
        assertEquals(scale, window.view().scale(), 1e-9);
        assertEquals(block, window.view().selectedProperty().get());
    }
}
