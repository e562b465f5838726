package io.convscope.ui.train;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.training.DemoTraining;
import io.convscope.engine.training.StepInspector;
import io.convscope.explain.training.ConfusionAtEpoch;
import io.convscope.explain.training.KernelImages;
import io.convscope.explain.training.KernelUpdateExplanation;
import io.convscope.explain.training.StepNumbers;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.KernelStep;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training components on a Tiny VGG trained for real (three synthetic colour classes): the step panel prints the
 * recorded numbers and follows the hovered weight, the kernels are the network's current ones, the probe and the
 * confusion matrix are the epoch's, the scrubber calls back only for a student's choice, and a switch of language
 * or theme keeps everything shown. Snapshots of both themes and languages go to {@code target/screenshots/}.
 */
class TrainComponentsTest {

    @TempDir
    static Path data;

    static Stage stage;
    static DemoTraining run;
    static KernelStep step;
    static Workspace workspace;

    @BeforeAll
    static void train() throws Exception {
        run = DemoTraining.synthetic(data, 5);
        step = run.step(new StepInspector.KernelChoice(1, 3, 2));
        run.finishEpoch(() -> false, b -> {});
        FxToolkit.registerPrimaryStage();
        stage = fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Stage s = new Stage();
            s.setX(0);
            s.setY(0);
            return s;
        });
        workspace = new Workspace(Language.ENGLISH, false);
    }

    @AfterAll
    static void close() throws Exception {
        fx(() -> {
            stage.close();
            return null;
        });
        run.close();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        T t = WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return t;
    }

    static void shoot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        ImageIO.write(
                SwingFXUtils.fromFXImage(image, null),
                "png",
                dir.resolve(name + ".png").toFile());
    }

    static String text(Node root, String id) {
        return ((Label) root.lookup("#" + id)).getText();
    }

    @Test
    void theComponentsShowTheRunsNumbersAndKeepThemAcrossLanguageAndTheme() throws Exception {
        float[][] now = run.parameters();
        NetworkDescription live = run.describe(now);
        ActivationSnapshot probeSnapshot = run.probe(now, run.validationImage(0));
        ConfusionAtEpoch counts = new ConfusionAtEpoch(1, live.classes(), run.confusion(now));
        List<String> learn = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        // Made on the FX thread, as the app makes them: the previous test's window may still be painting.
        KernelUpdatePanel panel = fx(() -> new KernelUpdatePanel(workspace));
        FirstLayerKernels kernels = fx(() -> new FirstLayerKernels(workspace));
        ProbeOverview probe = fx(() -> new ProbeOverview(workspace));
        EpochConfusion confusion = fx(() -> new EpochConfusion(workspace, (t, p) -> {}));
        EpochScrubber scrubber = fx(() -> new EpochScrubber(workspace));
        HBox root = fx(() -> {
            scrubber.setOnEpochChosen(chosen::add);
            probe.setPrefSize(900, 560);
            confusion.setPrefSize(900, 260);
            VBox left = new VBox(12, panel, kernels);
            left.setPrefWidth(620);
            HBox box = new HBox(12, left, new VBox(8, probe, confusion, scrubber));
            box.addEventHandler(LearnRequest.OPEN, e -> learn.add(e.section()));
            Scene scene = new Scene(box, 1560, 980);
            scene.getStylesheets().add(Palette.STYLESHEET);
            stage.setScene(scene);
            stage.show();
            panel.show(step);
            panel.hover(1, 2);
            String conv = live.layer(1).name();
            kernels.show(conv, live.weights().get(conv));
            probe.show(probeSnapshot, 1, 0);
            confusion.show(counts);
            scrubber.setFinishedEpochs(1);
            scrubber.setFinishedEpochs(2); // following the last epoch: moves without calling back
            return box;
        });
        shoot("train-components-light-en");

        // The step: the hovered weight's lines are the view model's, and the new weight is the network's own.
        KernelUpdateExplanation e = panel.explanation();
        List<KernelUpdateExplanation.FormulaLine> lines = e.formula(1, 2);
        assertEquals(lines.get(lines.size() - 1).numbers(), text(root, "train-step-line-newWeight"));
        assertTrue(
                text(root, "train-step-line-newWeight").endsWith(StepNumbers.format(step.after()[step.index(1, 2)])));
        assertEquals("Weight at row 1, column 2 (hover another one)", text(root, "train-step-weight"));
        assertEquals(
                step.batch().size(),
                ((Pane) root.lookup("#train-step-batch")).getChildren().size());

        // The kernels: every square is the kernel image of the current weights, one colour per weight.
        LayerWeights first = live.weights().get(live.layer(1).name());
        KernelImages images = new KernelImages(first);
        assertEquals(first.outputs(), kernels.images().size());
        int[] expected = images.argb(4);
        var view = kernels.images().get(4);
        assertEquals(expected[0], view.argbAt(0, 0));
        assertEquals(expected[8], view.argbAt(2, 2));
        // Drawn sharp: 48 pixels for 3 weights, every pixel of a 16-pixel block the weight's own colour.
        var pixels = view.getImage().getPixelReader();
        assertEquals(48, (int) view.getImage().getWidth());
        assertEquals(expected[0], pixels.getArgb(0, 0));
        assertEquals(expected[0], pixels.getArgb(15, 15));
        assertEquals(expected[1], pixels.getArgb(16, 0));
        assertEquals(expected[8], pixels.getArgb(47, 47));

        // The probe and the confusion matrix of epoch 1.
        assertEquals(probeSnapshot, probe.snapshot());
        assertTrue(text(root, "train-probe-prediction").contains(probeSnapshot.topLabel()));
        assertEquals(
                counts.correct() + " of " + counts.total(),
                text(root, "train-confusion-title").replaceAll(".*: (\\d+ of \\d+).*", "$1"));

        // The scrubber: programmatic moves are silent, a student's choice calls back once.
        assertEquals(2, scrubber.epochProperty().get());
        assertTrue(chosen.isEmpty());
        fx(() -> {
            scrubber.choose(1);
            return null;
        });
        assertEquals(List.of(1), chosen);
        assertEquals("Epoch 1 of 2", text(root, "train-scrubber-caption"));

        // Info buttons open the Learn article's Training section.
        fx(() -> {
            ((Button) root.lookup("#train-step-info")).fire();
            ((Button) root.lookup("#train-kernels-info")).fire();
            return null;
        });
        assertEquals(List.of("training", "training"), learn);

        // The kernel chooser offers the four convolutions and reports a student's choice.
        List<KernelChooser.Choice> kernelsChosen = new ArrayList<>();
        KernelChooser chooser = fx(() -> {
            KernelChooser c = new KernelChooser(workspace);
            c.setNetwork(live);
            c.setOnKernelChosen(kernelsChosen::add);
            c.choose(new KernelChooser.Choice(3, 7, 9));
            return c;
        });
        assertEquals(new KernelChooser.Choice(3, 7, 9), chooser.choice());
        assertEquals(new KernelChooser.Choice(3, 7, 9), kernelsChosen.get(kernelsChosen.size() - 1));

        // Chinese and dark: the same numbers, other words.
        String english = text(root, "train-step-batch-line");
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            workspace.darkProperty().set(true);
            workspace.languageProperty().set(Language.CHINESE);
            return null;
        });
        shoot("train-components-dark-zh");
        assertNotEquals(english, text(root, "train-step-batch-line"));
        assertTrue(text(root, "train-step-batch-line").contains(e.loss()), "the loss is kept");
        assertEquals(lines.get(lines.size() - 1).numbers(), text(root, "train-step-line-newWeight"));
        assertEquals(probeSnapshot, probe.snapshot());
        assertEquals("第 1 轮，共 2 轮", text(root, "train-scrubber-caption"));
        assertEquals(expected[0], kernels.images().get(4).argbAt(0, 0));
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            workspace.darkProperty().set(false);
            workspace.languageProperty().set(Language.ENGLISH);
            return null;
        });
    }

    @Test
    void aLargeBatchShowsThirtyTwoThumbnailsAndSaysHowManyMore() throws Exception {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            images.add(new float[3 * 4 * 4]);
        }
        KernelStep big = new KernelStep(
                step.layerName(),
                step.layer(),
                step.filter(),
                step.channel(),
                step.kernelHeight(),
                step.kernelWidth(),
                step.before(),
                step.gradient(),
                step.after(),
                step.learningRate(),
                step.terms(),
                new KernelStep.StepBatch(new Shape(3, 4, 4), images, new int[40], List.of("a"), 1, 0));
        HBox root = fx(() -> {
            KernelUpdatePanel panel = new KernelUpdatePanel(workspace);
            HBox box = new HBox(panel);
            stage.setScene(new Scene(box, 700, 900));
            panel.show(big);
            return box;
        });
        Pane batch = (Pane) root.lookup("#train-step-batch");
        assertEquals(KernelUpdatePanel.MAX_THUMBNAILS + 1, batch.getChildren().size());
        assertEquals("and 8 more", text(root, "train-step-more"));
    }

    @Test
    void theConfusionTitleWrapsInANarrowPaneInsteadOfBeingCut() throws Exception {
        ConfusionAtEpoch counts =
                new ConfusionAtEpoch(3, run.describe(run.parameters()).classes(), run.confusion(run.parameters()));
        EpochConfusion confusion = fx(() -> {
            EpochConfusion c = new EpochConfusion(workspace, (t, p) -> {});
            stage.setScene(new Scene(new VBox(c), 260, 400));
            stage.show();
            c.show(counts);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return c;
        });
        Label title = (Label) confusion.lookup("#train-confusion-title");
        Text drawn = (Text) title.lookup(".text");
        assertEquals(title.getText(), fx(drawn::getText), "the whole title is drawn");
        assertTrue(
                fx(title::getHeight) > 1.5 * fx(() -> title.getFont().getSize()),
                "on more than one line: " + title.getText() + " " + title.getWidth() + " x " + title.getHeight());
    }
}
