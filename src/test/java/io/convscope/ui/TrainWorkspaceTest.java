package io.convscope.ui;

import io.convscope.engine.training.TrainingSession;
import io.convscope.ui.train.TrainWorkspaceView;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Train workspace as a student uses it, headless: a generated two-class folder becomes the data set, Step runs
 * one batch and pauses, a change of language and theme keeps the run, Resume finishes it, "Use this model" opens the
 * trained network in the overview; an empty folder, a one-class folder and a design that shrinks away are each
 * explained in a sentence and change nothing.
 */
@ExtendWith(TrainWindow.class)
class TrainWorkspaceTest {

    final FxRobot robot = new FxRobot();

    static <T> T onFx(Callable<T> call) throws Exception {
        T t = WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return t;
    }

    /** {@code perClass} noisy images per class whose dominant colour is the class (red, green, blue...). */
    static Path classFolders(Path root, List<String> classes, int perClass) throws Exception {
        Random rng = new Random(3);
        for (int c = 0; c < classes.size(); c++) {
            Path dir = Files.createDirectories(root.resolve(classes.get(c)));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        int[] rgb = {rng.nextInt(120), rng.nextInt(120), rng.nextInt(120)};
                        rgb[c % 3] += 120;
                        img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                    }
                }
                ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    /**
     * The Train mode on a generated two-class folder (12 images a class), checked and ready to start, with
     * {@code epochs} epochs of batches of {@code batch}.
     */
    static TrainWorkspaceView readyToTrain(Path dir, int epochs, int batch) throws Exception {
        return readyToTrainOn(
                classFolders(Files.createDirectories(dir.resolve("data")), List.of("reddish", "greenish"), 12),
                epochs,
                batch);
    }

    /** {@link #readyToTrain} on the class folders in {@code data}. */
    static TrainWorkspaceView readyToTrainOn(Path data, int epochs, int batch) throws Exception {
        MainWindow window = AppWindowTest.app.window();
        TrainWorkspaceView view = onFx(() -> {
            window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
            TrainWorkspaceView v = (TrainWorkspaceView) window.modeView(WorkspaceMode.TRAIN);
            v.chooseData(data);
            return v;
        });
        AppWindowTest.waitUntil(() -> !lookup(Button.class, "#train-start").isDisabled());
        onFx(() -> {
            lookup(Spinner.class, "#train-epochs").getValueFactory().setValue(epochs);
            lookup(Spinner.class, "#train-batch").getValueFactory().setValue(batch);
            return null;
        });
        return view;
    }

    static String text(String id) throws Exception {
        return onFx(() -> ((Label)
                        AppWindowTest.app.window().modeView(WorkspaceMode.TRAIN).lookup(id))
                .getText());
    }

    @Test
    void stepPauseLanguageThemeResumeAndUseTheModel(@TempDir Path dir) throws Exception {
        Path data = classFolders(Files.createDirectories(dir.resolve("data")), List.of("reddish", "greenish"), 12);
        MainWindow window = AppWindowTest.app.window();
        TrainWorkspaceView view = onFx(() -> {
            window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
            return (TrainWorkspaceView) window.modeView(WorkspaceMode.TRAIN);
        });
        assertTrue(view.getScene() != null, "the Train mode shows its view");

        onFx(() -> {
            view.chooseData(data);
            return null;
        });
        AppWindowTest.waitUntil(() -> !lookup(Button.class, "#train-start").isDisabled());
        assertEquals("2 classes · 20 training images · 4 validation images", text("#train-data-summary"));
        assertEquals("Every image can be read.", text("#train-data-unreadable"));

        onFx(() -> {
            lookup(Spinner.class, "#train-epochs").getValueFactory().setValue(2);
            lookup(Spinner.class, "#train-batch").getValueFactory().setValue(4);
            return null;
        });
        robot.clickOn("#train-step");
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.PAUSED
                && view.lastBatchProperty().get() != null);
        assertEquals(1, view.lastBatchProperty().get().batch());
        assertTrue(
                text("#train-status").startsWith("Paused · epoch 1 of 2 · batch 1 of 5 · loss "),
                text("#train-status"));
        TrainingSession session = view.sessionProperty().get();

