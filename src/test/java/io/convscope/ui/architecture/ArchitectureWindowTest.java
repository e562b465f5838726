package io.convscope.ui.architecture;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.SharedData;
import io.convscope.explain.graph.ArchitectureExportTest;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.ui.AppWindowTest;
import io.convscope.ui.architecture.details.ArchitectureTable;
import io.convscope.ui.architecture.details.Figures;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture window, headless, used as a student would: presets, search, table and graph selecting each other,
 * blocks, sorting, the four exports, a bad file, and the screenshots the README shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchitectureWindowTest {

    static ArchitectureWindow window;
    static final ResourceBundle TEXT = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            window = ArchitectureWindow.show(null, TEXT);
            window.stage().setX(0);
            window.stage().setY(0);
            return null;
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

    static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void openPreset(String id, String name) throws Exception {
        onFx(() -> {
            window.openPreset(id);
            return null;
        });
        waitUntil(() -> window.graph() != null && window.graph().name().equals(name) && !window.isLoading());
    }

    static void screenshot(String name) throws Exception {
        Files.createDirectories(AppWindowTest.SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = window.stage().getScene();
        assertEquals(1440, scene.getWidth(), 0.5);
        assertEquals(900, scene.getHeight(), 0.5);
        var shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(20, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot, null),
                "png",
                AppWindowTest.SCREENSHOTS.resolve(name).toFile());
    }

    /** Screen point of a box's centre. */
    static Point2D onScreen(String id) throws Exception {
        return onFx(() -> {
            double[] p = window.view().screenPosition(id);
            return window.view().localToScreen(p[0], p[1]);
        });
    }

    static void assertCentred(String id) throws Exception {
        double[] p = onFx(() -> window.view().screenPosition(id));
        assertEquals(window.view().getWidth() / 2, p[0], 1.0, id + " centred horizontally");
        assertEquals(window.view().getHeight() / 2, p[1], 1.0, id + " centred vertically");
    }

    /**
     * A double-click on a box. Monocle's headless robot never counts clicks (every click arrives with count 1), so
     * the second click of the pair is delivered as the platform would: a MOUSE_CLICKED with click count 2.
     */
    static void doubleClick(String id) throws Exception {
        onFx(() -> {
            double[] p = window.view().screenPosition(id);
            Point2D s = window.view().localToScreen(p[0], p[1]);
            Point2D scene = window.view().localToScene(p[0], p[1]); // fireEvent maps scene coordinates to the view's
            Event.fireEvent(
                    window.view(),
                    new MouseEvent(
                            MouseEvent.MOUSE_CLICKED,
                            scene.getX(),
                            scene.getY(),
                            s.getX(),
                            s.getY(),
                            MouseButton.PRIMARY,
                            2,
                            false,
                            false,
                            false,
                            false,
                            true,
                            false,
                            false,
                            true,
                            false,
                            true,
                            null));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void opensOnTinyVggWithTheGraphsTotals() throws Exception {
        assertEquals("tiny-vgg", window.sources().getValue().presetId(), "Tiny VGG is first and shown");
        ArchitectureGraph g = window.graph();
        assertEquals(g.nodes().size(), window.view().layoutShown().nodes().size());
        assertTrue(
                window.table().totals().getText().contains(new Figures(TEXT).bytes(g.peakActivationBytes())),
                window.table().totals().getText());
        assertEquals(g.nodes().size(), window.table().visibleRowIds().size(), "no blocks: one row per layer");
    }

    @Test
    @Order(2)
    void searchSelectsAndCentresEveryMatchInTurn() throws Exception {
        openPreset("resnet50", "ResNet-50");
        robot.clickOn("#architecture-search").write("branch2c");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String first = window.view().selectedProperty().get();
        assertNotNull(first);
        assertTrue(first.contains("branch2c"), first);
        assertEquals(first, window.table().selectedProperty().get(), "the table follows");
        assertCentred(first);
        long expected = window.graph().nodes().stream()
                .filter(n -> n.name().contains("branch2c"))
                .count();
        assertEquals(
                String.format(TEXT.getString("architecture.search.matches"), 1, expected),
                window.matchInfo().getText());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String second = window.view().selectedProperty().get();
        assertFalse(first.equals(second), "Enter moves to the next match");
        assertTrue(onFx(() -> window.view().layoutShown().box(first).rank()
                <= window.view().layoutShown().box(second).rank()));
        assertCentred(second);
        onFx(() -> {
            window.searchField().clear();
            return null;
        });
    }

    @Test
    @Order(3)
    void selectingARowSelectsAndCentresTheNodeAndClickingANodeSelectsItsRow() throws Exception {
        String layer = "res4b_branch2b";
        onFx(() -> {
            TreeItem<ArchitectureTable.Row> item = window.table().item(layer);
            item.getParent().setExpanded(true);
            window.table().tree().getSelectionModel().select(item);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(layer, window.view().selectedProperty().get());
        assertCentred(layer);

        String other = window.graph().nodes().stream()
                .filter(n -> n.block().equals("res4b"))
                .skip(1)
                .findFirst()
                .orElseThrow()
                .id();
        robot.clickOn(onScreen(other), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(other, window.view().selectedProperty().get());
        assertEquals(other, window.table().selectedProperty().get());
        assertEquals(
                other,
                window.table()
                        .tree()
                        .getSelectionModel()
                        .getSelectedItem()
                        .getValue()
                        .id());
    }

    @Test
    @Order(4)
    void aBlockCollapsesByDoubleClickAndOpensAgain() throws Exception {
        int layers = window.graph().nodes().size();
        String member = "res3a_branch2a";
        onFx(() -> {
            window.view().centreOn(member); // on screen before the pointer goes there
            return null;
        });
        Point2D memberWas = onScreen(member);
        doubleClick(member);
        WaitForAsyncUtils.waitForFxEvents();
        String block = VisibleGraph.BLOCK_ID_PREFIX + "res3a";
        GraphLayout collapsed = window.view().layoutShown();
        int size = (int) window.graph().nodes().stream()
                .filter(n -> n.block().equals("res3a"))
                .count();
        assertEquals(layers - size + 1, collapsed.nodes().size());
        assertTrue(collapsed.box(block).node().collapsedBlock());
        assertTrue(window.collapsedBlocks().contains("res3a"));

        assertEquals(memberWas.getY(), onScreen(block).getY(), 1.0, "the block took its layer's place on screen");
        doubleClick(block);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(layers, window.view().layoutShown().nodes().size(), "expanded again");

        onFx(() -> {
            window.collapseAll();
            return null;
        });
        int blocks = VisibleGraph.collapsibleBlocks(window.graph()).size();
        assertEquals(
                blocks,
                window.view().layoutShown().nodes().stream()
                        .filter(b -> b.node().collapsedBlock())
                        .count());
        // a table row inside a collapsed block selects the block's box
        onFx(() -> {
            window.table().select("res2b_branch2a");
            window.view().select("res2b_branch2a");
            return null;
        });
        assertEquals(
                VisibleGraph.BLOCK_ID_PREFIX + "res2b",
                window.view().selectedProperty().get());
        onFx(() -> {
            window.expandAll();
            return null;
        });
        assertEquals(layers, window.view().layoutShown().nodes().size());
    }

    @Test
    @Order(5)
    void sortingByMacsPutsTheCostliestRowFirst() throws Exception {
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableColumn<ArchitectureTable.Row, Long> macs = (TreeTableColumn<ArchitectureTable.Row, Long>)
                    window.table().tree().getColumns().get(5);
            macs.setSortType(TreeTableColumn.SortType.DESCENDING);
            window.table().tree().getSortOrder().setAll(macs);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        var top = window.table().tree().getRoot().getChildren();
        long max = top.stream().mapToLong(i -> i.getValue().macs()).max().orElseThrow();
        assertEquals(max, top.get(0).getValue().macs());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).getValue().macs() >= top.get(i).getValue().macs(), "descending at " + i);
        }
        onFx(() -> {
            window.table().tree().getSortOrder().clear();
            return null;
        });
    }

    @Test
    @Order(6)
    void exportsAllFourFormatsAndTheyParseBack(@TempDir Path dir) throws Exception {
        ArchitectureGraph g = window.graph();
        onFx(() -> {
            window.toggleBlock("res5a_branch2a"); // the drawing exports as shown: one block collapsed
            return null;
        });
        GraphLayout layout = window.view().layoutShown();
        for (ArchitectureExporter.Format f : ArchitectureExporter.Format.values()) {
            Path target = dir.resolve("resnet50." + f.extension);
            onFx(() -> window.export(f, target)).get(60, TimeUnit.SECONDS);
            assertTrue(Files.size(target) > 0, f + " written");
        }
        ArchitectureExportTest.assertCsvMatches(g, Files.readString(dir.resolve("resnet50.csv")));
        ArchitectureExportTest.assertJsonMatches(g, Files.readString(dir.resolve("resnet50.json")));
        ArchitectureExportTest.assertSvgMatches(layout, Files.readString(dir.resolve("resnet50.svg")));
        BufferedImage png = ImageIO.read(dir.resolve("resnet50.png").toFile());
        assertTrue(Math.max(png.getWidth(), png.getHeight()) <= ArchitectureExporter.PNG_MAX_SIDE);
        assertEquals(layout.width() / layout.height(), (double) png.getWidth() / png.getHeight(), 0.01, "whole graph");
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary files left behind");
        }
        onFx(() -> {
            window.expandAll();
            return null;
        });
    }

    @Test
    @Order(7)
    void aBadFileKeepsTheGraphAndSaysWhy(@TempDir Path dir) throws Exception {
        ArchitectureGraph before = window.graph();
        Path bad = dir.resolve("broken.prototxt");
        Files.writeString(bad, "layer { name: \"x\" type: \"Convolution\" bottom: ");
        onFx(() -> {
            window.openFile(bad);
            return null;
        });
        waitUntil(() -> !window.isLoading() && window.notice().isVisible());
        assertTrue(
                window.notice().getText().contains("broken.prototxt"),
                window.notice().getText());
        assertTrue(before == window.graph(), "still the previous graph");
        assertEquals("resnet50", window.sources().getValue().presetId(), "the chooser shows what is shown");
    }

    @Test
    @Order(8)
    void resNet50Screenshot() throws Exception {
        onFx(() -> {
            window.hideNotice(); // the previous test's message is transient

            window.view().fitTop();
            window.table().select("res2a");
            window.view().select("res2a_branch2b");
            return null;
        });
        onFx(() -> {
            window.view().zoomAt(0.95 / window.view().scale(), 0, 0);
            return null;
        });
        robot.moveTo(onScreen("res2a_branch2b"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.card().isVisible(), "hover card shown");
        assertTrue(window.card().getChildren().stream()
                .anyMatch(n -> n instanceof Label l
                        && l.getText().startsWith(String.format(TEXT.getString("architecture.card.formula"), ""))));
        screenshot("architecture-resnet50.png");
        robot.moveTo(window.table().totals());
    }

    @Test
    @Order(9)
    void inceptionResNetV1OpensAndFoldsItsBlocks() throws Exception {
        openPreset("inception-resnet-v1", "Inception-ResNet v1");
        assertEquals(366, window.view().layoutShown().nodes().size());
        onFx(() -> {
            window.collapseAll();
            return null;
        });
        assertTrue(window.view().layoutShown().nodes().size() < 30, "blocks fold the graph");
        robot.clickOn("#architecture-search").write("resnetB-cnn1-3");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                VisibleGraph.BLOCK_ID_PREFIX + "resnetB",
                window.view().selectedProperty().get(),
                "a layer inside a collapsed block finds its block");
        onFx(() -> {
            window.searchField().clear();
            window.expandAll();
            return null;
        });
    }

    @Test
    @Order(10)
    void googLeNetFromNetscopesPrototxtScreenshot() throws Exception {
        Path googlenet = SharedData.netscopePresets().resolve("googlenet.prototxt");
        onFx(() -> {
            window.openFile(googlenet);
            return null;
        });
        waitUntil(() -> !window.isLoading()
                && window.graph() != null
                && window.graph().name().contains("GoogleNet"));
        ArchitectureGraph g = window.graph();
        assertTrue(g.nodes().stream().anyMatch(ArchitectureNode::inPlace));
        onFx(() -> {
            window.toggleBlock("inception_3b/1x1");
            window.toggleBlock("inception_4a/1x1");
            window.table().select("inception_3a/output");
            window.view().select("inception_3a/output");
            window.view()
                    .zoomAt(
                            0.85 / window.view().scale(),
                            window.view().getWidth() / 2,
                            window.view().getHeight() / 2);
            return null;
        });
        screenshot("architecture-googlenet.png");
    }

    @Test
    @Order(11)
    void helpListsEveryFormulaFromTheBundle() throws Exception {
        onFx(() -> {
            window.showHelp(true);
            return null;
        });
        assertTrue(window.help().isVisible());
        String all = robot.lookup(".architecture-help-formula").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .reduce("", String::concat);
        assertTrue(all.contains(TEXT.getString("architecture.help.conv.macs")));
        assertTrue(all.contains(TEXT.getString("architecture.help.caffebn.params")));
        onFx(() -> {
            window.showHelp(false);
            return null;
        });
    }
}
