package io.convscope.ui;

import io.convscope.cli.ConvScopeCommand;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.EvaluationScope;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.explain.dataset.LabelledFolders;
import io.convscope.network.ImageOutcome;
import io.convscope.ui.attribution.AttributionView;
import io.convscope.ui.explorer.ExplorerWindow;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data-set explorer as a student uses it, headless: opened from the tool bar on a small labelled folder, it shows
 * the view model's accuracy and F1, a clicked confusion cell shows that cell's images, and a clicked image opens in
 * the main window's overview.
 */
class ExplorerWindowTest {

    static final ResourceBundle TEXT = Language.ENGLISH.messages();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void launch() throws Exception {
        AppWindowTest.launch();
    }

    @AfterAll
    static void close() throws Exception {
        AppWindowTest.closeWindowsExcept(AppWindowTest.stage);
        AppWindowTest.close();
    }

    @Test
    void theExplorerShowsTheViewModelsFiguresAndOpensAClickedImage(@TempDir Path dir) throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        List<String> classes = model.description().classes();
        Path data = LabelledFolders.generate(dir, classes.subList(0, 4), 3);
        Evaluation e = Evaluation.of(model, data);
        DatasetReport expected = new DatasetReport(classes, e.confusion(), e.images());

        robot.clickOn("#explorer");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                Window.getWindows().stream()
                        .anyMatch(w -> w instanceof Stage s && s.getTitle().startsWith("Data-set explorer")),
                "the tool bar opens the explorer");
        AppWindowTest.closeWindowsExcept(AppWindowTest.stage);

        ExplorerWindow window = WaitForAsyncUtils.asyncFx(() -> {
                    ExplorerWindow w = AppWindowTest.app.window().openExplorer();
                    w.stage().setX(0);
                    w.stage().setY(0);
                    w.explore(data);
                    return w;
                })
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(() -> window.report() != null && !window.isRunning());
        DatasetReport shown = window.report();
        assertEquals(expected.accuracy(), shown.accuracy());

        Label accuracy = (Label) window.stage().getScene().lookup("#explorer-accuracy");
        assertEquals(
                String.format(
                        TEXT.getString("explorer.accuracy"),
                        String.format(Locale.ROOT, "%.1f", 100 * expected.accuracy()),
                        expected.correct(),
                        expected.total()),
                accuracy.getText());
        TableView<?> table = (TableView<?>) window.stage().getScene().lookup("#explorer-metrics");
        Double f1 = expected.metrics().get(0).f1();
        assertEquals(
                f1 == null ? "\u2014" : String.format(Locale.ROOT, "%.3f", f1),
                table.getColumns().get(3).getCellData(0),
                "class 0's F1");

        int[] cell = busiestMistake(expected);
        Point2D at = WaitForAsyncUtils.asyncFx(() -> window.cellCentreOnScreen(cell[0], cell[1]))
                .get(10, TimeUnit.SECONDS);
        AppWindowTest.hideTooltips();
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        List<ImageOutcome> images = expected.cell(cell[0], cell[1]);
        Node gallery = window.stage().getScene().lookup("#explorer-cell-gallery");
        Set<Node> tiles = gallery.lookupAll(".explorer-tile");
        assertEquals(images.size(), tiles.size(), "one thumbnail per image of the cell");

        Node first = tiles.stream()
                .filter(t -> data.resolve(images.get(0).path()).equals(t.getUserData()))
                .findFirst()
                .orElse(null);
        assertNotNull(first, "the most confident image has a tile");
        AppWindowTest.hideTooltips();
        robot.clickOn(first);
        String key =
                "file:" + data.resolve(images.get(0).path()).toAbsolutePath().normalize();
        AppWindowTest.waitUntil(() -> key.equals(AppWindowTest.shown().key()));
        String name = data.resolve(images.get(0).path()).getFileName().toString();
        assertTrue(
                AppWindowTest.stage.getScene().getRoot().lookupAll(".label").stream()
                        .anyMatch(n -> n instanceof Label l && name.equals(l.getText()) && l.isVisible()),
                "the input panel names " + name);
        assertEquals(
                WorkspaceMode.OVERVIEW,
                AppWindowTest.app.window().workspace().modeProperty().get());

        // the tile's "Why?" link opens the second image with its attribution map, not the overview
        Path whyImage = data.resolve(images.get(images.size() > 1 ? 1 : 0).path());
        Node whyTile = tiles.stream()
                .filter(t -> whyImage.equals(t.getUserData()))
                .findFirst()
                .orElseThrow();
        AppWindowTest.hideTooltips();
        robot.clickOn(whyTile.lookup(".explorer-tile-why"));
        String whyKey = "file:" + whyImage.toAbsolutePath().normalize();
        AppWindowTest.waitUntil(() -> whyKey.equals(AppWindowTest.shown().key()));
        assertEquals(
                WorkspaceMode.ATTRIBUTION,
                AppWindowTest.app.window().workspace().modeProperty().get());
        AttributionView why = (AttributionView) AppWindowTest.app.window().modeView(WorkspaceMode.ATTRIBUTION);
        AppWindowTest.waitUntil(() -> why.resultProperty().get() != null
                && whyKey.equals(AppWindowTest.shown().key())
                && Arrays.equals(
                        why.resultProperty().get().image(),
                        AppWindowTest.shown().snapshot().layer(0).toArray()));
        WaitForAsyncUtils.asyncFx(() ->
                        AppWindowTest.app.window().workspace().modeProperty().set(WorkspaceMode.OVERVIEW))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        // compare with a model trained for one epoch on the same folder: what only the bundled model gets wrong
        Path other = dir.resolve("other.zip");
        StringWriter log = new StringWriter();
        int trained = ConvScopeCommand.execute(
                new PrintWriter(log),
                new PrintWriter(log),
                "train",
                "--data",
                data.toString(),
                "--out",
                other.toString(),
                "--epochs",
                "1",
                "--batch",
                "4");
        assertEquals(0, trained, log.toString());
        LoadedModel second = ModelLoader.load(other);
        EvaluationScope scope = EvaluationScope.of(other, second, data);
        Evaluation o = Evaluation.of(second, scope.samples(), data, Evaluation.Progress.NONE);
        List<ImageOutcome> onlyFirstWrong =
                expected.wrongWhereRight(new DatasetReport(second.description().classes(), o.confusion(), o.images()));
        WaitForAsyncUtils.asyncFx(() -> window.compareWith(other)).get(10, TimeUnit.SECONDS);
        AppWindowTest.waitUntil(() -> !window.isComparing());
        Node compared = window.stage().getScene().lookup("#explorer-compare-gallery");
        assertEquals(onlyFirstWrong.size(), compared.lookupAll(".explorer-tile").size());
    }

    /** The off-diagonal cell with the most images, or the diagonal's fullest when the model makes no mistake. */
    private static int[] busiestMistake(DatasetReport r) {
        int[] best = null;
        int most = 0;
        for (int t = 0; t < r.classes().size(); t++) {
            for (int p = 0; p < r.classes().size(); p++) {
                int n = r.confusion()[t][p] + (t == p ? 0 : 1_000_000);
                if (r.confusion()[t][p] > 0 && n > most) {
                    most = n;
                    best = new int[] {t, p};
                }
            }
        }
        return best;
    }
}
