package io.convscope.bench;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.Inference;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.TrainableNetwork;
import io.convscope.engine.attribution.Attribution;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.attribution.AttributionView;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Headless timing of the occlusion probe (Monocle, software renderer) with the bundled Tiny VGG on coffee.png: a drag
 * event is fired on every pulse, the grey square circling the photo, for {@value #MEASURED_DRAGS} pulses after a warm-up
 * of {@value #WARMUP_DRAGS} (the waits are latches on those counted events, not sleeps);
 * it counts the bar updates that arrive (each one an occluded copy through the engine's forward pass and softmax,
 * off the FX thread, drags coalesced to the latest position) and times the FX thread's share in the drag handler. Run: {@code mvn -B -Pbench-ui verify} (its occlusion-probe execution) or this class's main with
 * the Monocle properties of that profile.
 */
public final class OcclusionProbeBenchmark {

    /** Drag events before and while measuring: one per pulse, so about 2 s and 10 s at 60 pulses a second. */
    static final int WARMUP_DRAGS = 120;

    static final int MEASURED_DRAGS = 600;

    private OcclusionProbeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Inference inference = new Inference(ModelLoader.loadBundled());
        BufferedImage upright;
        try (InputStream in = OcclusionProbeBenchmark.class.getResourceAsStream("/sample-images/coffee.png")) {
            upright = ImagePreprocessor.decode(in.readAllBytes(), "coffee.png");
        }
        ActivationSnapshot snapshot = inference.run("coffee", upright);
        Shown coffee = new Shown("coffee", "coffee.png", null, upright, inference.resized(upright), snapshot);
        FxCalls.startFx();
        AttributionView view = FxCalls.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Workspace workspace = new Workspace(Language.ENGLISH, false);
            workspace.modelProperty().set(inference);
            workspace.shownProperty().set(coffee);
            workspace.modeProperty().set(WorkspaceMode.ATTRIBUTION);
            AttributionView v = new AttributionView(workspace, EngineService.start());
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1440, 900));
            stage.show();
            return v;
        });
        CountDownLatch firstMap = new CountDownLatch(1); // computed when the view opens
        FxCalls.onFx(() -> {
            if (view.resultProperty().get() != null) {
                firstMap.countDown();
            }
            view.resultProperty().addListener((o, was, now) -> firstMap.countDown());
            return null;
        });
        firstMap.await(60, TimeUnit.SECONDS);
        Node picture = FxCalls.onFx(() -> {
            ((ToggleButton) view.lookup("#attribution-probe-toggle")).fire();
            return view.lookup("#occlusion-picture");
        });
        long[] fxNanos = new long[1];
        int[] drags = new int[1];
        CountDownLatch warm = new CountDownLatch(WARMUP_DRAGS);
        CountDownLatch measured = new CountDownLatch(WARMUP_DRAGS + MEASURED_DRAGS);
        AnimationTimer pointer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                double t = now / 1e9;
                double w = picture.getLayoutBounds().getWidth();
                double x = w / 2 + w / 3 * Math.cos(2 * t);
                double y = w / 2 + w / 3 * Math.sin(2 * t);
                long start = System.nanoTime();
                Event.fireEvent(
                        picture,
                        new MouseEvent(
                                MouseEvent.MOUSE_DRAGGED,
                                x,
                                y,
                                x,
                                y,
                                MouseButton.PRIMARY,
                                1,
                                false,
                                false,
                                false,
                                false,
                                true,
                                false,
                                false,
                                false,
                                false,
                                false,
                                null));
                fxNanos[0] += System.nanoTime() - start;
                drags[0]++;
                warm.countDown();
                measured.countDown();
            }
        };
        FxCalls.onFx(() -> {
            pointer.start();
            return null;
        });
        warm.await(120, TimeUnit.SECONDS);
        int updates0 = FxCalls.onFx(() -> view.probeUpdatesProperty().get());
        int drags0 = FxCalls.onFx(() -> drags[0]);
        long fx0 = FxCalls.onFx(() -> fxNanos[0]);
        long start = System.nanoTime();
        measured.await(600, TimeUnit.SECONDS);
        int updates = FxCalls.onFx(() -> view.probeUpdatesProperty().get()) - updates0;
        int fired = FxCalls.onFx(() -> drags[0]) - drags0;
        long fx = FxCalls.onFx(() -> fxNanos[0]) - fx0;
        double elapsed = (System.nanoTime() - start) / 1e9;
        CountDownLatch stopped = new CountDownLatch(1);
        FxCalls.onFx(() -> {
            pointer.stop();
            stopped.countDown();
            return null;
        });
        stopped.await(10, TimeUnit.SECONDS);
        System.out.printf(
                "occlusion probe, Tiny VGG: %d drag events (%.1f per second), %d bar updates in %.1f s = %.1f updates"
                        + " per second; FX thread per drag event %.3f ms%n",
                fired, fired / elapsed, updates, elapsed, updates / elapsed, fx / 1e6 / Math.max(1, fired));
        // The engine alone, for comparison: occluded copies through the forward pass and softmax back to back.
        TrainableNetwork network = Attribution.of(inference.model()).network();
        float[] image = snapshot.layer(0).toArray();
        int copies = 0;
        long engineStart = System.nanoTime();
        while (System.nanoTime() - engineStart < 3_000_000_000L) {
            float[] copy = image.clone();
            Arrays.fill(copy, (copies % 56) * 64, (copies % 56) * 64 + 8, 0.5f);
            network.probabilities(new float[][] {copy});
            copies++;
        }
        System.out.printf(
                "engine alone: %.0f occluded copies per second%n", copies / ((System.nanoTime() - engineStart) / 1e9));
        System.exit(0);
    }
}
