package io.convscope.ui.learn;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.article.Article;
import io.convscope.explain.article.ArticleLinks;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Learn article's attribution section in both languages: its formulas typeset, its worked Grad-CAM figure drawn,
 * and its link switching the window to the attribution mode (the Grad-CAM view's ⓘ opens the section).
 */
class AttributionSectionTest {

    @Test
    void theSectionTypesetsAndItsLinkAsksForTheAttributionMode() throws Exception {
        ActivationSnapshot coffee = ModelLoader.loadBundled()
                .compiled()
                .forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
        FxToolkit.registerPrimaryStage();
        for (Language language : Language.values()) {
            List<WorkspaceMode> asked = new ArrayList<>();
            Stage stage = WaitForAsyncUtils.asyncFx(() -> {
                        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                        LearnPanel panel = new LearnPanel(
                                new SimpleObjectProperty<>(language),
                                new Palette(false),
                                layer -> {},
                                () -> new Label(),
                                () -> {});
                        panel.setOnShowMode(asked::add);
                        Stage s = new Stage();
                        Scene scene = new Scene(panel, 560, 900);
                        scene.getStylesheets()
                                .add(Palette.class
                                        .getResource(Palette.STYLESHEET)
                                        .toExternalForm());
                        s.setScene(scene);
                        s.show();
                        panel.show(coffee);
                        panel.openSection(Article.ATTRIBUTION);
                        return s;
                    })
                    .get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            LearnPanel panel = (LearnPanel) stage.getScene().getRoot();
            assertTrue(panel.articleView().heading(Article.ATTRIBUTION) != null, language.tag());
            assertTrue(stage.getScene().lookup("#figure-gradcam-example") != null, language.tag());
            Hyperlink link = panel.articleView().lookupAll(".article-link").stream()
                    .map(Hyperlink.class::cast)
                    .filter(h -> "mode:attribution".equals(h.getUserData()))
                    .findFirst()
                    .orElseThrow();
            WaitForAsyncUtils.asyncFx(link::fire).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(WorkspaceMode.ATTRIBUTION), asked, language.tag());
            assertEquals(
                    Article.ATTRIBUTION,
                    WaitForAsyncUtils.asyncFx(panel::currentSection).get(10, TimeUnit.SECONDS),
                    "the link leaves the reader where they are");
            shot(stage, "learn-attribution-" + language.tag() + ".png");
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        assertEquals(null, ArticleLinks.mode("layer:input"));
    }

    private static void shot(Stage stage, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var image =
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name).toFile());
    }
}
