package io.convscope.ui;

import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.ui.attribution.AttributionResult;
import io.convscope.ui.attribution.AttributionView;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window offers the "Why?" mode, and its view computes the shown image's map for the bundled model. */
class AttributionModeWindowTest {

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() ->
                        AppWindowTest.app.window().workspace().modeProperty().set(WorkspaceMode.OVERVIEW))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.close();
    }

    @Test
    void theWhyModeOpensAndComputesTheMapOfTheImageOnShow() throws Exception {
        MainWindow window = AppWindowTest.app.window();
        CountDownLatch computed = new CountDownLatch(1);
        AttributionView view = WaitForAsyncUtils.asyncFx(() -> {
                    Node toggle = window.getScene().lookup("#mode-attribution");
                    assertTrue(toggle != null && toggle.isVisible(), "the tool bar offers the mode");
                    window.workspace().modeProperty().set(WorkspaceMode.ATTRIBUTION);
                    AttributionView v = (AttributionView) window.modeView(WorkspaceMode.ATTRIBUTION);
                    v.resultProperty().addListener((o, was, now) -> computed.countDown());
                    if (v.resultProperty().get() != null) {
                        computed.countDown();
                    }
                    return v;
                })
                .get(10, TimeUnit.SECONDS);
        assertTrue(computed.await(60, TimeUnit.SECONDS), "a map was computed");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.getScene() == window.getScene(), "the view is in the window");
        AttributionResult r = view.resultProperty().get();
        float[] image = window.workspace().shown().snapshot().layer(0).toArray();
        Attribution engine = Attribution.of(window.workspace().model().model());
        assertEquals(engine.topClass(image), r.target());
        float[] expected = engine.cam(AttributionMethod.GRAD_CAM, image, r.target(), r.camLayer())
                .values();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.map().values()[i], 1e-5 * Math.max(1, Math.abs(expected[i])));
        }
    }
}
