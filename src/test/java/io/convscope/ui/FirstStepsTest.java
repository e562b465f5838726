package io.convscope.ui;

import io.convscope.explain.RangeMode;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the first screen tells a newcomer: a hint to click a neuron, gone once they have; what the chosen colour scale
 * means; and, for a zoo preset, that its random weights make its prediction meaningless.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstStepsTest {

    static final ResourceBundle TEXT = Language.ENGLISH.messages();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch(); // with cleared settings: a first start
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    static <T> T lookup(String selector) {
        @SuppressWarnings("unchecked")
        T node = (T) AppWindowTest.stage.getScene().lookup(selector);
        return node;
    }

    @Test
    @Order(1)
    void theHintShowsUntilTheFirstNeuronIsChosen() throws Exception {
        Label hint = lookup("#first-steps-hint");
        assertTrue(hint.isVisible(), "a first start shows the hint");
        assertEquals(TEXT.getString("hint.firstSteps"), hint.getText());
        MainWindow w = AppWindowTest.app.window();
        int relu = AppWindowTest.shown().snapshot().network().indexOf("relu_1_1");
        WaitForAsyncUtils.asyncFx(() -> w.explain(relu, 0)).get(10, TimeUnit.SECONDS);
        assertFalse(hint.isVisible(), "gone once used");
        assertTrue(AppSettings.user().neuronChosen(), "and remembered");
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(2)
    void theScaleSaysWhatItMeans() throws Exception {
        ComboBox<RangeMode> mode = lookup("#range-mode");
        Label caption = lookup("#range-caption");
        for (RangeMode m : RangeMode.values()) {
            WaitForAsyncUtils.asyncFx(() -> mode.setValue(m)).get(10, TimeUnit.SECONDS);
            assertEquals(TEXT.getString("range.explain." + m.name().toLowerCase(Locale.ROOT)), caption.getText());
        }
        WaitForAsyncUtils.asyncFx(() -> mode.setValue(RangeMode.UNIT)).get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void aRandomWeightPresetSaysItsPredictionMeansNothing() throws Exception {
        Label badge = lookup("#random-weights-badge");
        Label status = lookup("#status");
        assertFalse(badge.isVisible(), "the trained Tiny VGG has no warning");
        assertFalse(status.getText().contains("random weights"), status.getText());
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().loadPreset("lenet"))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(
                () -> AppWindowTest.shown().snapshot().network().name().startsWith("LeNet"));
        assertTrue(badge.isVisible());
        assertEquals(TEXT.getString("random.short"), badge.getText());
        assertTrue(((Label) lookup("#random-weights-side")).isVisible(), "the side panel says it too");
        assertTrue(status.getText().endsWith("random weights: this prediction means nothing"), status.getText());
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().loadModel(null))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(
                () -> AppWindowTest.shown().snapshot().network().name().startsWith("Tiny VGG"));
        assertFalse(badge.isVisible(), "gone with the trained model");
    }
}
