package io.convscope.ui;

import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.ModelLoader;
import io.convscope.network.ActivationSnapshot;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        stage = FxToolkit.registerPrimaryStage();
        app = (ConvScopeApp) FxToolkit.setupApplication(ConvScopeApp.class);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void opensOnCoffeeWithTheEnginesPrediction() throws Exception {
        Scene scene = stage.getScene();
        VBox prediction = (VBox) scene.lookup("#prediction");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !prediction.getChildren().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        ActivationSnapshot expected = ModelLoader.loadBundled().compiled()
                .forward(ImagePreprocessor.load(ConvScopeApp.DEFAULT_IMAGE, 64, 64));
        HBox top = (HBox) prediction.getChildren().get(0);
        assertEquals(expected.topLabel(), ((Label) top.getChildren().get(0)).getText());
        assertEquals(String.format(Locale.ROOT, "%.4f", expected.probability(expected.topClass())),
                ((Label) top.getChildren().get(2)).getText());
        assertEquals(expected.network().classes().size(), prediction.getChildren().size());
        assertTrue(stage.getTitle().startsWith("coffee.png"), stage.getTitle());
        ImageView processed = (ImageView) scene.lookup("#processed");
        assertNotNull(processed.getImage());
        assertEquals(64, processed.getImage().getWidth());

        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve("app.png").toFile());
    }
}
