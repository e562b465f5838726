package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.Inference;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.ValueColors;
import io.convscope.explain.article.Article;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.explain.attribution.GradCamWalkthroughFormulas;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.CamInputs;
import io.convscope.network.Shape;
import io.convscope.ui.PointerEvents;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Application;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grad-CAM walkthrough view on the bundled Tiny VGG and coffee.png: what a hover writes in the formula panel
 * (the walkthrough's own formulas), the linked outlines, drawing more channels, the language and theme kept while
 * shown and not followed once closed, the info button asking for the Learn section, and a 512-channel layer (VGG-16's
 * size) drawing eight rows and summing the rest.
 */
class GradCamStepsTest {

    static GradCamWalkthrough coffee;
    static Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        Inference model = new Inference(ModelLoader.loadBundled());
        float[] image = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        coffee = GradCamSteps.compute(model, image, model.run(image).topClass(), -1);
        FxToolkit.registerPrimaryStage();
        stage = WaitForAsyncUtils.asyncFx(() -> {
                    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                    return new Stage();
                })
                .get();
    }

    @AfterAll
    static void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
    }

    static <T> T fx(Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(work).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    static GradCamSteps show(Workspace workspace, GradCamWalkthrough w) throws Exception {
        return fx(() -> {
            GradCamSteps steps = new GradCamSteps(workspace, w);
            Scene scene = new Scene(new StackPane(steps), 1440, 900);
            scene.getStylesheets()
                    .add(Palette.class.getResource(Palette.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            return steps;
        });
    }

    /** The pointer moving over cell (row, column) of a tile, as the scene would deliver it. */
    static void hover(GradCamMapTile tile, int row, int column) throws Exception {
        fx(() -> {
            double cell = tile.getWidth() / tile.cellsWide();
            Point2D at = tile.localToScene((column + 0.5) * cell, (row + 0.5) * cell);
            Event.fireEvent(tile, PointerEvents.moved(at.getX(), at.getY(), at.getX(), at.getY()));
            return null;
        });
    }

    static GradCamMapTile tile(GradCamSteps steps, String id) {
        return (GradCamMapTile) steps.lookup("#" + id);
    }

    @Test
    void hoveringWritesTheWalkthroughsFormulasAndOutlinesTheSameCellEverywhere() throws Exception {
        GradCamSteps steps = show(new Workspace(Language.ENGLISH, false), coffee);
        GradCamWalkthroughFormulas f = new GradCamWalkthroughFormulas(coffee);
        assertEquals("relu_2_2", coffee.inputs().layer());
        int width = coffee.shape().width();
        // The panel starts at the strongest cell's sum rather than empty.
        assertTrue(
                steps.formulaPane().formulaText().startsWith("S["),
                steps.formulaPane().formulaText());

        hover(tile(steps, "gradcam-relu"), 11, 13);
        assertEquals(f.relu(11 * width + 13), steps.formulaPane().formulaText());
        int top = coffee.ranked(0);
        GradCamMapTile a = tile(steps, "gradcam-a-" + top);
        assertTrue(a.marked() && tile(steps, "gradcam-sum").marked(), "every map of the layer outlines the cell");
        assertFalse(tile(steps, "gradcam-upsampled").marked());

        hover(tile(steps, "gradcam-g-" + top), 3, 4);
        assertEquals(f.gradient(top, 3 * width + 4), steps.formulaPane().formulaText());
        hover(tile(steps, "gradcam-weighted-" + top), 20, 2);
        assertEquals(f.weighted(top, 20 * width + 2), steps.formulaPane().formulaText());
        hover(tile(steps, "gradcam-sum"), 7, 9);
        assertEquals(
                f.sum(7 * width + 9, "\u03a3(the other %d)"),
                steps.formulaPane().formulaText());

        double height = fx(() -> steps.getHeight());
        hover(tile(steps, "gradcam-overlay"), 40, 21);
        assertEquals(height, fx(() -> steps.getHeight()), "a long formula does not resize the view under the pointer");
        assertEquals(f.upsample(40, 21), steps.formulaPane().formulaText());
        assertTrue(tile(steps, "gradcam-relu").marked(), "the map cells the pixel is interpolated from");
        assertTrue(tile(steps, "gradcam-upsampled").marked());
        assertFalse(a.marked());

        Node bar = steps.lookup("#gradcam-alpha-" + top);
        fx(() -> {
            Event.fireEvent(bar, PointerEvents.entered());
            return null;
        });
        assertEquals(f.alpha(top), steps.formulaPane().formulaText());
        assertTrue(steps.formulaPane().formulaText().contains("(1/676)"), "Z = 26 x 26");

        // The keyboard: a focused map shows its last cell, and the arrow keys move it.
        GradCamMapTile sum = tile(steps, "gradcam-sum");
        fx(() -> {
            sum.requestFocus();
            Event.fireEvent(sum, key(KeyCode.RIGHT));
            Event.fireEvent(sum, key(KeyCode.DOWN));
            return null;
        });
        assertEquals(
                f.sum(8 * width + 10, "\u03a3(the other %d)"),
                steps.formulaPane().formulaText());

        // The drawn colours are the walkthrough's values on the shared scale.
        GradCamMapTile relu = tile(steps, "gradcam-relu");
        float[] map = coffee.map();
        int brightest = 0;
        for (int i = 1; i < map.length; i++) {
            brightest = map[i] > map[brightest] ? i : brightest;
        }
        double range = GradCamColors.of(
                        coffee, coffee.rest(steps.shownChannels()).map())
                .logit();
        assertEquals(ValueColors.activation(map[brightest], range), relu.argbAt(brightest % width, brightest / width));
    }

    @Test
    void showMoreKeepsItsChannelsThroughLanguageAndThemeButAClosedViewStopsListening() throws Exception {
        Workspace workspace = new Workspace(Language.ENGLISH, false);
        GradCamSteps steps = show(workspace, coffee);
        assertEquals(GradCamSteps.FIRST_SHOWN, steps.shownChannels());
        assertEquals("+ the other 2 channels, summed", ((Label) steps.lookup("#gradcam-rest-label")).getText());
        fx(() -> {
            ((Button) steps.lookup("#gradcam-more")).fire();
            return null;
        });
        assertEquals(10, steps.shownChannels());
        assertTrue(steps.lookup("#gradcam-rest") == null, "every channel drawn, nothing summed");

        fx(() -> {
            workspace.languageProperty().set(Language.CHINESE);
            workspace.darkProperty().set(true);
            return null;
        });
        assertEquals(10, steps.shownChannels());
        String chinese = ((Label) steps.lookup("#gradcam-title")).getText();
        assertTrue(chinese.contains("为什么"), chinese);

        fx(() -> {
            stage.getScene().setRoot(new StackPane());
            workspace.languageProperty().set(Language.ENGLISH);
            return null;
        });
        assertEquals(chinese, ((Label) steps.lookup("#gradcam-title")).getText(), "closed: not rebuilt");
        fx(() -> {
            stage.getScene().setRoot(new StackPane(steps));
            return null;
        });
        assertTrue(((Label) steps.lookup("#gradcam-title")).getText().startsWith("Grad-CAM: why"));
        assertEquals(10, steps.shownChannels());
    }

    @Test
    void theInfoButtonAsksForTheAttributionSection() throws Exception {
        GradCamSteps steps = show(new Workspace(Language.ENGLISH, false), coffee);
        List<String> asked = new ArrayList<>();
        fx(() -> {
            stage.getScene().getRoot().addEventHandler(LearnRequest.OPEN, e -> asked.add(e.section()));
            ((Button) steps.lookup("#gradcam-info")).fire();
            return null;
        });
        assertEquals(List.of(Article.ATTRIBUTION), asked);
    }

    @Test
    void fiveHundredTwelveChannelsDrawEightRowsAndSumTheRest() throws Exception {
        Random random = new Random(16);
        int k = 512;
        int plane = 14 * 14;
        float[] a = new float[k * plane];
        float[] g = new float[k * plane];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(0, (float) random.nextGaussian());
            g[i] = (float) (random.nextGaussian() * 1e-4);
        }
        CamInputs in = new CamInputs(3, "class 3", 1.5f, "block5_conv3", new Shape(k, 14, 14), a, g, true);
        GradCamWalkthrough w = GradCamWalkthrough.of(in, new float[3 * 224 * 224], new Shape(3, 224, 224));
        GradCamSteps steps = show(new Workspace(Language.ENGLISH, false), w);
        assertEquals(8, steps.shownChannels());
        for (int r = 0; r < 8; r++) {
            assertTrue(steps.lookup("#gradcam-a-" + w.ranked(r)) != null, "rank " + r);
        }
        assertTrue(steps.lookup("#gradcam-a-" + w.ranked(8)) == null);
        assertEquals("+ the other 504 channels, summed", ((Label) steps.lookup("#gradcam-rest-label")).getText());
        assertEquals(
                "together " + GradCamWalkthroughFormulas.number(100 * w.rest(8).share())
                        + " % of all |\u03b1\u2096 \u00b7 A\u2096|",
                ((Label) steps.lookup("#gradcam-rest-share")).getText());
        hover(tile(steps, "gradcam-rest"), 5, 6);
        assertEquals(
                "\u03a3 (504) \u03b1\u2096\u00b7A\u2096[5,6] = "
                        + GradCamWalkthroughFormulas.number(w.rest(8).map()[5 * 14 + 6]),
                steps.formulaPane().formulaText());
        assertTrue(steps.lookup("#gradcam-random").isVisible(), "random weights are said");
        assertTrue(steps.lookup("#gradcam-bars") != null);
    }

    private static KeyEvent key(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
    }
}