        onFx(() -> {
            window.workspace().languageProperty().set(Language.CHINESE);
            window.workspace().darkProperty().set(true);
            return null;
        });
        assertTrue(text("#train-status").startsWith("已暂停 · 第 1 / 2 轮 · 第 1 / 5 批"), text("#train-status"));
        assertSame(session, view.sessionProperty().get(), "the run goes on through language and theme");
        assertEquals("2 个类别 · 20 张训练图片 · 4 张验证图片", text("#train-data-summary"));
        onFx(() -> {
            window.workspace().languageProperty().set(Language.ENGLISH);
            window.workspace().darkProperty().set(false);
            return null;
        });

        robot.clickOn("#train-pause"); // it reads Resume while paused
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.FINISHED
                && view.epochResults().size() == 2);
        assertEquals(2, onFx(() -> lookup(TableView.class, "#train-epochs-table")
                .getItems()
                .size()));
        assertEquals(List.of(1, 2), session.keptEpochs());

        robot.clickOn("#train-use");
        AppWindowTest.waitUntil(() -> window.workspace().model() != null
                && window.workspace().model().model().metadata().classes().equals(List.of("greenish", "reddish")));
        assertEquals(
                WorkspaceMode.OVERVIEW,
                onFx(() -> window.workspace().modeProperty().get()));
        assertTrue(text("#train-message").startsWith("The trained model ("), text("#train-message"));

        // Bad input keeps what is shown and says why.
        onFx(() -> {
            window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
            view.chooseData(Files.createDirectories(dir.resolve("empty")));
            return null;
        });
        AppWindowTest.waitUntil(() -> textQuietly("#train-message").startsWith("Cannot train on "));
        assertTrue(textQuietly("#train-message").contains("holds 0 classes"), textQuietly("#train-message"));
        assertEquals("2 classes · 20 training images · 4 validation images", text("#train-data-summary"));
        Path one = classFolders(Files.createDirectories(dir.resolve("one")), List.of("only"), 4);
        onFx(() -> {
            view.chooseData(one);
            return null;
        });
        AppWindowTest.waitUntil(() -> textQuietly("#train-message").contains("holds 1 class;"));
        assertEquals("2 classes · 20 training images · 4 validation images", text("#train-data-summary"));

        // A design that shrinks to nothing is explained, and Start refuses it with a sentence.
        onFx(() -> {
            lookup(Spinner.class, "#train-arch-input").getValueFactory().setValue(32);
            return null;
        });
        robot.clickOn("#train-tab-architecture");
        robot.clickOn("#train-arch-add-stage");
        assertTrue(
                text("#train-arch-problem")
                        .startsWith("Block 9 (a 2 × 2 pooling) does not fit: the maps are only 1 × 1"),
                text("#train-arch-problem"));
        robot.clickOn("#train-start");
        assertTrue(
                text("#train-message").startsWith("This design cannot be trained: block 9 (pool)"),
                text("#train-message"));
        assertSame(session, view.sessionProperty().get(), "a refused start keeps the finished run");
        // Both sentences are said again in Chinese: the form's own, and the design's refusal with its blocks named.
        onFx(() -> {
            window.workspace().languageProperty().set(Language.CHINESE);
            return null;
        });
        assertTrue(text("#train-arch-problem").startsWith("第 9 块（2 × 2 池化）放不下"), text("#train-arch-problem"));
        assertEquals(
                "没有可列出的层：上面的设计行不通。",
                onFx(() -> ((Label) lookup(TableView.class, "#train-arch-table").getPlaceholder()).getText()),
                "the empty table's own words, not JavaFX's English");
        assertTrue(
                text("#train-message").startsWith("这个设计无法训练： 第 9 块（pool）：它的 2 × 2 窗口放不进第 8 块（"),
                text("#train-message"));
        onFx(() -> {
            window.workspace().languageProperty().set(Language.ENGLISH);
            return null;
        });
        robot.clickOn("#train-arch-reset");
        assertEquals("", text("#train-arch-problem"));
    }

    static String textQuietly(String id) {
        try {
            return text(id);
        } catch (Exception e) {
            return "";
        }
    }

    static <T extends Node> T lookup(Class<T> type, String id) {
        return type.cast(AppWindowTest.stage.getScene().lookup(id));
    }
}
