package io.convscope.ui;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.ui.workspace.Shown;
import javafx.animation.AnimationTimer;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the FX thread goes without a pulse while the real window (headless) loads a big preset and draws it
 * first: an AnimationTimer runs once per pulse, so the largest gap between two runs is the longest the window was
 * frozen. The tests check that loading runs off the FX thread (AppWindowTest#openPresetOffTheFxThread); this measures
 * what the student feels. Not a test: run it with the test classpath,
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx4g -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1600x1000-32 -Dprism.order=sw \
 *      -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.convscope.ui.PresetLoadPulseBenchmark
 * </pre>
 * Arguments: preset ids (default vgg16 resnet50 yolo2 unet).
 */
public final class PresetLoadPulseBenchmark {

    /**
     * How many pulses to keep counting after the network is shown: its first frames (about 1.5 s at JavaFX's 60
     * pulses a second). Counted, not waited for, so a slow machine measures the same frames as a fast one.
     */
    private static final int FIRST_FRAMES = 90;

    private PresetLoadPulseBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] ids = args.length > 0 ? args : new String[] {"vgg16", "resnet50", "yolo2", "unet"};
        AppWindowTest.launch();
        System.out.printf(Locale.ROOT, "%-12s %26s%n", "preset", "longest pulse gap (ms)");
        for (String id : ids) {
            String name = ArchitecturePresets.find(id).orElseThrow().displayName();
            System.out.printf(Locale.ROOT, "%-12s %26d%n", id, longestPulseGapMs(id, name));
        }
        AppWindowTest.close();
        System.exit(0);
    }

    /**
     * Opens preset {@code id} and returns the longest gap between two pulses until its first frames are drawn. The
     * timer itself sees the network arrive and counts the frames after it; the main thread only waits on the latch.
     */
    static long longestPulseGapMs(String id, String networkName) throws Exception {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicLong longest = new AtomicLong();
        CountDownLatch firstFrames = new CountDownLatch(FIRST_FRAMES);
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                longest.accumulateAndGet(t - last.getAndSet(t), Math::max);
                Shown s = AppWindowTest.shown();
                if (s != null && s.snapshot().network().name().startsWith(networkName)) {
                    firstFrames.countDown();
                }
            }
        };
        WaitForAsyncUtils.asyncFx(() -> {
                    last.set(System.nanoTime());
                    pulses.start();
                    AppWindowTest.app.window().loadPreset(id);
                })
                .get(10, TimeUnit.SECONDS);
        if (!firstFrames.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException(id + " was not drawn within 600 s");
        }
        WaitForAsyncUtils.asyncFx(pulses::stop).get(30, TimeUnit.SECONDS);
        return longest.get() / 1_000_000;
    }
}
