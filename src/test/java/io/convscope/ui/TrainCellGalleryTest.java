package io.convscope.ui;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.network.ImageOutcome;
import io.convscope.ui.attribution.AttributionView;
import io.convscope.ui.explorer.ImageGallery;
import io.convscope.ui.train.EpochConfusion;
import io.convscope.ui.train.EpochScrubber;
import io.convscope.ui.train.TrainWorkspaceView;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.convscope.ui.TrainWorkspaceTest.lookup;
import static io.convscope.ui.TrainWorkspaceTest.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cell of the Train workspace's confusion matrix, clicked on an earlier epoch chosen with the scrubber, shows that
 * cell's validation images as the network was then: as many as the cell counts, most confident first, with the
 * probabilities the engine gives each image with that epoch's exported model; a tile opens its image through that
 * epoch's network in the overview, and its Why? link with its attribution map; the scrubber moved on shows the same
 * cell as the epoch chosen scored it.
 */
@ExtendWith(TrainWindow.class)
class TrainCellGalleryTest {

    final FxRobot robot = new FxRobot();

    @Test
    void aCellOfAnEarlierEpochShowsItsImagesWithTheEnginesProbabilitiesAndOpensThem(@TempDir Path dir)
            throws Exception {
        Path data = TrainWorkspaceTest.classFolders(
                Files.createDirectories(dir.resolve("data")), List.of("reddish", "greenish"), 20);
        TrainWorkspaceView view = TrainWorkspaceTest.readyToTrainOn(data, 2, 4);
        MainWindow window = AppWindowTest.app.window();
        onFx(() -> {
            view.start(false);
            return null;
        });
        EpochConfusion confusion = lookup(EpochConfusion.class, "#train-confusion");
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.FINISHED
                && confusion.shown() != null
                && confusion.shown().epoch() == 2);
        TrainingSession session = view.sessionProperty().get();
        onFx(() -> {
            TabPane tabs = lookup(TabPane.class, "#train-inspectors");
            tabs.getSelectionModel().select(TrainInsightsTest.lookupTab("train-tab-confusion"));
            lookup(EpochScrubber.class, "#train-scrubber").choose(1);
            return null;
        });
        AppWindowTest.waitUntil(() -> confusion.shown().epoch() == 1);

        // The engine's own reading of every validation image with epoch 1's exported network.
        LoadedModel epoch1 = session.modelOf(1);
        Evaluation direct = Evaluation.of(epoch1, session.validation().samples(), data, Evaluation.Progress.NONE);
        DatasetReport expected = new DatasetReport(epoch1.description().classes(), direct.confusion(), direct.images());
        int[][] matrix = onFx(() -> confusion.shown().counts());
        List<String> classes = confusion.shown().classes();
        ImageOutcome opened = null;
        for (int t = 0; t < classes.size(); t++) {
            for (int p = 0; p < classes.size(); p++) {
                List<ImageOutcome> shown = clickCell(confusion, t, p, classes);
                assertEquals(matrix[t][p], shown.size(), "cell " + t + "," + p + " has as many images as it counts");
                List<ImageOutcome> engine = expected.cell(t, p);
                assertEquals(
                        engine.stream().map(ImageOutcome::path).toList(),
                        shown.stream().map(ImageOutcome::path).toList(),
                        "the same images, most confident first");
                for (int i = 0; i < shown.size(); i++) {
                    assertEquals(
                            engine.get(i).pPredicted(),
                            shown.get(i).pPredicted(),
                            1e-5,
                            shown.get(i).path());
                    assertEquals(
                            engine.get(i).pTruth(),
                            shown.get(i).pTruth(),
                            1e-5,
                            shown.get(i).path());
                }
                for (int i = 1; i < shown.size(); i++) {
                    assertTrue(shown.get(i - 1).pPredicted() >= shown.get(i).pPredicted());
                }
                if (opened == null || (t != p && !shown.isEmpty())) {
                    opened = shown.isEmpty() ? opened : shown.get(0);
                }
            }
        }

