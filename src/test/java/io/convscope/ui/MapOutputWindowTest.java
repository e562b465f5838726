package io.convscope.ui;

import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.views.ElementwiseExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.ClassLists;
import io.convscope.network.LayerKind;
import io.convscope.network.OutputMap;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks whose output is a map, opened in the real window, headless: YOLOv2 (random weights, 416 x 416) ends in a
 * 13 x 13 detection grid, not classes. Its last column is that grid, the status line names its most confident box,
 * the side panel draws the boxes over the image, a neuron of the grid and of the space-to-depth passthrough open the
 * element-wise panel with the network's own arithmetic. Then U-Net, whose output is a mask.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapOutputWindowTest {

    @BeforeAll
    static void launchAndOpenYolo() throws Exception {
        AppWindowTest.launch();
        AppWindowTest.openPresetOffTheFxThread("yolo2", "YOLOv2");
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    @Test
    @Order(1)
    void theLastColumnIsTheDetectionGridAndTheStatusNamesTheBestBox() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        var columns = w.overview().columns();
        OverviewColumn last = columns.get(columns.size() - 1);
        assertEquals(LayerKind.DETECTION, last.layer().kind());
        assertTrue(last.isMap(), "no class column: the grid itself is the output");
        assertTrue(columns.stream().noneMatch(c -> c.kind() == OverviewColumn.Kind.OUTPUT));
        assertEquals(425, last.neurons(), "5 anchors x (5 + 80 classes)");
        var mode = (RangeMode) ((ComboBox<?>) AppWindowTest.stage.getScene().lookup("#range-mode")).getValue();
        AppWindowTest.assertHeatmapShows(last.layer().name(), 4, mode);

        OutputMap.Detection best = OutputMap.detections(s).get(0);
        String status = ((Label) AppWindowTest.stage.getScene().lookup("#status")).getText();
        assertTrue(
                status.contains(String.format(
                        "%s (%.1f %%", OutputMap.className(s.network(), best.classIndex()), 100 * best.score())),
                status);
        assertTrue(
                ClassLists.coco().contains(OutputMap.className(s.network(), best.classIndex())),
                "YOLOv2's classes are COCO's names");
        var figure = AppWindowTest.stage.getScene().lookup("#output-figure");
        assertTrue(figure.isVisible() && figure.isManaged(), "the boxes drawn over the image");
        String notes = ((Label) AppWindowTest.stage.getScene().lookup("#output-notes")).getText();
        assertTrue(
                notes.startsWith(String.format(
                        "1. %s, %.1f %% (cell %d, %d; anchor %d)",
                        OutputMap.className(s.network(), best.classIndex()),
                        100 * best.score(),
                        best.row(),
                        best.column(),
                        best.anchor())),
                notes);
        AppWindowTest.screenshot("overview-yolo2.png");
    }

    @Test
    @Order(2)
    void gridAndPassthroughNeuronsShowTheirArithmetic() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        int grid = s.layerCount() - 1;
        // Anchor 1's width channel, then the probability of class 3 for anchor 4.
        for (int channel : new int[] {85 + 2, 4 * 85 + 5 + 3}) {
            WaitForAsyncUtils.asyncFx(() ->
                            w.overview().revealColumn(w.overview().columns().size() - 1))
                    .get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> w.explain(grid, channel)).get(20, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertInstanceOf(ExplanationState.Activation.class, w.explanationState());
            ElementwiseFormulaPanel panel = w.elementwisePanel();
            assertTrue(panel.isVisible());
            WaitForAsyncUtils.asyncFx(() -> panel.setPlaying(false)).get(10, TimeUnit.SECONDS);
            var explanation = new ElementwiseExplanation(s, grid, channel);
            String[] shown = WaitForAsyncUtils.asyncFx(() -> new String[] {
                        Integer.toString(panel.step()),
                        panel.formulaText(),
                        ((Label) panel.lookup("#formula-title")).getText()
                    })
                    .get(10, TimeUnit.SECONDS);
            var p = explanation.position(Integer.parseInt(shown[0]));
            assertEquals(explanation.step(p.y(), p.x()).formula(), shown[1]);
            if (channel == 87) {
                assertTrue(shown[1].contains(" × exp("), shown[1]);
                assertEquals("YOLO output: box width in cells (anchor 1)", shown[2]);
            } else {
                assertTrue(shown[1].startsWith("exp("), shown[1]);
                assertEquals("YOLO output: probability of motorcycle (anchor 4)", shown[2]); // COCO's class 3
                AppWindowTest.screenshot("detection-yolo2.png");
            }
            WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
        }
        int s2d = s.network().firstIndex(l -> l.kind() == LayerKind.SPACE_TO_DEPTH);
        WaitForAsyncUtils.asyncFx(() -> w.overview()
                        .revealColumn(
                                AppWindowTest.column(s.network().layer(s2d).name())))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> w.explain(s2d, 64 * 3 + 10)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        ElementwiseFormulaPanel panel = w.elementwisePanel();
        assertTrue(panel.isVisible());
        String source = WaitForAsyncUtils.asyncFx(() -> ((Label)
                                ((VBox) panel.lookup("#formula-input-grid").getParent())
                                        .getChildren()
                                        .get(0))
                        .getText())
                .get(10, TimeUnit.SECONDS);
        assertTrue(source.contains("#10"), "output channel 202 copies input channel 10 (block cell 1, 1): " + source);
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
        assertEquals(ExplanationState.OVERVIEW, w.explanationState());
    }

    @Test
    @Order(3)
    void uNetsMaskIsDrawnOverTheImage() throws Exception {
        AppWindowTest.openPresetOffTheFxThread("unet", "U-Net");
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        assertTrue(OutputMap.isMask(s.network()));
        assertEquals(128, s.network().inputShape().height(), "explained at 128 x 128, not the zoo's 512");
        String status = ((Label) AppWindowTest.stage.getScene().lookup("#status")).getText();
        assertTrue(status.contains(String.format("mask covers %.1f %%", 100 * OutputMap.maskCoverage(s))), status);
        String notes = ((Label) AppWindowTest.stage.getScene().lookup("#output-notes")).getText();
        var mask = s.layer(s.layerCount() - 1);
        assertTrue(notes.contains(String.format("from %.2f to %.2f", mask.min(), mask.max())), notes);
        MainWindow w = AppWindowTest.app.window();
        int last = s.layerCount() - 1;
        WaitForAsyncUtils.asyncFx(
                        () -> w.overview().revealColumn(w.overview().columns().size() - 1))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> w.explain(last, 0)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Activation.class, w.explanationState(), "the mask opens its sigmoid");
        assertTrue(
                w.elementwisePanel().formulaText().startsWith("sigmoid("),
                w.elementwisePanel().formulaText());
        assertEquals("Activation: sigmoid", ((Label) w.elementwisePanel().lookup("#formula-title")).getText());
        AppWindowTest.screenshot("overview-unet.png");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
    }
}
