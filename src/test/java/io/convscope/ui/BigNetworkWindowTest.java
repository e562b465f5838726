package io.convscope.ui;

import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.SoftmaxPanel;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VGG-16 (random weights, 224 x 224) opened in the real window, headless: loading stays off the UI thread, the
 * overview shows the engine's activations of deep layers, the output column ranks 10 of 1,000 classes, and the
 * convolution, pooling and flatten views open on it. Loads VGG-16 once for the whole class (seconds and ~1 GB).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigNetworkWindowTest {

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launchAndOpenVgg16() throws Exception {
        AppWindowTest.launch();
        AppWindowTest.openPresetOffTheFxThread("vgg16", "VGG-16");
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
    void deepLayersShowTheEnginesActivations() throws Exception {
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        assertEquals(1000, s.network().classes().size());
        var range = (ComboBox<?>) AppWindowTest.stage.getScene().lookup("#range-mode");
        var mode = (RangeMode) range.getValue();
        AppWindowTest.assertHeatmapShows("conv5_3_relu", 0, mode);
        AppWindowTest.assertHeatmapShows("conv1_1_relu", 2, mode);
        AppWindowTest.assertHeatmapShows("pool4", 5, mode);
        AppWindowTest.assertHeatmapShows("fc7", 3, mode); // the hidden dense layers are drawn too, a square per unit
        Label processed = robot.lookup(".input-panel .text-muted").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains("224"))
                .findFirst()
                .orElseThrow();
        assertTrue(processed.getText().contains("224 \u00d7 224"), processed.getText());
    }

    @Test
    @Order(3)
    void theOutputColumnRanksTheTenMostProbableOfAThousand() throws Exception {
        Label note = (Label) AppWindowTest.stage.getScene().lookup("#top-classes-note");
        assertTrue(note != null && note.isVisible(), "the note under the output column");
        assertTrue(note.getText().contains("10") && note.getText().contains("1,000"), note.getText());
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        var names =
                robot.from(AppWindowTest.app.window().overview()).lookup(".class-name").queryAllAs(Label.class).stream()
                        .map(Label::getText)
                        .toList();
        assertEquals(OverviewLayout.MAX_OUTPUT_ROWS, names.size());
        int[] ranking = s.ranking();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(names.contains(s.network().classes().get(ranking[i])), "row for " + ranking[i]);
        }
        AppWindowTest.screenshot("overview-vgg16.png");
    }

    @Test
    @Order(4)
    void convolutionPoolingAndFlattenViewsOpenOnVgg16() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        ActivationSnapshot s = AppWindowTest.shown().snapshot();
        int conv = s.network().indexOf("conv4_1");
        WaitForAsyncUtils.asyncFx(() -> w.explain(conv, 7)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Convolution.class, w.explanationState());
        // 256 input channels: ten at a time, paged, while the sum still counts all of them.
        var view = (ConvolutionView) AppWindowTest.stage.getScene().lookup("#conv-view");
        assertTrue(view.lookup("#conv-input-" + (ConvolutionView.PAGE - 1)) != null);
        assertTrue(view.lookup("#conv-input-" + ConvolutionView.PAGE) == null, "only one page of channels is drawn");
        AppWindowTest.screenshot("convolution-vgg16.png");
        robot.clickOn("#conv-page-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ConvolutionView.PAGE, view.firstChannel());
        assertTrue(((Label) AppWindowTest.stage.getScene().lookup("#conv-page"))
                .getText()
                .contains("256"));
        float[][] inter12 = view.explanation().intermediate(12);
        assertEquals(
                ValueColors.activation(inter12[5][9], view.sharedRange()),
                view.intermediateArgb(12, 9, 5),
                "page two draws channel 12's own intermediate map");
        float[][] sum = view.explanation().sumOfIntermediatesPlusBias();
        assertEquals(s.layer(conv).value(7, 5, 9), sum[5][9], 1e-3, "the sum adds all 256 channels");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        int pool = s.network().indexOf("pool5");
        WaitForAsyncUtils.asyncFx(() -> w.explain(pool, 3)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Pooling.class, w.explanationState());
        assertTrue(w.elementwisePanel().isVisible());
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        int relu = s.network().indexOf("conv2_2_relu");
        WaitForAsyncUtils.asyncFx(() -> w.explain(relu, 1)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(ExplanationState.Activation.class, w.explanationState());
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);

        // fc8 reads fc7's 4,096 units, not flattened maps: a class opens the softmax view on its own, with the ten
        // largest logits drawn and the other 990 classes' exponentials summed into one term.
        int output = s.network().layers().size() - 1;
        int chosen = s.ranking()[500]; // not among the ten largest: it is drawn anyway
        WaitForAsyncUtils.asyncFx(() -> w.explain(output, chosen)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.OutputSoftmax(output, chosen), w.explanationState());
        SoftmaxPanel softmax = (SoftmaxPanel)
                AppWindowTest.ancestor(AppWindowTest.stage.getScene().lookup("#softmax-close"), SoftmaxPanel.class);
        assertEquals(String.format(Locale.ROOT, "%.4f", s.probability(chosen)), softmax.probabilityText());
        assertTrue(AppWindowTest.stage.getScene().lookup("#softmax-circle-" + chosen) != null);
        assertTrue(AppWindowTest.stage.getScene().lookup("#softmax-circle-" + s.ranking()[0]) != null);
        assertTrue(((Label) AppWindowTest.stage.getScene().lookup("#softmax-others"))
                .getText()
                .contains("990"));
        AppWindowTest.screenshot("softmax-vgg16.png");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
        assertEquals(ExplanationState.OVERVIEW, w.explanationState());
    }
}
