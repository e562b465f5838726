package io.convscope.ui;

import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.views.ElementwiseExplanation;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerKind;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import io.convscope.ui.overview.OverviewPane;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResNet-50 (random weights, 224 x 224), a network that branches and merges, opened in the real window, headless:
 * its 200-odd columns scroll sideways and only the visible ones are rendered; a residual addition's column reads two
 * columns, one far to the left (the shortcut); its neurons open the element-wise panel with both operands; the
 * classes open the softmax view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BranchingNetworkWindowTest {

    @BeforeAll
    static void launchAndOpenResNet() throws Exception {
        AppWindowTest.launch();
        AppWindowTest.openPresetOffTheFxThread("resnet50", "ResNet-50");
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    @Test
    @Order(1)
    void loadingRanOffTheFxThreadAndEnded() {
        // openPresetOffTheFxThread checked the load ran on the engine thread; its pulse gaps: PresetLoadPulseBenchmark
        assertTrue(!AppWindowTest.app.window().loading(), "the progress box is gone once the network is shown");
    }

    @Test
    @Order(2)
    void onlyVisibleColumnsAreRenderedAndEachShowsTheEnginesValues() throws Exception {
        OverviewPane overview = AppWindowTest.app.window().overview();
        var columns = overview.columns();
        assertTrue(columns.size() > 150, columns.size() + " columns");
        long visible = IntStream.range(0, columns.size())
                .filter(overview::columnVisible)
                .count();
        assertTrue(visible < columns.size() / 2, visible + " of " + columns.size() + " columns rendered");
        var range = (ComboBox<?>) AppWindowTest.stage.getScene().lookup("#range-mode");
        var mode = (RangeMode) range.getValue();
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        String lastAdd = s.network().layer(lastIndexOf(s, LayerKind.ADD)).name();
        AppWindowTest.assertHeatmapShows(lastAdd, 3, mode); // scrolled to the far right first
        AppWindowTest.assertHeatmapShows("stem-cnn1", 1, mode); // and back to the left
        AppWindowTest.screenshot("overview-resnet50.png");
    }

    @Test
    @Order(3)
    void aResidualAdditionReadsItsShortcut() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        int add = s.network().firstIndex(l -> l.kind() == LayerKind.ADD);
        int column = AppWindowTest.column(s.network().layer(add).name());
        OverviewColumn col = w.overview().columns().get(column);
        assertEquals(2, col.inputs().size());
        assertTrue(col.inputs().stream().anyMatch(in -> in.column() < column - 1), "one input is a skip connection");
        WaitForAsyncUtils.asyncFx(() -> w.overview().revealColumn(column)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> w.explain(add, 5)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Activation.class, w.explanationState());
        ElementwiseFormulaPanel panel = w.elementwisePanel();
        assertTrue(panel.isVisible());
        assertTrue(panel.lookup("#formula-input-grid-2") != null, "both operands are drawn");
        var explanation = new ElementwiseExplanation(s, add, 5);
        WaitForAsyncUtils.asyncFx(() -> panel.setPlaying(false)).get(10, TimeUnit.SECONDS);
        var p = explanation.position(panel.step());
        assertEquals(explanation.step(p.y(), p.x()).formula(), panel.formulaText());
        assertTrue(panel.formulaText().contains(" + "), panel.formulaText());
        AppWindowTest.screenshot("addition-resnet50.png");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        int bn = s.network().firstIndex(l -> l.kind() == LayerKind.BATCH_NORM);
        WaitForAsyncUtils.asyncFx(() -> w.explain(bn, 2)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Activation.class, w.explanationState());
        assertTrue(
                w.elementwisePanel().formulaText().contains(" × "),
                w.elementwisePanel().formulaText());
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        int conv = s.network().indexOf("res2a_branch1"); // reads the stem's pooling, two columns back
        WaitForAsyncUtils.asyncFx(() -> w.explain(conv, 0)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Convolution.class, w.explanationState());
        var view = (ConvolutionView) AppWindowTest.stage.getScene().lookup("#conv-view");
        float[][] sum = view.explanation().sumOfIntermediatesPlusBias();
        assertEquals(s.layer(conv).value(0, 4, 6), sum[4][6], 1e-3, "the sum over the shortcut's input channels");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        int output = s.network().layers().size() - 1;
        int top = s.topClass();
        WaitForAsyncUtils.asyncFx(() -> w.explain(output, top)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.OutputSoftmax(output, top), w.explanationState());
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
        assertEquals(ExplanationState.OVERVIEW, w.explanationState());
        assertFalse(w.loading());
    }

    private static int lastIndexOf(ActivationSnapshot s, LayerKind kind) {
        for (int i = s.network().layers().size() - 1; i >= 0; i--) {
            if (s.network().layer(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no " + kind);
    }
}
