package io.convscope.ui;

import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.ui.train.TrainWorkspaceView;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the FX thread goes without a pulse while the real window (headless, Monocle) trains Tiny VGG on the Tiny
 * ImageNet subset in its Train workspace, with the live curves and status updating: an AnimationTimer runs once per
 * pulse, so the largest gap between two runs is the longest the window was frozen (issue 17's goal: well under
 * 100 ms). It also prints the epoch's seconds as the workspace reports them. Not a test; run it with the test
 * classpath,
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx3g -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1600x1000-32 -Dprism.order=sw \
 *      -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.convscope.ui.TrainPulseBenchmark [epochs] [tab]
 * </pre>
 * On a machine shared with other work the gaps follow its load: note the load average with each run, and add
 * {@code -Djavafx.pulseLogger=true} for each slow pulse's CSS, layout and painting times, which depend on it less.
 */
public final class TrainPulseBenchmark {

    /**
     * How many pulses of the idle window are watched before training, for the machine's own share of the gaps (about
     * 15 s at JavaFX's 60 pulses a second): counted by the timer itself, so the watch ends on its events, not a clock.
     */
    private static final int IDLE_PULSES = 900;

    private TrainPulseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        // The inspector tab open while training (probe, kernels, step, confusion; default the epochs table): each draws
        // different views on its first look.
        String tab = args.length > 1 ? "train-tab-" + args[1] : null;
        Path data = Path.of("..", "shared", "datasets", "tiny-imagenet-10");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(data.toAbsolutePath() + " is missing: the benchmark needs ../shared");
        }
        AppWindowTest.launch();
        MainWindow window = AppWindowTest.app.window();
        TrainWorkspaceView view = WaitForAsyncUtils.asyncFx(() -> {
                    window.workspace().modeProperty().set(WorkspaceMode.TRAIN);
                    TrainWorkspaceView v = (TrainWorkspaceView) window.modeView(WorkspaceMode.TRAIN);
                    v.chooseData(data);
                    return v;
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                600, TimeUnit.SECONDS, () -> view.lookup("#train-start") instanceof Button b && !b.isDisabled());
        AtomicLong last = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        AtomicLong pulses = new AtomicLong();
        List<String> long100 = new CopyOnWriteArrayList<>();
        CountDownLatch idle = new CountDownLatch(IDLE_PULSES);
        long origin = System.nanoTime();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long gap = t - last.getAndSet(t);
                longest.accumulateAndGet(gap, Math::max);
                pulses.incrementAndGet();
                idle.countDown();
                if (gap > 100_000_000L) {
                    long100.add(String.format(Locale.ROOT, "%d ms at %.1f s", gap / 1_000_000, (t - origin) / 1e9));
                }
            }
        };
        // The same window idle for a while first: what the machine's load alone does to the pulses.
        WaitForAsyncUtils.asyncFx(() -> {
                    last.set(System.nanoTime());
                    timer.start();
                })
                .get(10, TimeUnit.SECONDS);
        if (!idle.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the idle window did not pulse " + IDLE_PULSES + " times in 10 minutes");
        }
        WaitForAsyncUtils.asyncFx(timer::stop).get(10, TimeUnit.SECONDS);
        System.out.printf(
                Locale.ROOT,
                "longest pulse gap idle (%d pulses in %.1f s): %d ms, gaps over 100 ms: %s%n",
                pulses.get(),
                (System.nanoTime() - origin) / 1e9,
                longest.get() / 1_000_000,
                long100);
        longest.set(0);
        pulses.set(0);
        long100.clear();
        // The epochs are set first, as a student sets them before pressing Start (never in the same pulse).
        WaitForAsyncUtils.asyncFx(() -> {
                    @SuppressWarnings("unchecked")
                    Spinner<Integer> e = (Spinner<Integer>) view.lookup("#train-epochs");
                    e.getValueFactory().setValue(epochs);
                    if (tab != null) {
                        TabPane tabs = (TabPane) view.lookup("#train-inspectors");
                        tabs.getSelectionModel()
                                .select(tabs.getTabs().stream()
                                        .filter(t -> tab.equals(t.getId()))
                                        .findFirst()
                                        .orElseThrow(() -> new IllegalArgumentException("no tab " + tab)));
                    }
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
                    last.set(System.nanoTime());
                    timer.start();
                    view.start(false);
                })
                .get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        WaitForAsyncUtils.waitFor(
                3600, TimeUnit.SECONDS, () -> view.phaseProperty().get() == TrainingSession.Phase.FINISHED);
        long wall = System.nanoTime() - t0;
        WaitForAsyncUtils.asyncFx(timer::stop).get(10, TimeUnit.SECONDS);
        System.out.printf(
                Locale.ROOT,
                "pulses: %d in %.1f s (%.0f per second)%n",
                pulses.get(),
                wall / 1e9,
                pulses.get() / (wall / 1e9));
        System.out.printf(Locale.ROOT, "longest pulse gap while training: %d ms%n", longest.get() / 1_000_000);
        System.out.printf(Locale.ROOT, "gaps over 100 ms: %d %s%n", long100.size(), long100);
        for (Trainer.EpochResult r : view.epochResults()) {
            System.out.printf(
                    Locale.ROOT,
                    "epoch %d: %.1f s, validation accuracy %.1f %%%n",
                    r.epoch(),
                    r.seconds(),
                    100 * r.validationAccuracy());
        }
        AppWindowTest.close();
        System.exit(0);
    }
}
