package io.convscope.ui.learn;

import io.convscope.engine.ModelLoader;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explanation.flatten.FlattenViewTest;
import io.convscope.ui.learn.figures.ArticleFigures;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.workspace.Language;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The article's live figures show the current image's own numbers. */
class ArticleFiguresTest {

    static ActivationSnapshot coffee;
    static ResourceBundle text;

    @BeforeAll
    static void load() throws Exception {
        coffee = ModelLoader.loadBundled()
                .compiled()
                .forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
        text = Language.ENGLISH.messages();
        FxToolkit.registerPrimaryStage();
    }

    static String cell(GridPane grid, int row, int column) {
        return grid.getChildren().stream()
                .filter(n -> GridPane.getRowIndex(n) == row && GridPane.getColumnIndex(n) == column)
                .map(n -> ((Label) n).getText())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void figuresAreDrawnFromTheSnapshot() throws Exception {
        // On the FX thread: FigureContext makes its static fonts as it initialises, and JavaFX text is not thread-safe.
        ArticleFigures figures = WaitForAsyncUtils.asyncFx(
                        () -> new ArticleFigures(text, new Palette(false), coffee, () -> null))
                .get();
        List<String> names = List.of(
                "colour-scales",
                "input-channels",
                "kernels",
                "relu-plot",
                "softmax-live",
                "pooling-example",
                "flatten-example",
                "gradcam-example");
        FlowPane all = WaitForAsyncUtils.asyncFx(() -> {
                    FlowPane pane = new FlowPane(30, 30);
                    pane.setPrefWrapLength(1380);
                    pane.setStyle("-fx-padding: 20;");
                    for (String n : names) {
                        pane.getChildren().add(figures.figure(n));
                    }
                    return pane;
                })
                .get();
        Stage stage = FlattenViewTest.showInStage(all);

        // Softmax table: rows ranked by logit, each probability exp(z) / sum exp(z) of this image's logits.
        GridPane table = (GridPane) stage.getScene().lookup("#softmax-table");
        int[] ranking = coffee.ranking();
        double sum = 0;
        for (float z : coffee.logits()) {
            sum += Math.exp(z);
        }
        for (int r = 0; r < ranking.length; r++) {
            int k = ranking[r];
            assertEquals(coffee.network().classes().get(k), cell(table, r + 1, 0));
            assertEquals(String.format("%.2f", coffee.logit(k)), cell(table, r + 1, 1));
            assertEquals(String.format("%.4f", Math.exp(coffee.logit(k)) / sum), cell(table, r + 1, 3));
            assertEquals(String.format("%.4f", coffee.probability(k)), cell(table, r + 1, 3), "equals the engine's");
        }
        assertTrue(stage.getScene().lookup("#figure-kernels") != null);
        assertTrue(stage.getScene().lookup("#figure-gradcam-example") != null);
        FlattenViewTest.screenshot(stage.getScene(), "learn-figures.png");
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }

    @Test
    void aFigureTheNetworkCannotDrawSaysSoAndAnUnknownOneIsABug() throws Exception {
        ArticleFigures figures = WaitForAsyncUtils.asyncFx(
                        () -> new ArticleFigures(text, new Palette(false), coffee, () -> null))
                .get();
        Node missing =
                WaitForAsyncUtils.asyncFx(() -> figures.figure("playground")).get();
        assertEquals(text.getString("learn.figure.missing"), ((Label) missing).getText());
        HyperparameterView playground = WaitForAsyncUtils.asyncFx(
                        () -> new HyperparameterView(text, new Palette(false)))
                .get();
        ArticleFigures withPlayground = WaitForAsyncUtils.asyncFx(
                        () -> new ArticleFigures(text, new Palette(false), coffee, () -> playground))
                .get();
        assertEquals(
                playground,
                WaitForAsyncUtils.asyncFx(() -> withPlayground.figure("playground"))
                        .get());
        assertThrows(IllegalArgumentException.class, () -> figures.figure("no-such-figure"));
    }
}
