package io.convscope.ui;

import com.sun.javafx.tk.Toolkit;
import com.sun.scenario.animation.AbstractPrimaryTimer;
import io.convscope.network.LayerKind;
import io.convscope.ui.explanation.ConvolutionView;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ToggleButton;
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

/**
 * A window with nothing moving costs nothing: once the first prediction is shown and its animations have ended, no
 * animation runs and a layout pass leaves nothing to lay out again. (The overview's layout pass used to restyle the
 * top class's label, whose new font asked for another layout: 30 repaints a second of the whole network, over half a
 * core with the software renderer.) Checked on the overview, a finished convolution view and the Learn panel.
 * Deterministic: layout and CSS passes are run by hand on the FX thread, animations are read off JavaFX's timer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdleWindowTest {

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    @Test
    @Order(1)
    void theOverviewSettles() throws Exception {
        assertIdle();
    }

    @Test
    @Order(2)
    void aFinishedConvolutionViewSettles() throws Exception {
        MainWindow w = AppWindowTest.app.window();
        int conv = AppWindowTest.shown().snapshot().network().firstIndex(l -> l.kind() == LayerKind.CONVOLUTION);
        WaitForAsyncUtils.asyncFx(() -> w.explain(conv, 0)).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        var view = (ConvolutionView) AppWindowTest.stage.getScene().lookup("#conv-view");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.isSliding());
        assertIdle();
        WaitForAsyncUtils.asyncFx(w::goBack).get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void theLearnPanelSettles() throws Exception {
        var learn = (ToggleButton) AppWindowTest.stage.getScene().lookup("#learn-toggle");
        WaitForAsyncUtils.asyncFx(() -> learn.setSelected(true)).get(10, TimeUnit.SECONDS);
        try {
            assertIdle();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> learn.setSelected(false)).get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Animations that end do end (the wait fails only on one that never stops); then layout is forced on the whole
     * window three times, each followed by the CSS pass a pulse would run: nothing may need laying out again.
     */
    private static void assertIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(IdleWindowTest::runningAnimations)
                                .get(10, TimeUnit.SECONDS)
                        == 0);
        List<String> again = WaitForAsyncUtils.asyncFx(() -> {
                    Parent root = AppWindowTest.stage.getScene().getRoot();
                    List<String> dirty = new ArrayList<>();
                    for (int round = 0; round < 3 && dirty.isEmpty(); round++) {
                        requestLayoutEverywhere(root);
                        root.applyCss();
                        root.layout();
                        root.applyCss();
                        collectNeedingLayout(root, dirty);
                    }
                    return dirty;
                })
                .get(30, TimeUnit.SECONDS);
        assertEquals(
                List.of(), again, "a layout pass changed what it lays out, so every pulse lays out and repaints again");
    }

    private static void requestLayoutEverywhere(Node n) {
        if (n instanceof Parent p) {
            p.requestLayout();
            p.getChildrenUnmodifiable().forEach(IdleWindowTest::requestLayoutEverywhere);
        }
    }

    /** The innermost parents that need a layout pass, named by class, id and style classes. */
    private static void collectNeedingLayout(Node n, List<String> out) {
        if (!(n instanceof Parent p) || !p.isNeedsLayout()) {
            return;
        }
        int before = out.size();
        p.getChildrenUnmodifiable().forEach(c -> collectNeedingLayout(c, out));
        if (out.size() == before) {
            out.add(p.getClass().getSimpleName() + "#" + p.getId() + p.getStyleClass());
        }
    }

    /**
     * Animations and animation timers registered with JavaFX's pulse timer. JavaFX has no public API for this; the
     * counts are fields of its timer (the tests run JavaFX from the class path, so reflection reaches them).
     */
    static int runningAnimations() {
        try {
            Object timer = Toolkit.getToolkit().getPrimaryTimer();
            int running = 0;
            for (String field : new String[] {"receiversLength", "animationTimersLength"}) {
                var f = AbstractPrimaryTimer.class.getDeclaredField(field);
                f.setAccessible(true);
                running += f.getInt(timer);
            }
            return running;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("JavaFX's pulse timer has changed: " + e, e);
        }
    }
}
