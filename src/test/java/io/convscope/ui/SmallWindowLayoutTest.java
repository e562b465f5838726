package io.convscope.ui;

import io.convscope.explain.article.Article;
import io.convscope.ui.common.FitToSize;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.formula.ConvolutionFormulaPanel;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window at the smallest size the README promises, 1024 x 640 (and 1440 x 900 while a model loads): no tool bar
 * label is cut to "…", the explanation views and the formula panel fit inside the window, the Learn article wraps to
 * its panel; a new model opens scrolled to its input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallWindowLayoutTest {

    @BeforeAll
    static void launchSmall() throws Exception {
        AppWindowTest.launch();
        resize(1024, 640);
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    static void resize(double w, double h) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    AppWindowTest.stage.setWidth(w);
                    AppWindowTest.stage.setHeight(h);
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Node lookup(String selector) {
        return AppWindowTest.stage.getScene().lookup(selector);
    }

    /** Every label in the tool bar row that shows its text, with the text its skin actually draws when it differs. */
    static List<String> cutLabels() throws Exception {
        return cutLabels("#toolbar-row");
    }

    /** The same for the part of the window {@code selector} finds. */
    static List<String> cutLabels(String selector) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    AppWindowTest.stage.getScene().getRoot().applyCss();
                    AppWindowTest.stage.getScene().getRoot().layout();
                    List<String> cut = new ArrayList<>();
                    collectCut(lookup(selector), cut);
                    return cut;
                })
                .get(10, TimeUnit.SECONDS);
    }

    private static void collectCut(Node n, List<String> cut) {
        if (!n.isVisible() || !n.isManaged()) {
            return;
        }
        if (n instanceof Labeled l
                && l.getText() != null
                && !l.getText().isEmpty()
                && l.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY) {
            Text drawn = (Text) l.lookup(".text");
            if (drawn == null || !drawn.getText().equals(l.getText())) {
                cut.add(l.getText() + " -> " + (drawn == null ? "nothing" : drawn.getText()));
            }
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collectCut(c, cut));
        }
    }

    /** One layout pass now, as the next pulse would do. */
    static void layOut() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    AppWindowTest.stage.getScene().getRoot().applyCss();
                    AppWindowTest.stage.getScene().getRoot().layout();
                })
                .get(10, TimeUnit.SECONDS);
    }

    static boolean inside(Node n) {
        Bounds b = n.localToScene(n.getLayoutBounds()); // its box, not its drop shadow
        var scene = AppWindowTest.stage.getScene();
        return b.getMinX() >= -0.5
                && b.getMinY() >= -0.5
                && b.getMaxX() <= scene.getWidth() + 0.5
                && b.getMaxY() <= scene.getHeight() + 0.5;
    }

    @Test
    @Order(1)
    void noToolbarLabelIsCut() throws Exception {
        assertEquals(List.of(), cutLabels());
        assertTrue(((Labeled) lookup("#learn-toggle")).getTooltip() != null, "a collapsed button keeps its tooltip");
    }

    @Test
    @Order(2)
    void noToolbarLabelIsCutWhileAModelLoads() throws Exception {
        Label phase = (Label) lookup("#load-phase");
        WaitForAsyncUtils.asyncFx(() -> {
                    phase.setText("Creating weights (random)…"); // the longest phase, as a preset load shows it
                    phase.getParent().setVisible(true);
                })
                .get(10, TimeUnit.SECONDS);
        try {
            assertEquals(List.of(), cutLabels());
            resize(1440, 900);
            assertEquals(List.of(), cutLabels());
        } finally {
            WaitForAsyncUtils.asyncFx(() -> phase.getParent().setVisible(false)).get(10, TimeUnit.SECONDS);
            resize(1024, 640);
        }
    }

    @Test
    @Order(3)
    void theConvolutionViewAndFormulaPanelFitTheWindow() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        int conv = AppWindowTest.shown().snapshot().network().indexOf("conv_1_1");
        WaitForAsyncUtils.asyncFx(() -> w.explain(conv, 0)).get(10, TimeUnit.SECONDS);
        layOut();
        Node view = lookup("#conv-view");
        FitToSize fit = (FitToSize) view.getParent();
        // The view's own box, as FitToSize scales it (the grow animation's transforms play no part in this).
        double scale = fit.scale();
        assertTrue(
                view.getLayoutBounds().getWidth() * scale <= fit.getWidth() + 0.5
                        && view.getLayoutBounds().getHeight() * scale <= fit.getHeight() + 0.5,
                "the view fits its area");
        assertTrue(inside(fit), "the view's area is inside the window");
        Node hint = view.lookupAll(".text-muted").stream()
                .filter(n -> n instanceof Label l && l.getGraphic() != null)
                .findFirst()
                .orElseThrow();
        Bounds inView = view.sceneToLocal(hint.localToScene(hint.getLayoutBounds()));
        assertTrue(
                inView.getMaxY() <= view.getLayoutBounds().getMaxY() + 0.5,
                "the hint ends at " + inView.getMaxY() + ", the view at "
                        + view.getLayoutBounds().getMaxY());
        WaitForAsyncUtils.asyncFx(() -> {
                    ((ConvolutionView) view).stopSliding();
                    // The map's own click handler (the robot would aim at a view still growing out of its neuron).
                    lookup("#conv-intermediate-0").getOnMouseClicked().handle(null);
                })
                .get(10, TimeUnit.SECONDS);
        layOut();
        Node formula = lookup("#conv-formula");
        assertTrue(formula != null && formula.isVisible());
        // Measured on the FX thread: the panel's text is still being laid out as it animates.
        Object[] placed = WaitForAsyncUtils.asyncFx(
                        () -> new Object[] {inside(formula), formula.localToScene(formula.getBoundsInLocal())})
                .get(10, TimeUnit.SECONDS);
        assertTrue((Boolean) placed[0], "the formula panel is inside the window: " + placed[1]);
        WaitForAsyncUtils.asyncFx(() -> {
                    ((ConvolutionFormulaPanel) formula).setPlaying(false);
                    w.goBack();
                    w.goBack();
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(4)
    void theLearnArticleWrapsToItsPanel() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        WaitForAsyncUtils.asyncFx(() -> w.openLearn(Article.HYPERPARAMETERS)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane scroll = (ScrollPane) lookup("#learn-scroll");
        double article = w.learnPanel().articleView().getWidth();
        double viewport = scroll.getViewportBounds().getWidth();
        assertTrue(
                article <= viewport + 0.5, "the article is " + article + " px wide in a " + viewport + " px viewport");
    }

    @Test
    @Order(5)
    void anotherModelOpensScrolledToItsInput() throws Exception {
        ScrollPane overviewScroll = (ScrollPane) lookup(".overview-scroll");
        var before = AppWindowTest.shown();
        WaitForAsyncUtils.asyncFx(() -> overviewScroll.setHvalue(0.6)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().loadModel(null))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(() -> AppWindowTest.shown() != before);
        assertEquals(0, overviewScroll.getHvalue(), 1e-9);
    }
}