        // A tile: its image in the overview, through epoch 1's network.
        ImageOutcome chosen = opened;
        clickCell(confusion, chosen.truth(), chosen.predicted(), classes);
        Path file = data.resolve(chosen.path());
        AppWindowTest.hideTooltips();
        robot.clickOn(tile(file));
        String key = "file:" + file.toAbsolutePath().normalize();
        AppWindowTest.waitUntil(() -> AppWindowTest.shown() != null
                && key.equals(AppWindowTest.shown().key()));
        assertEquals(
                WorkspaceMode.OVERVIEW,
                onFx(() -> window.workspace().modeProperty().get()));
        float[] seen = AppWindowTest.shown().snapshot().probabilities();
        assertEquals(chosen.predicted(), AppWindowTest.shown().snapshot().topClass());
        assertEquals(chosen.pPredicted(), seen[chosen.predicted()], 1e-5, "the overview shows epoch 1's network");
        assertTrue(window.workspace().model().model().description().classes().equals(classes));

        // Its Why? link: the attribution map of the same image, in the Why? mode.
        onFx(() -> {
            window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
            return null;
        });
        AppWindowTest.hideTooltips();
        robot.clickOn(tile(file).lookup(".explorer-tile-why"));
        AppWindowTest.waitUntil(() -> window.workspace().modeProperty().get() == WorkspaceMode.ATTRIBUTION);
        AttributionView why = (AttributionView) window.modeView(WorkspaceMode.ATTRIBUTION);
        AppWindowTest.waitUntil(() -> why.resultProperty().get() != null
                && key.equals(AppWindowTest.shown().key())
                && Arrays.equals(
                        why.resultProperty().get().image(),
                        AppWindowTest.shown().snapshot().layer(0).toArray()));

        // Back in the Train mode, the scrubber moved on: the same cell as epoch 2 scored it.
        onFx(() -> {
            window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
            lookup(EpochScrubber.class, "#train-scrubber").choose(2);
            return null;
        });
        List<ImageOutcome> later = imagesOf(2, chosen.truth(), chosen.predicted(), classes);
        assertEquals(onFx(() -> confusion.shown().counts()[chosen.truth()][chosen.predicted()]), later.size());
        assertEquals(2, onFx(() -> confusion.shown().epoch()));

        // In Chinese: the same images, in the new language's words.
        onFx(() -> {
            window.workspace().languageProperty().set(Language.CHINESE);
            return null;
        });
        assertTrue(onFx(() -> lookup(ImageGallery.class, "#train-cell-images").title())
                .startsWith("第 2 轮 · 真实类别 "));
        assertEquals(later, onFx(() -> lookup(ImageGallery.class, "#train-cell-images")
                .shown()));
    }

    /** Clicks cell (truth, predicted) and waits for its images; returns those with a tile. */
    private List<ImageOutcome> clickCell(EpochConfusion confusion, int truth, int predicted, List<String> classes)
            throws Exception {
        Point2D at = onFx(() -> confusion.cellCentreOnScreen(truth, predicted));
        AppWindowTest.hideTooltips();
        robot.clickOn(at);
        return imagesOf(1, truth, predicted, classes);
    }

    /** Waits for the gallery of cell ({@code truth}, {@code predicted}) of {@code epoch}; returns its images. */
    private static List<ImageOutcome> imagesOf(int epoch, int truth, int predicted, List<String> classes)
            throws Exception {
        String heading =
                "Epoch " + epoch + " · true " + classes.get(truth) + ", predicted " + classes.get(predicted) + ":";
        AppWindowTest.waitUntil(
                () -> lookup(ImageGallery.class, "#train-cell-images").title().startsWith(heading));
        return onFx(() -> lookup(ImageGallery.class, "#train-cell-images").shown());
    }

    private Node tile(Path file) throws Exception {
        return onFx(() -> lookup(ImageGallery.class, "#train-cell-images").lookupAll(".explorer-tile").stream()
                .filter(t -> file.equals(t.getUserData()))
                .findFirst()
                .orElseThrow());
    }
}
