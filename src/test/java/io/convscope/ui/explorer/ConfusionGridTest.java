package io.convscope.ui.explorer;

import io.convscope.explain.dataset.DatasetReport;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200-class confusion matrix (40,000 cells) in a small window: it scrolls, only a viewport-sized canvas is drawn,
 * and a click far down and right lands on the cell under the pointer.
 */
class ConfusionGridTest {

    static final int CLASSES = 200;
    static Stage stage;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        stage = WaitForAsyncUtils.asyncFx(() -> new Stage()).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFarCellOfTwoHundredClassesScrollsIntoViewAndTakesTheClick() throws Exception {
        List<String> classes = new ArrayList<>();
        int[][] confusion = new int[CLASSES][CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            classes.add("class " + c);
            confusion[c][c] = 5;
            confusion[c][(c * 7 + 3) % CLASSES] += 2;
        }
        DatasetReport report = new DatasetReport(classes, confusion, List.of());
        int[] clicked = new int[2];
        ConfusionGrid grid = WaitForAsyncUtils.asyncFx(() -> {
                    ConfusionGrid g = new ConfusionGrid((t, p) -> {
                        clicked[0] = t;
                        clicked[1] = p;
                    });
                    stage.setScene(new Scene(g, 640, 420));
                    stage.setX(0);
                    stage.setY(0);
                    stage.show();
                    g.show(report);
                    return g;
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D at = WaitForAsyncUtils.asyncFx(() -> grid.cellCentreOnScreen(150, 171))
                .get(10, TimeUnit.SECONDS);
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(new int[] {150, 171}, clicked);
        assertTrue(grid.getHvalue() > 0 && grid.getVvalue() > 0, "scrolled");
        double canvasPixels = WaitForAsyncUtils.asyncFx(() -> {
                    double pixels = 0;
                    for (Node n : grid.lookupAll("*")) {
                        if (n instanceof Canvas c) {
                            pixels += c.getWidth() * c.getHeight();
                        }
                    }
                    return pixels;
                })
                .get(10, TimeUnit.SECONDS);
        assertTrue(
                canvasPixels > 0 && canvasPixels <= 640 * 420,
                "one viewport-sized canvas, not 8,530 px square: " + canvasPixels);
    }
}
