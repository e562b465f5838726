package io.convscope.ui;

import io.convscope.engine.WideModel;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.workspace.Shown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window stays within the heap: a model whose pass cannot fit is refused, and snapshots live in one cache. */
class MemoryWindowTest {

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.close();
    }

    /** It used to load, start the first pass and die with an OutOfMemoryError; now the sentence, and nothing changes. */
    @Test
    void aModelWhosePassCannotFitIsRefusedAndTheCurrentModelStays(@TempDir Path dir) throws Exception {
        Path wide = WideModel.save(dir);
        AppWindowTest.waitUntil(() -> AppWindowTest.shown() != null);
        Shown before = AppWindowTest.shown();
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().loadModel(wide))
                .get();
        AppWindowTest.waitUntil(() -> AppWindowTest.app.window().noticeText().contains("needs about"));
        String notice = AppWindowTest.app.window().noticeText();
        assertTrue(
                notice.startsWith("wide.zip needs about 23.7 GB for one image with every activation kept")
                        && notice.contains("java -Xmx")
                        && notice.endsWith("The current model stays."),
                notice);
        assertSame(before, AppWindowTest.shown());
    }

    /** A sample shown again takes its snapshot from the engine's cache: the window keeps only decoded images. */
    @Test
    void aSampleShownAgainReusesTheEnginesSnapshot() throws Exception {
        robot.clickOn("#sample-horse");
        AppWindowTest.waitUntil(() -> AppWindowTest.shown().key().equals("sample:horse.png"));
        ActivationSnapshot horse = AppWindowTest.shown().snapshot();
        robot.clickOn("#sample-coffee");
        AppWindowTest.waitUntil(() -> AppWindowTest.shown().key().equals("sample:coffee.png"));
        robot.clickOn("#sample-horse");
        AppWindowTest.waitUntil(() -> AppWindowTest.shown().key().equals("sample:horse.png"));
        assertSame(horse, AppWindowTest.shown().snapshot(), "no second pass, and the same snapshot object");
    }
}
