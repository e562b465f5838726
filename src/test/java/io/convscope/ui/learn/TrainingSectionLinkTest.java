package io.convscope.ui.learn;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.article.Article;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Training section links to the Train workspace: in both languages its link asks for {@link WorkspaceMode#TRAIN}
 * (the main window switches when that mode has a view), and a section link still opens a section.
 */
class TrainingSectionLinkTest {

    static Stage stage;
    static ActivationSnapshot coffee;

    @BeforeAll
    static void open() throws Exception {
        coffee = ModelLoader.loadBundled()
                .compiled()
                .forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
        FxToolkit.registerPrimaryStage();
        stage = WaitForAsyncUtils.asyncFx(() -> {
                    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                    return new Stage();
                })
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTrainingSectionsLinkAsksForTheTrainWorkspaceInBothLanguages() throws Exception {
        for (Language language : Language.all()) {
            List<WorkspaceMode> asked = new ArrayList<>();
            LearnPanel panel = WaitForAsyncUtils.asyncFx(() -> {
                        LearnPanel p = new LearnPanel(
                                new SimpleObjectProperty<>(language),
                                new Palette(false),
                                i -> {},
                                Region::new,
                                () -> {});
                        p.setOnShowMode(asked::add);
                        Scene scene = new Scene(p, 560, 1000);
                        scene.getStylesheets().add(Palette.STYLESHEET);
                        stage.setScene(scene);
                        stage.show();
                        p.show(coffee);
                        p.openSection(Article.TRAINING);
                        return p;
                    })
                    .get(20, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertNotNull(panel.articleView().heading(Article.TRAINING), language + " has the section");
            List<Hyperlink> links = WaitForAsyncUtils.asyncFx(() -> panel.lookupAll(".article-link").stream()
                            .filter(n -> "mode:train".equals(n.getUserData()))
                            .map(n -> (Hyperlink) n)
                            .toList())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(2, links.size(), language + ": at the start and at the end of the section");
            WaitForAsyncUtils.asyncFx(() -> links.get(0).fire()).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(WorkspaceMode.TRAIN), asked, language.tag());
            Node heading = panel.articleView().heading(Article.TRAINING);
            assertTrue(heading.isVisible());
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            WritableImage image = WaitForAsyncUtils.asyncFx(
                            () -> stage.getScene().snapshot(null))
                    .get(10, TimeUnit.SECONDS);
            ImageIO.write(
                    SwingFXUtils.fromFXImage(image, null),
                    "png",
                    dir.resolve("learn-training-" + language.tag() + ".png").toFile());
        }
    }
}
