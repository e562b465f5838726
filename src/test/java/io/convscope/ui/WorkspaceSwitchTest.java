package io.convscope.ui;

import io.convscope.engine.Inference;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.dataset.LabelledFolders;
import io.convscope.explain.graph.NodeColors;
import io.convscope.ui.architecture.ArchitectureWindow;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explorer.ExplorerWindow;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window lives as long as the app: switching language or theme re-labels and re-colours its views, bound to the
 * same {@link Workspace}, so nothing is handed over and nothing is lost; an open architecture window follows the theme
 * and the language, an open data-set explorer the theme.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceSwitchTest {

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    MainWindow w = AppWindowTest.app.window();
                    w.workspace().languageProperty().set(Language.ENGLISH);
                    w.workspace().darkProperty().set(false);
                    w.workspace().rangeModeProperty().set(RangeMode.UNIT);
                    while (!w.explanationState().controlsEnabled()) {
                        w.goBack();
                    }
                })
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.closeWindowsExcept(AppWindowTest.stage);
        AppWindowTest.close();
    }

    static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    static void onFx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every text the open explanation views show, joined. */
    static String explanationText() {
        StringBuilder sb = new StringBuilder();
        collect(AppWindowTest.stage.getScene().lookup(".explanation-layer"), sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Labeled l && l.getText() != null) {
            sb.append(l.getText()).append('\n');
        } else if (n instanceof Text t) {
            sb.append(t.getText()).append('\n');
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, sb));
        }
    }

    static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    @Order(1)
    void switchingLanguageKeepsTheWindowTheSceneAndWhatItShows() throws Exception {
        MainWindow window = AppWindowTest.app.window();
        Scene scene = AppWindowTest.stage.getScene();
        Workspace workspace = window.workspace();
        onFx(() -> {
            workspace.rangeModeProperty().set(RangeMode.GLOBAL);
            ((ScrollPane) scene.lookup(".overview-scroll")).setHvalue(0.25);
        });
        robot.clickOn(window.overview().heatmap(AppWindowTest.column("conv_1_2"), 3));
        WaitForAsyncUtils.waitForFxEvents();
        ExplanationState open = window.explanationState();
        assertTrue(open instanceof ExplanationState.Convolution, open.toString());
        assertTrue(!hasChinese(explanationText()), "the view speaks English first");
        Shown shown = workspace.shown();
        Inference model = workspace.model();

        onFx(() -> AppWindowTest.app.switchLanguage(Language.CHINESE));

        assertSame(window, AppWindowTest.app.window(), "the same window");
        assertSame(scene, AppWindowTest.stage.getScene(), "the same scene");
        assertSame(window, scene.getRoot());
        assertEquals(Language.CHINESE, window.language());
        assertSame(shown, workspace.shown(), "the image and its snapshot, not recomputed");
        assertSame(model, workspace.model());
        assertEquals(RangeMode.GLOBAL, workspace.rangeModeProperty().get());
        assertEquals(open, window.explanationState(), "the explanation stays open");
        assertEquals(open, workspace.explanationProperty().get());
        assertTrue(onFx(() -> scene.lookup(".explanation-layer").isVisible()), "and is shown");
        assertTrue(hasChinese(onFx(WorkspaceSwitchTest::explanationText)), "in Chinese");
        assertEquals(Motion.FADED_OPACITY, window.overview().getOpacity(), 1e-9, "the network stays faded back");
        assertTrue(window.overview().getScene() == scene, "the overview on screen is the window's");
        assertTrue(scene.lookup("#range-mode").isDisabled(), "the new tool bar's overview controls wait too");
        assertEquals(0.25, ((ScrollPane) scene.lookup(".overview-scroll")).getHvalue(), 1e-9, "scrolled as it was");

        onFx(() -> AppWindowTest.app.switchLanguage(Language.ENGLISH));
        assertSame(window, AppWindowTest.app.window());
        assertEquals(open, window.explanationState());
        assertTrue(!hasChinese(onFx(WorkspaceSwitchTest::explanationText)), "back in English");
        onFx(() -> window.goBack());
        assertEquals(ExplanationState.OVERVIEW, window.explanationState());
        onFx(() -> {
            workspace.rangeModeProperty().set(RangeMode.UNIT);
            ((ScrollPane) scene.lookup(".overview-scroll")).setHvalue(0);
        });
    }

    /** Pixels of the gap between the input column and the first convolution: the edges run there. */
    static int[] edgeGap() throws Exception {
        return onFx(() -> {
            MainWindow w = AppWindowTest.app.window();
            Bounds input = w.overview()
                    .heatmap(0, 0)
                    .localToScene(w.overview().heatmap(0, 0).getLayoutBounds());
            int conv = AppWindowTest.column("conv_1_1");
            Bounds first = w.overview()
                    .heatmap(conv, 0)
                    .localToScene(w.overview().heatmap(conv, 0).getLayoutBounds());
            WritableImage shot = AppWindowTest.stage.getScene().snapshot(null);
            int x0 = (int) input.getMaxX() + 3;
            int x1 = (int) first.getMinX() - 3;
            int y0 = (int) input.getMinY();
            int y1 = (int) input.getMaxY() + 200;
            int[] px = new int[(x1 - x0) * (y1 - y0)];
            int i = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    px[i++] = shot.getPixelReader().getArgb(x, y);
                }
            }
            return px;
        });
    }

    static int near(int[] pixels, Color c) {
        int n = 0;
        for (int p : pixels) {
            Color q = Color.rgb((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
            double d = Math.abs(q.getRed() - c.getRed())
                    + Math.abs(q.getGreen() - c.getGreen())
                    + Math.abs(q.getBlue() - c.getBlue());
            n += d < 0.06 ? 1 : 0;
        }
        return n;
    }

    @Test
    @Order(2)
    void switchingThemeRecoloursTheOverviewInTheSameWindow() throws Exception {
        MainWindow window = AppWindowTest.app.window();
        Scene scene = AppWindowTest.stage.getScene();
        int[] light = edgeGap();
        int lightEdges = near(light, Palette.EDGE_LIGHT);
        assertTrue(lightEdges > 20, "edges in the light theme's grey: " + lightEdges);

        onFx(() -> window.workspace().darkProperty().set(true));

        assertSame(window, AppWindowTest.app.window(), "the same window");
        assertSame(scene, AppWindowTest.stage.getScene(), "the same scene");
        int[] dark = edgeGap();
        assertTrue(
                near(dark, Palette.EDGE_DARK) > 20, "edges in the dark theme's grey: " + near(dark, Palette.EDGE_DARK));
        assertEquals(0, near(dark, Palette.EDGE_LIGHT), "no edge left in the light theme's grey");
        assertTrue(window.workspace().palette().isDark());

        onFx(() -> window.workspace().darkProperty().set(false));
        assertTrue(near(edgeGap(), Palette.EDGE_LIGHT) > 20, "light again");
    }

    /** The colour at the top left of the architecture graph (where no box is drawn): its background. */
    static int graphBackground(ArchitectureWindow w) throws Exception {
        return onFx(() -> {
            Scene s = w.stage().getScene();
            Node view = s.lookup("#architecture-view");
            Bounds b = view.localToScene(view.getLayoutBounds());
            return s.snapshot(null).getPixelReader().getArgb((int) b.getMinX() + 3, (int) b.getMinY() + 3) & 0xffffff;
        });
    }

    @Test
    @Order(3)
    void anOpenArchitectureWindowFollowsTheTheme() throws Exception {
        MainWindow window = AppWindowTest.app.window();
        ArchitectureWindow architecture = onFx(window::openArchitecture);
        AppWindowTest.waitUntil(() -> architecture.graph() != null);
        assertEquals(NodeColors.background(false), graphBackground(architecture), "light first");

        onFx(() -> window.workspace().darkProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(NodeColors.background(true), graphBackground(architecture), "dark while it is open");

        onFx(() -> window.workspace().darkProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(NodeColors.background(false), graphBackground(architecture), "light again");
        onFx(() -> architecture.stage().close());
    }

    @Test
    @Order(4)
    void anOpenArchitectureWindowFollowsTheLanguage() throws Exception {
        MainWindow window = AppWindowTest.app.window();
        ArchitectureWindow architecture = onFx(window::openArchitecture);
        AppWindowTest.waitUntil(() -> architecture.graph() != null);
        String name = architecture.graph().name();
        ResourceBundle chinese = Language.CHINESE.messages();

        onFx(() -> window.workspace().languageProperty().set(Language.CHINESE));
        assertEquals(
                String.format(chinese.getString("architecture.title"), name),
                architecture.stage().getTitle());

        onFx(() -> window.workspace().languageProperty().set(Language.ENGLISH));
        assertEquals(
                String.format(Language.ENGLISH.messages().getString("architecture.title"), name),
                architecture.stage().getTitle());
        onFx(() -> architecture.stage().close());
    }

    /** The colour at the top left of the explorer's confusion matrix (its header corner): the canvas's background. */
    static int confusionBackground(ExplorerWindow w) throws Exception {
        return onFx(() -> {
            Canvas canvas =
                    (Canvas) w.stage().getScene().lookup("#explorer-confusion").lookup("Canvas");
            return canvas.snapshot(null, null).getPixelReader().getArgb(2, 2) & 0xffffff;
        });
    }

    @Test
    @Order(5)
    void anOpenExplorerFollowsTheTheme(@TempDir Path dir) throws Exception {
        MainWindow window = AppWindowTest.app.window();
        List<String> classes = window.workspace().model().model().description().classes();
        Path data = LabelledFolders.generate(dir, classes.subList(0, 3), 2);
        ExplorerWindow explorer = onFx(() -> {
            ExplorerWindow w = window.openExplorer();
            w.explore(data);
            return w;
        });
        AppWindowTest.waitUntil(() -> explorer.report() != null && !explorer.isRunning());
        assertEquals(0xffffff, confusionBackground(explorer), "light first");

        onFx(() -> window.workspace().darkProperty().set(true));
        assertEquals(0x0d1117, confusionBackground(explorer), "dark while it is open");

        onFx(() -> window.workspace().darkProperty().set(false));
        assertEquals(0xffffff, confusionBackground(explorer), "light again");
        onFx(() -> explorer.stage().close());
    }
}
