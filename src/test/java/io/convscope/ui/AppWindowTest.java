package io.convscope.ui;

import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches the real window headless (Monocle) and checks it shows what the engine computes for the default image. */
class AppWindowTest {

    static Stage stage;
    static ConvScopeApp app;

    @BeforeAll
    static void launch() throws Exception {
        System.setProperty("convscope.settings", "io/convscope-test");
        java.util.prefs.Preferences.userRoot().node("io/convscope-test").clear();
        stage = FxToolkit.registerPrimaryStage();
        app = (ConvScopeApp) FxToolkit.setupApplication(ConvScopeApp.class);
        FxToolkit.setupStage(s -> {
            s.setWidth(1440);
            s.setHeight(900);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.window().shownProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void opensOnCoffeeWithTheEnginesPrediction() throws Exception {
        ActivationSnapshot expected;
        try (InputStream in = getClass().getResourceAsStream("/sample-images/coffee.png")) {
            expected = ModelLoader.loadBundled().compiled().forward(ImagePreprocessor.toChw(
                    ImagePreprocessor.resizeAndCrop(ImagePreprocessor.decode(in.readAllBytes(), "coffee.png"), 64, 64)));
        }
        MainWindow.Shown shown = app.window().shownProperty().get();
        assertEquals("sample:coffee.png", shown.key());
        assertEquals(expected.topLabel(), shown.snapshot().topLabel());
        assertEquals(expected.probability(expected.topClass()), shown.snapshot().probability(expected.topClass()), 1e-7);
        Label status = (Label) stage.getScene().lookup("#status");
        assertTrue(status.getText().contains(expected.topLabel()), status.getText());
        assertTrue(stage.getTitle().startsWith(shown.title()), stage.getTitle());
    }

    @Test
    void heatmapPixelsAreTheColourScaleOfTheEnginesActivations() {
        OverviewPane overview = app.window().overview();
        ActivationSnapshot s = app.window().shownProperty().get().snapshot();
        int conv = s.network().indexOf("conv_1_2");
        int column = 0;
        while (overview.columns().get(column).layerIndex() != conv) {
            column++;
        }
        HeatmapView view = overview.heatmap(column, 3);
        assertNotNull(view);
        LayerActivation a = s.layer(conv);
        double range = ColorRanges.of(s).range(RangeMode.UNIT, conv);
        for (int[] p : new int[][] {{0, 0}, {17, 41}, {59, 59}}) {
            int expected = ValueColors.activation(a.value(3, p[0], p[1]), range);
            assertEquals(Integer.toHexString(expected), Integer.toHexString(view.argbAt(p[1], p[0])), "pixel " + p[0] + "," + p[1]);
        }
        HeatmapView red = overview.heatmap(0, 0);
        assertEquals(Integer.toHexString(ValueColors.input(s.layer(0).value(0, 10, 20))), Integer.toHexString(red.argbAt(20, 10)));
    }

    @Test
    void writesScreenshot() throws Exception {
        Scene scene = stage.getScene();
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve("overview.png").toFile());
        assertTrue(Files.size(dir.resolve("overview.png")) > 10_000);
    }
}
