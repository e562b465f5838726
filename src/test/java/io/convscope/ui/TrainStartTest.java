package io.convscope.ui;

import io.convscope.engine.training.TrainingSession;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.train.EpochConfusion;
import io.convscope.ui.train.FirstLayerKernels;
import io.convscope.ui.train.KernelUpdatePanel;
import io.convscope.ui.train.ProbeOverview;
import io.convscope.ui.train.TrainWorkspaceView;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.Axis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static io.convscope.ui.TrainWorkspaceTest.lookup;
import static io.convscope.ui.TrainWorkspaceTest.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's "the UI never blocks" at the start of a run: the window's longest pulse gap while training was the first
 * look at the run (the first layer's kernel tiles and the probe's whole overview added to the scene graph, styled and
 * laid out on the pulses right after Start). So once the data is chosen, Start and the run's first look add no node
 * to the Train workspace (Step's own panel, which shows each step's batch, aside); the probe's overview is built when
 * its tab is opened, and later looks at the same network redraw it in place; an epoch's end draws its confusion
 * matrix into nodes made with the view. Headless, on a generated folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first test needs a probe overview never put on screen
@ExtendWith(TrainWindow.class)
class TrainStartTest {

    @Test
    @Order(1)
    void startAndTheFirstLookAddNoNodes(@TempDir Path dir) throws Exception {
        TrainWorkspaceView view = TrainWorkspaceTest.readyToTrain(dir, 2, 4);
        openTab("train-tab-epochs"); // the probe's tab closed
        assertNotNull(lookup(HeatmapView.class, "#train-kernel-0"), "the kernels' tiles are there before Start");
        Set<Node> before = onFx(() -> nodes(view));
        EpochConfusion confusion = lookup(EpochConfusion.class, "#train-confusion");
        Set<Node> matrix = onFx(() -> nodes(confusion));

        // Step before a run: one batch, after which the kernels and the probe are looked at, then it waits.
        onFx(() -> {
            view.start(true);
            return null;
        });
        ProbeOverview probe = lookup(ProbeOverview.class, "#train-probe");
        FirstLayerKernels kernels = lookup(FirstLayerKernels.class, "#train-kernels");
        KernelUpdatePanel step = lookup(KernelUpdatePanel.class, "#train-step-panel");
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.PAUSED
                && view.lastBatchProperty().get() != null
                && probe.snapshot() != null
                && step.explanation() != null
                && view.lookup("#train-kernel-0") instanceof HeatmapView k
                && k.getImage() != null);
        Set<Node> after = onFx(() -> nodes(view));
        assertEquals(List.of(), added(before, after), "nodes Start and the first look added");
        assertEquals(List.of(), added(after, before), "nodes Start and the first look removed");
        assertTrue(onFx(() -> kernels.lookup("#train-kernels-tiles").isVisible()), "the kernels show");
        assertNull(onFx(() -> probe.overview().getScene()), "the probe's overview waits for its tab");

        // Its tab opened, the probe's overview draws the snapshot; a new look at the same network keeps its nodes.
        openTab("train-tab-probe");
        assertSame(view.getScene(), onFx(() -> probe.overview().getScene()), "the overview is on show");
        Set<Node> overview = onFx(() -> nodes(probe.overview()));
        assertTrue(overview.size() > 20, "the overview's columns are built: " + overview.size());
        var first = probe.snapshot();
        onFx(() -> {
            lookup(Button.class, "#train-step").fire(); // Step again: one more batch, looked at after it
            return null;
        });
        AppWindowTest.waitUntil(
                () -> probe.snapshot() != first && view.phaseProperty().get() == TrainingSession.Phase.PAUSED);
        assertTrue(first.network() != probe.snapshot().network(), "each look describes the network anew");
        assertEquals(overview, onFx(() -> nodes(probe.overview())), "the same layers keep the overview's nodes");

        // The rest of the run: the epoch's confusion matrix is drawn into the nodes that were there before Start.
        onFx(() -> {
            lookup(Button.class, "#train-pause").fire(); // Resume
            return null;
        });
        AppWindowTest.waitUntil(() -> view.phaseProperty().get() == TrainingSession.Phase.FINISHED
                && confusion.shown() != null
                && confusion.shown().epoch() == 2);
        assertEquals(matrix, onFx(() -> nodes(confusion)), "the matrix's nodes are the ones made with the view");
    }

    /**
     * Before the first run the probe shows what the network a Start begins from computes for it ("before training"):
     * with its tab open at Start, the run's first look redraws that overview in place and adds no node.
     */
    @Test
    @Order(2)
    void theProbeShowsTheUntrainedNetworkBeforeStartAndTheFirstLookAddsNoNode(@TempDir Path dir) throws Exception {
        TrainWorkspaceView view = TrainWorkspaceTest.readyToTrain(dir, 2, 4);
        ProbeOverview probe = lookup(ProbeOverview.class, "#train-probe");
        openTab("train-tab-probe");
        AppWindowTest.waitUntil(
                () -> probe.snapshot() != null && probe.overview().getScene() != null);
        var untrained = probe.snapshot();
        assertEquals("before training", onFx(() -> lookup(Label.class, "#train-probe-moment")
                .getText()));
        assertTrue(untrained.network().predictsClasses());
        Set<Node> before = onFx(() -> nodes(probe));

        onFx(() -> {
            view.start(true); // one batch, looked at after it
            return null;
        });
        AppWindowTest.waitUntil(
                () -> view.phaseProperty().get() == TrainingSession.Phase.PAUSED && probe.snapshot() != untrained);
        assertTrue(untrained.network() != probe.snapshot().network(), "the run's own look");
        Set<Node> after = onFx(() -> nodes(probe));
        assertEquals(List.of(), added(before, after), "nodes the first look added to the probe");
        onFx(() -> {
            lookup(Button.class, "#train-stop").fire();
            return null;
        });
        AppWindowTest.waitUntil(() -> view.phaseProperty().get().ended());
    }

    private static void openTab(String id) throws Exception {
        onFx(() -> {
            TabPane tabs = lookup(TabPane.class, "#train-inspectors");
            tabs.getSelectionModel()
                    .select(tabs.getTabs().stream()
                            .filter(t -> id.equals(t.getId()))
                            .findFirst()
                            .orElseThrow());
            return null;
        });
    }

    /**
     * Every node under {@code root}, by identity, but for Step's panel (it shows each step's batch anew) and the charts'
     * tick labels (an axis makes new ones whenever the loss's range changes, on every update of the curves).
     */
    private static Set<Node> nodes(Parent root) {
        Set<Node> all = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, all);
        return all;
    }

    private static void collect(Node n, Set<Node> into) {
        if (n instanceof KernelUpdatePanel || n instanceof Text && n.getParent() instanceof Axis) {
            return;
        }
        into.add(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, into);
            }
        }
    }

    private static List<String> added(Set<Node> from, Set<Node> to) {
        return to.stream()
                .filter(n -> !from.contains(n))
                .map(n -> n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()))
                .limit(30)
                .toList();
    }
}
