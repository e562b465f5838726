package io.convscope.ui;

import io.convscope.explain.article.Article;
import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.ui.learn.LearnPanel;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.workspace.Language;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's place in the Learn article: a layer label opens its section with the heading at the top of the panel,
 * and switching language keeps the section, the offset within it and the playground's settings; Chinese bold text
 * is drawn in a bold face.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LearnPlaceTest {

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.switchLanguage(Language.ENGLISH))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.close();
    }

    static Node lookup(String selector) {
        return AppWindowTest.stage.getScene().lookup(selector);
    }

    /** How far below the top of the article's viewport the node's top is, in pixels. */
    static double belowViewportTop(Node n) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    ScrollPane scroll = (ScrollPane) lookup("#learn-scroll");
                    Node viewport = scroll.lookup(".viewport");
                    return n.localToScene(n.getLayoutBounds()).getMinY()
                            - viewport.localToScene(viewport.getLayoutBounds()).getMinY();
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void aLayerLabelOpensLearnWithItsHeadingAtTheTop() throws Exception {
        assertTrue(!AppWindowTest.app.window().learnShown(), "the panel starts closed");
        Label pool = AppWindowTest.stage.getScene().getRoot().lookupAll(".layer-label").stream()
                .map(Label.class::cast)
                .filter(l -> l.getText().startsWith("max_pool_1"))
                .findFirst()
                .orElseThrow();
        robot.clickOn(pool);
        WaitForAsyncUtils.waitForFxEvents();
        SmallWindowLayoutTest.layOut();
        WaitForAsyncUtils.waitForFxEvents();
        Node heading = AppWindowTest.app.window().learnPanel().articleView().heading(Article.POOLING);
        double y = belowViewportTop(heading);
        assertTrue(y >= 0 && y <= 16, "the pooling heading is " + y + " px below the panel's top");
    }

    @Test
    @Order(2)
    void switchingLanguageKeepsThePlaceAndThePlayground() throws Exception {
        MainWindow english = AppWindowTest.app.window();
        HyperparameterPlayground setting = new HyperparameterPlayground(6, 1, 3, 2);
        WaitForAsyncUtils.asyncFx(() -> {
                    english.learnPanel().openSection(Article.HYPERPARAMETERS);
                    ((HyperparameterView) lookup("#playground")).apply(setting, -1);
                })
                .get(10, TimeUnit.SECONDS);
        SmallWindowLayoutTest.layOut();
        // The reader scrolls on a little into the section.
        WaitForAsyncUtils.asyncFx(() -> {
                    ScrollPane scroll = (ScrollPane) lookup("#learn-scroll");
                    scroll.fireEvent(PointerEvents.wheel(0, 0, -1));
                    scroll.setVvalue(scroll.getVvalue() + 0.01);
                })
                .get(10, TimeUnit.SECONDS);
        SmallWindowLayoutTest.layOut();
        LearnPanel.ReadingPlace before =
                WaitForAsyncUtils.asyncFx(english.learnPanel()::readingPlace).get();
        assertEquals(Article.HYPERPARAMETERS, before.section());
        assertTrue(before.offset() > 20, "scrolled into the section: " + before);

        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.switchLanguage(Language.CHINESE))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(() -> AppWindowTest.app.window().language() == Language.CHINESE);
        SmallWindowLayoutTest.layOut();
        WaitForAsyncUtils.waitForFxEvents();
        MainWindow chinese = AppWindowTest.app.window();
        LearnPanel.ReadingPlace after =
                WaitForAsyncUtils.asyncFx(chinese.learnPanel()::readingPlace).get();
        assertEquals(before.section(), after.section());
        assertEquals(before.offset(), after.offset(), 2, "the same distance into the section");
        assertEquals(setting, ((HyperparameterView) lookup("#playground")).model(), "the playground keeps its setting");
    }

    @Test
    @Order(3)
    void chineseBoldTextUsesABoldFace() throws Exception {
        assertEquals(Language.CHINESE, AppWindowTest.app.window().language());
        Text strong = WaitForAsyncUtils.asyncFx(() -> (Text)
                        AppWindowTest.app.window().learnPanel().articleView().lookupAll(".article-strong").stream()
                                .filter(n -> n instanceof Text)
                                .findFirst()
                                .orElse(null))
                .get();
        assertNotNull(strong, "the Chinese article has bold text");
        String face = strong.getFont().getName();
        assertTrue(face.toLowerCase(Locale.ROOT).contains("bold"), "bold text is drawn in " + face);
        Text plain = WaitForAsyncUtils.asyncFx(() ->
                        (Text) AppWindowTest.app.window().learnPanel().articleView().lookupAll(".article-text").stream()
                                .filter(n -> n instanceof Text t
                                        && !t.getStyleClass().contains("article-strong"))
                                .findFirst()
                                .orElseThrow())
                .get();
        assertEquals(Language.CJK_FAMILY, plain.getFont().getFamily());
        Bounds b = WaitForAsyncUtils.asyncFx(strong::getLayoutBounds).get(10, TimeUnit.SECONDS);
        assertTrue(b.getWidth() > 0);
    }
}
