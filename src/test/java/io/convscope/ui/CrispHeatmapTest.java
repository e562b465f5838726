package io.convscope.ui;

import io.convscope.network.LayerActivation;
import io.convscope.network.Shape;
import io.convscope.ui.common.HeatmapView;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heatmaps stay one solid square per value on JavaFX's software renderer (the tests run with -Dprism.order=sw),
 * which ignores {@code ImageView.setSmooth(false)} and used to blend neighbouring values: the overview's 13 x 13
 * max_pool_2 maps and the convolution view's 26 x 26 conv_2_2 maps, at whole and fractional scales and positions.
 * Every pixel inside a value's block (its one-pixel rim aside, where blocks of uneven size meet) must be exactly
 * that value's colour in a snapshot of the rendered scene.
 */
class CrispHeatmapTest {

    static Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        stage = WaitForAsyncUtils.asyncFx(() -> {
                    Stage s = new Stage();
                    s.setX(0);
                    s.setY(0);
                    return s;
                })
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyValueIsOneSolidBlock() throws Exception {
        // {cells, side, x, y}: the overview's neuron size is rarely a multiple of the map, nor its position whole.
        double[][] cases = {{13, 65, 10, 10}, {13, 60.4, 100.3, 10.6}, {26, 104, 200, 10}, {26, 100.4, 320.5, 20.2}};
        Random random = new Random(12);
        List<int[]> colours = new ArrayList<>();
        List<HeatmapView> views = new ArrayList<>();
        for (double[] c : cases) {
            int n = (int) c[0];
            float[] values = new float[n * n];
            int[] argb = new int[n * n];
            for (int i = 0; i < values.length; i++) {
                values[i] = i; // the colouring below maps each value to its own random colour
                argb[i] = 0xff000000 | random.nextInt(0x1000000);
            }
            colours.add(argb);
            views.add(WaitForAsyncUtils.asyncFx(() -> {
                        HeatmapView v = new HeatmapView();
                        v.show(new LayerActivation(new Shape(1, n, n), values), 0, value -> argb[(int) value]);
                        v.size(c[1]);
                        v.relocate(c[2], c[3]);
                        return v;
                    })
                    .get(10, TimeUnit.SECONDS));
        }
        Image shot = WaitForAsyncUtils.asyncFx(() -> {
                    Pane root = new Pane();
                    root.getChildren().addAll(views);
                    root.setStyle("-fx-background-color: white;");
                    stage.setScene(new Scene(root, 500, 200));
                    stage.show();
                    return stage.getScene().snapshot(null);
                })
                .get(10, TimeUnit.SECONDS);
        for (int i = 0; i < cases.length; i++) {
            int n = (int) cases[i][0];
            HeatmapView v = views.get(i);
            var b = WaitForAsyncUtils.asyncFx(() -> v.localToScene(v.getLayoutBounds()))
                    .get(10, TimeUnit.SECONDS);
            assertBlocks(
                    shot.getPixelReader(),
                    colours.get(i),
                    n,
                    b.getMinX(),
                    b.getMinY(),
                    b.getWidth(),
                    b.getHeight(),
                    n + " x " + n + " at " + cases[i][1] + " px");
        }
    }

    /**
     * The map outputs' figure (U-Net's mask, YOLO's grid over the input) draws the input into a Canvas with image
     * smoothing off; the software renderer honours that switch, unlike ImageView's.
     */
    @Test
    void aCanvasWithImageSmoothingOffStaysCrisp() throws Exception {
        int n = 13;
        int[] argb = new int[n * n];
        Random random = new Random(7);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xff000000 | random.nextInt(0x1000000);
        }
        Image shot = WaitForAsyncUtils.asyncFx(() -> {
                    var image = new WritableImage(n, n);
                    image.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), argb, 0, n);
                    var canvas = new Canvas(100, 100);
                    canvas.getGraphicsContext2D().setImageSmoothing(false);
                    canvas.getGraphicsContext2D().drawImage(image, 0, 0, 100, 100);
                    stage.setScene(new Scene(new Pane(canvas), 100, 100));
                    stage.show();
                    return stage.getScene().snapshot(null);
                })
                .get(10, TimeUnit.SECONDS);
        assertBlocks(shot.getPixelReader(), argb, n, 0, 0, 100, 100, "a 13 x 13 image drawn at 100 px in a Canvas");
    }

    /** Each cell's block spans [cell * size / n, (cell + 1) * size / n); its pixels one in from that edge are checked. */
    static void assertBlocks(
            PixelReader shot, int[] argb, int n, double x0, double y0, double w, double h, String what) {
        int checked = 0;
        for (int cy = 0; cy < n; cy++) {
            for (int cx = 0; cx < n; cx++) {
                for (int py = (int) Math.floor(y0 + cy * h / n) + 1; py < Math.ceil(y0 + (cy + 1) * h / n) - 1; py++) {
                    for (int px = (int) Math.floor(x0 + cx * w / n) + 1;
                            px < Math.ceil(x0 + (cx + 1) * w / n) - 1;
                            px++) {
                        int seen = shot.getArgb(px, py);
                        if (seen != argb[cy * n + cx]) {
                            assertEquals(
                                    Integer.toHexString(argb[cy * n + cx]),
                                    Integer.toHexString(seen),
                                    what + ": cell (" + cx + ", " + cy + ") at pixel (" + px + ", " + py + ")");
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= n * n, what + ": only " + checked + " interior pixels checked");
    }
}
