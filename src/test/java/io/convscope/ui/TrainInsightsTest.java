package io.convscope.ui;

import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.training.ConfusionAtEpoch;
import io.convscope.explain.training.KernelImages;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.KernelStep;
import io.convscope.network.LayerWeights;
import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.train.EpochConfusion;
import io.convscope.ui.train.EpochScrubber;
import io.convscope.ui.train.KernelUpdatePanel;
import io.convscope.ui.train.ProbeOverview;
import io.convscope.ui.train.TrainWorkspaceView;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.convscope.ui.TrainWorkspaceTest.lookup;
import static io.convscope.ui.TrainWorkspaceTest.onFx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watching a run in the Train workspace, headless, on a generated two-class folder: Step shows its batch, loss and
 * the chosen kernel's update with the numbers the session's network holds after it; the first layer's kernels and
 * the probe (the overview's image) are refreshed; every epoch's confusion matrix equals an independent count with
 * the exported model; the scrubber brings back epoch 1's kernels, probe and matrix; language and theme keep it all.
 */
@ExtendWith(TrainWindow.class)
class TrainInsightsTest {

    final FxRobot robot = new FxRobot();

    @Test
    void stepKernelsProbeConfusionAndScrubber(@TempDir Path dir) throws Exception {
        MainWindow window = AppWindowTest.app.window();
        TrainWorkspaceView view = TrainWorkspaceTest.readyToTrain(dir, 2, 4);

        // Step before a run: its first batch, recorded for the first convolution's first kernel.
        robot.clickOn("#train-step");
        KernelUpdatePanel stepPanel = lookup(KernelUpdatePanel.class, "#train-step-panel");
        ProbeOverview probe = lookup(ProbeOverview.class, "#train-probe");
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.PAUSED
                && view.lastBatchProperty().get() != null);
        AppWindowTest.waitUntil(() -> stepPanel.explanation() != null);
        AppWindowTest.waitUntil(() -> lookup(HeatmapView.class, "#train-kernel-0") != null);
        AppWindowTest.waitUntil(() -> probe.snapshot() != null);
        TrainingSession session = view.sessionProperty().get();
        KernelStep step = onFx(() -> stepPanel.explanation().step());
        assertEquals(1, view.lastBatchProperty().get().batch());
        assertEquals(view.lastBatchProperty().get().loss(), step.batch().loss(), 1e-9, "the batch's loss");
        assertEquals(view.lastBatchProperty().get().learningRate(), step.learningRate(), 1e-12);
        assertEquals(4, step.batch().images().size());
        assertEquals("train-tab-step", onFx(() -> selectedInspector().getId()), "Step shows its tab");
        // The paused run's network holds exactly the new weights the panel shows.
        List<ParameterBlock> now = session.whilePaused(blocks -> blocks.stream()
                .map(b -> new ParameterBlock(
                        b.layer(), b.dl4jLayer(), b.key(), b.role(), b.values().clone()))
                .toList());
        LayerWeights first = firstConvolution(now, step);
        int n = step.kernelHeight() * step.kernelWidth();
        assertArrayEquals(
                Arrays.copyOfRange(
                        first.weightArray(),
                        (step.filter() * first.inputs() + step.channel()) * n,
                        (step.filter() * first.inputs() + step.channel() + 1) * n),
                step.after());
        assertKernelsShow(first);
        assertEquals(
                "Probe: " + window.workspace().shown().title(),
                TrainWorkspaceTest.text("#train-probe-source-label"),
                "the overview's image is the probe by default");

        // The rest of the run: a confusion matrix per epoch, counted in the session's validation pass.
        robot.clickOn("#train-pause"); // Resume
        EpochConfusion confusion = lookup(EpochConfusion.class, "#train-confusion");
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.FINISHED
                && confusion.shown() != null
                && confusion.shown().epoch() == 2);
        assertArrayEquals(
                independentCount(session, 2), onFx(() -> confusion.shown().counts()));
        assertEquals((int) Math.round(view.epochResults().get(1).validationAccuracy() * 4), (int)
                onFx(() -> confusion.shown().correct()));

        // Back to epoch 1: its kernels, probe and matrix as they were.
        EpochScrubber scrubber = lookup(EpochScrubber.class, "#train-scrubber");
        onFx(() -> {
            scrubber.choose(1);
            return null;
        });
        AppWindowTest.waitUntil(() -> confusion.shown().epoch() == 1 && probe.snapshot() != null);
        assertKernelsShow(firstConvolution(session.weightsOf(1), step));
        assertArrayEquals(
                independentCount(session, 1), onFx(() -> confusion.shown().counts()));
        ActivationSnapshot expected = independentProbe(session, 1, window);
        assertArrayEquals(expected.probabilities(), onFx(() -> probe.snapshot().probabilities()), 1e-4f);

        // Another probe image, on the epoch on show: a validation image as the network sees it.
        ActivationSnapshot before = onFx(probe::snapshot);
        onFx(() -> {
            lookup(Button.class, "#train-probe-validation").fire();
            return null;
        });
        assertEquals("Probe: validation image 1", TrainWorkspaceTest.text("#train-probe-source-label"));
        AppWindowTest.waitUntil(() -> probe.snapshot() != before);
        ProbeNetwork exported = ProbeNetwork.of(session.modelOf(1));
        assertArrayEquals(
                exported.snapshot(exported.parameters(), TrainingData.image(session.validation(), 0))
                        .probabilities(),
                onFx(() -> probe.snapshot().probabilities()),
                1e-4f);

        // Language and theme: everything stays.
        ConfusionAtEpoch shown = confusion.shown();
        onFx(() -> {
            window.workspace().languageProperty().set(Language.CHINESE);
            window.workspace().darkProperty().set(true);
            return null;
        });
        assertSame(shown, confusion.shown());
        assertEquals("混淆矩阵", onFx(() -> lookupTab("train-tab-confusion").getText()));
        assertTrue(TrainWorkspaceTest.text("#train-probe-source-label").startsWith("探针："));
        assertKernelsShow(firstConvolution(session.weightsOf(1), step));
        assertSame(session, view.sessionProperty().get());

        // Each view's ⓘ asks for Learn's Training section (the window opens it there).
        List<String> sections = new ArrayList<>();
        onFx(() -> {
            view.addEventFilter(LearnRequest.OPEN, e -> sections.add(e.section()));
            for (String id : List.of("step", "kernels", "probe", "confusion")) {
                ((Button) view.lookup("#train-" + id + "-info")).fire();
            }
            return null;
        });
        assertEquals(List.of("training", "training", "training", "training"), sections);
    }

    /** The first convolution's weights among {@code blocks} (the layer the step followed). */
    static LayerWeights firstConvolution(List<ParameterBlock> blocks, KernelStep step) {
        float[] w = null;
        float[] b = null;
        for (ParameterBlock p : blocks) {
            if (p.layer() == step.layer() && p.role() == ParameterBlock.Role.WEIGHT) {
                w = p.values();
            } else if (p.layer() == step.layer() && p.role() == ParameterBlock.Role.BIAS) {
                b = p.values();
            }
        }
        int n = step.kernelHeight() * step.kernelWidth();
        return new LayerWeights(b.length, w.length / (b.length * n), step.kernelHeight(), step.kernelWidth(), w, b);
    }

    void assertKernelsShow(LayerWeights weights) throws Exception {
        KernelImages images = new KernelImages(weights);
        for (int f = 0; f < images.count(); f++) {
            int[] argb = images.argb(f);
            int k = f;
            int[] shown = onFx(() -> {
                HeatmapView v = lookup(HeatmapView.class, "#train-kernel-" + k);
                int[] px = new int[argb.length];
                for (int i = 0; i < px.length; i++) {
                    px[i] = v.argbAt(i % images.width(), i / images.width());
                }
                return px;
            });
            assertArrayEquals(argb, shown, "kernel " + f);
        }
    }

    /** The epoch's exported model scoring the validation images on its own. */
    static int[][] independentCount(TrainingSession session, int epoch) throws Exception {
        ProbeNetwork exported = ProbeNetwork.of(session.modelOf(epoch));
        return exported.confusion(exported.parameters(), session.validation());
    }

    static ActivationSnapshot independentProbe(TrainingSession session, int epoch, MainWindow window) throws Exception {
        ProbeNetwork exported = ProbeNetwork.of(session.modelOf(epoch));
        Shape input = session.validation().input();
        float[] image = ImagePreprocessor.toChw(
                ImagePreprocessor.resizeAndCrop(window.workspace().shown().upright(), input.height(), input.width()));
        return exported.snapshot(exported.parameters(), image);
    }

    static Tab selectedInspector() {
        return lookup(TabPane.class, "#train-inspectors").getSelectionModel().getSelectedItem();
    }

    static Tab lookupTab(String id) {
        return lookup(TabPane.class, "#train-inspectors").getTabs().stream()
                .filter(t -> id.equals(t.getId()))
                .findFirst()
                .orElseThrow();
    }
}
