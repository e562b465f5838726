package io.convscope.ui;

import io.convscope.explain.ExplanationState;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.flatten.FlattenView;
import io.convscope.ui.overview.OverviewPane;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, items 6, 8 and 10, in the real window: every view has the same ways out (×, Esc, a click beside it), the
 * flatten view stays whole after the softmax panel closes, the readout forgets what the pointer left, a view's own
 * text stays on its background, and the gallery looks disabled while a view is open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewExitsWindowTest {

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    /** Each test starts on the overview, whatever the one before left open. */
    @BeforeEach
    void backToTheOverview() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    while (!window().explanationState().controlsEnabled()) {
                        window().goBack();
                    }
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static MainWindow window() {
        return AppWindowTest.app.window();
    }

    private static Node lookup(String selector) {
        return AppWindowTest.stage.getScene().lookup(selector);
    }

    private void openConvolution() throws Exception {
        robot.clickOn(window().overview().heatmap(AppWindowTest.column("conv_1_2"), 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                window().explanationState() instanceof ExplanationState.Convolution,
                window().explanationState().toString());
        robot.clickOn("#conv-skip"); // the sliding animation over: nothing moves under the pointer
        WaitForAsyncUtils.waitForFxEvents();
        AppWindowTest.waitUntilStill("after opening the convolution view"); // its bounds are final, not still growing
    }

    private void openFlatten() throws Exception {
        OverviewPane overview = window().overview();
        int out = overview.columns().size() - 1;
        var row = overview.layoutGeometry().box(out, 6, 10);
        robot.clickOn(overview.localToScreen(row.x() + 20, row.centerY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                window().explanationState() instanceof ExplanationState.Flatten,
                window().explanationState().toString());
        AppWindowTest.waitUntilStill("after opening the flatten view"); // a click beside it needs its final bounds
    }

    /** A screen point beside {@code view}, inside the layer that holds it: the widest margin's middle. */
    private static Point2D besides(Node view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    Node fit = view.getParent();
                    Bounds area = fit.localToScreen(fit.getLayoutBounds());
                    Bounds card = view.localToScreen(view.getLayoutBounds());
                    double left = card.getMinX() - area.getMinX();
                    double right = area.getMaxX() - card.getMaxX();
                    double top = card.getMinY() - area.getMinY();
                    double bottom = area.getMaxY() - card.getMaxY();
                    double most = Math.max(Math.max(left, right), Math.max(top, bottom));
                    assertTrue(most > 6, "no space beside the view: " + card + " in " + area);
                    if (most == left) {
                        return new Point2D(area.getMinX() + left / 2, card.getCenterY());
                    } else if (most == right) {
                        return new Point2D(card.getMaxX() + right / 2, card.getCenterY());
                    } else if (most == top) {
                        return new Point2D(card.getCenterX(), area.getMinY() + top / 2);
                    }
                    return new Point2D(card.getCenterX(), card.getMaxY() + bottom / 2);
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void convolutionViewClosesWithItsButtonAndWithAClickBesideIt() throws Exception {
        openConvolution();
        robot.clickOn("#conv-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, window().explanationState());

        openConvolution();
        AppWindowTest.hideTooltips();
        robot.clickOn(besides(lookup("#conv-view")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, window().explanationState(), "a click on empty space goes back");
    }

    @Test
    @Order(2)
    void flattenViewClosesWithItsButtonAndWithAClickBesideIt() throws Exception {
        openFlatten();
        robot.clickOn("#flatten-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, window().explanationState());

        openFlatten();
        Node view = AppWindowTest.ancestor(lookup("#flatten-strip"), FlattenView.class);
        AppWindowTest.hideTooltips();
        robot.clickOn(besides(view));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, window().explanationState(), "a click on empty space goes back");
    }

    @Test
    @Order(3)
    void flattenOutputStaysWholeAfterTheSoftmaxPanelCloses() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    AppWindowTest.stage.setWidth(1024);
                    AppWindowTest.stage.setHeight(640);
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            openFlatten();
            assertOutputLabelWhole("before softmax");
            robot.clickOn("#flatten-softmax");
            WaitForAsyncUtils.waitForFxEvents();
            AppWindowTest.hideTooltips();
            robot.type(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(window().explanationState() instanceof ExplanationState.Flatten);
            assertOutputLabelWhole("after the softmax panel closed");
            AppWindowTest.screenshot("flatten-after-softmax-1024.png");
            AppWindowTest.hideTooltips();
            robot.type(KeyCode.ESCAPE);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                        AppWindowTest.stage.setWidth(1440);
                        AppWindowTest.stage.setHeight(900);
                    })
                    .get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** "espresso (probability 0.98…)": at its full preferred width and inside the visible layer, not clipped. */
    private static void assertOutputLabelWhole(String when) throws Exception {
        String problem = WaitForAsyncUtils.asyncFx(() -> {
                    Label output = (Label) lookup("#flatten-output");
                    Node view = AppWindowTest.ancestor(output, FlattenView.class);
                    Node fit = view.getParent();
                    Bounds label = output.localToScene(output.getLayoutBounds());
                    Bounds area = fit.localToScene(fit.getLayoutBounds());
                    if (output.getWidth() + 0.5 < output.prefWidth(-1)) {
                        return "truncated: " + output.getWidth() + " < " + output.prefWidth(-1);
                    }
                    if (label.getMaxX() > area.getMaxX() + 0.5 || label.getMinX() < area.getMinX() - 0.5) {
                        return "cut: label " + label + " outside " + area;
                    }
                    return "";
                })
                .get(10, TimeUnit.SECONDS);
        assertEquals("", problem, when);
    }

    @Test
    @Order(4)
    void readoutForgetsWhatThePointerLeft() throws Exception {
        openConvolution();
        Label status = (Label) lookup("#readout");
        Label own = (Label) lookup("#conv-readout");
        robot.moveTo("#conv-kernel-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status.getText().contains("Kernel"), status.getText());
        // Off the kernel, onto the empty diagram between the kernels and the intermediate maps.
        Node kernel = lookup("#conv-kernel-2");
        Point2D empty = WaitForAsyncUtils.asyncFx(() -> kernel.localToScreen(
                        kernel.getLayoutBounds().getMaxX() + 40,
                        kernel.getLayoutBounds().getMinY() - 4))
                .get(10, TimeUnit.SECONDS);
        robot.moveTo(empty);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", status.getText(), "the status readout still describes the kernel");
        assertEquals("", own.getText());

        robot.moveTo("#conv-output");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(status.getText().isEmpty());
        robot.moveTo(empty);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", status.getText(), "the status readout still describes the output map");
        AppWindowTest.hideTooltips();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    @Order(5)
    void convolutionViewTextStaysOnItsBackground() throws Exception {
        openConvolution();
        String problem = WaitForAsyncUtils.asyncFx(() -> {
                    ConvolutionView view = (ConvolutionView) lookup("#conv-view");
                    StringBuilder out = new StringBuilder();
                    for (Node part : view.getChildren()) {
                        Bounds b = part.getBoundsInParent();
                        if (b.getMaxY() > view.getHeight() + 0.5 || b.getMaxX() > view.getWidth() + 0.5) {
                            out.append(part)
                                    .append(" reaches ")
                                    .append(b)
                                    .append(" past the view's ")
                                    .append(view.getWidth())
                                    .append(" x ")
                                    .append(view.getHeight())
                                    .append("; ");
                        }
                    }
                    return out.toString();
                })
                .get(10, TimeUnit.SECONDS);
        assertEquals("", problem, "the legends, readout and hint must not spill over the faded overview");
        AppWindowTest.hideTooltips();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    @Order(6)
    void galleryLooksDisabledWhileAViewIsOpen() throws Exception {
        Node gallery = lookup(".gallery");
        assertEquals(1.0, gallery.getOpacity(), 1e-9);
        openConvolution();
        assertTrue(gallery.isDisabled(), "the gallery ignores clicks while a view is open");
        assertTrue(gallery.getOpacity() < 0.5, "and must look it: opacity " + gallery.getOpacity());
        AppWindowTest.hideTooltips();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, window().explanationState());
        assertEquals(1.0, gallery.getOpacity(), 1e-9);
    }
}
