package io.convscope.ui.learn;

import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.ui.AppWindowTest;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explanation.flatten.FlattenViewTest;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.learn.playground.PlaygroundGrids;
import io.convscope.ui.workspace.Language;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playground as a student uses it: controls, the grids it draws, hover, and what it says about coverage. */
class HyperparameterViewTest {

    static ResourceBundle text;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        text = Language.ENGLISH.messages();
        FxToolkit.registerPrimaryStage();
    }

    static int argbAt(int[] pixels, double x, double y) {
        int side = (int) PlaygroundGrids.GRID;
        return pixels[(int) y * side + (int) x];
    }

    static boolean red(int argb) {
        return ((argb >> 16) & 0xff) > 200 && ((argb >> 8) & 0xff) < 140;
    }

    /** Pixels of the hatching colour inside padded cell (y, x). */
    static int hatching(int[] pixels, int n, int y, int x) {
        double cell = PlaygroundGrids.GRID / n;
        int count = 0;
        Color u = PlaygroundGrids.UNCOVERED;
        for (int py = (int) (y * cell) + 2; py < (int) ((y + 1) * cell) - 2; py++) {
            for (int px = (int) (x * cell) + 2; px < (int) ((x + 1) * cell) - 2; px++) {
                int argb = argbAt(pixels, px, py);
                if (Math.abs(((argb >> 16) & 0xff) - u.getRed() * 255) < 40
                        && Math.abs((argb & 0xff) - u.getBlue() * 255) < 40
                        && ((argb >> 8) & 0xff) < 130) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void theRefusedCaseIsRoundedDownAndItsUncoveredCellsAreMarked() throws Exception {
        HyperparameterView view = WaitForAsyncUtils.asyncFx(() -> new HyperparameterView(text, new Palette(false)))
                .get();
        StackPane root = new StackPane(view);
        Stage stage = FlattenViewTest.showInStage(root);
        assertEquals(HyperparameterPlayground.DEFAULT, view.model());
        assertTrue(view.isPlaying(), "it plays once on screen");

        // Kernel 3 first (padding may not reach the kernel size), then padding 1, input 4, stride 2: CNN Explainer's
        // #59.
        WaitForAsyncUtils.asyncFx(() -> view.field(2).getValueFactory().setValue(3))
                .get();
        WaitForAsyncUtils.asyncFx(() -> view.slider(1).setValue(1)).get();
        WaitForAsyncUtils.asyncFx(() -> view.field(0).getValueFactory().setValue(4))
                .get();
        robot.clickOn(view.field(3).lookup(".increment-arrow-button"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new HyperparameterPlayground(4, 1, 3, 2), view.model());
        assertEquals(2.0, view.slider(3).getValue(), "slider and field agree");
        assertTrue(view.formulaLatex().contains("\\frac{4 + 2 \\cdot 1 - 3}{2}"), view.formulaLatex());
        assertTrue(view.formulaLatex().endsWith("\\left\\lfloor 1.5 \\right\\rfloor + 1 = 2"), view.formulaLatex());
        assertEquals(
                String.format(text.getString("playground.coverage.remainder"), 4, 1, 3, 3, 2, 1, 2, 2),
                view.coverageSentence());
        assertTrue(((Label) stage.getScene().lookup("#playground-coverage"))
                .getText()
                .contains("rounded down to 2 \u00d7 2"));

        // Hover the bottom-right output cell: the kernel jumps there and stays.
        var out = stage.getScene().lookup("#playground-output");
        robot.moveTo(out.localToScreen(PlaygroundGrids.GRID * 0.75, PlaygroundGrids.GRID * 0.75));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.isPlaying(), "hovering pauses");
        assertEquals(3, view.step());
        WaitForAsyncUtils.waitForFxEvents(); // whatever the hover queued has run: nothing restarts the clock
        assertFalse(WaitForAsyncUtils.asyncFx(view::isPlaying).get(), "paused: its clock fires no more steps");
        assertEquals(3, view.step(), "paused stays put");

        int[] in = WaitForAsyncUtils.asyncFx(() -> view.pixels(true)).get();
        double cell = PlaygroundGrids.GRID / 6;
        // Window of step 3 covers padded rows and columns 2..4; row and column 5 are never covered.
        assertTrue(red(argbAt(in, 3.5 * cell, 3.5 * cell)), "inside the kernel window");
        assertFalse(red(argbAt(in, 0.5 * cell + 3, 0.5 * cell)), "outside the window");
        for (int i = 0; i < 6; i++) {
            assertTrue(hatching(in, 6, 5, i) > 10, "row 5 is hatched at column " + i);
            assertTrue(hatching(in, 6, i, 5) > 10, "column 5 is hatched at row " + i);
        }
        assertEquals(0, hatching(in, 6, 1, 1), "covered cells are not hatched");
        int[] output = WaitForAsyncUtils.asyncFx(() -> view.pixels(false)).get();
        assertTrue(red(argbAt(output, PlaygroundGrids.GRID * 0.75, PlaygroundGrids.GRID * 0.75)));
        assertFalse(red(argbAt(output, PlaygroundGrids.GRID * 0.25, PlaygroundGrids.GRID * 0.25)));

        Files.createDirectories(AppWindowTest.SCREENSHOTS);
        var shot = WaitForAsyncUtils.asyncFx(() -> view.snapshot(null, null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot, null),
                "png",
                AppWindowTest.SCREENSHOTS.resolve("hyperparameters.png").toFile());

        // A kernel as large as the padded input pulls the stride back into range, and the stride's label says so.
        WaitForAsyncUtils.asyncFx(() -> view.field(3).getValueFactory().setValue(4))
                .get();
        WaitForAsyncUtils.asyncFx(() -> view.field(2).getValueFactory().setValue(6))
                .get();
        assertEquals(new HyperparameterPlayground(4, 1, 6, 2), view.model());
        assertTrue(view.label(3).getStyleClass().contains("playground-adjusted"));
        assertEquals(2, view.field(3).getValue());
        assertTrue(view.isPlaying(), "a change starts the animation again");
        WaitForAsyncUtils.asyncFx(() -> view.setVisible(false)).get();
        assertFalse(view.isPlaying(), "hidden, it stops");
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }
}
