package io.convscope.bench;

import io.convscope.engine.Inference;
import io.convscope.engine.ModelLoader;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.OverviewBenchmarkHarness;
import javafx.application.Platform;

import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Headless frame timing of the overview (Monocle, software renderer): switches between the cached snapshots of the
 * sample images and times, on the JavaFX thread, everything until every heatmap, edge, bar and legend is updated and
 * laid out (the fade left out). Also samples heap and direct memory over {@value #SWITCHES} switches.
 * Run: {@code mvn -B -Pbench-ui verify} (see README).
 */
public final class OverviewFrameBenchmark {

    static final int WARMUP = 200;
    static final int SWITCHES = 1000;
    static final int CHECKPOINT = 250;

    private OverviewFrameBenchmark() {}

    public static void main(String[] args) throws Exception {
        Inference inference = new Inference(ModelLoader.loadBundled());
        List<ActivationSnapshot> snapshots = new ArrayList<>();
        for (String file : List.of("coffee.png", "chelsea.png", "horse.png", "astronaut.png", "rocket.jpg")) {
            try (InputStream in = OverviewFrameBenchmark.class.getResourceAsStream("/sample-images/" + file)) {
                snapshots.add(inference.run("sample:" + file, ImagePreprocessor.decode(in.readAllBytes(), file)));
            }
        }
        FxCalls.startFx();
        OverviewBenchmarkHarness harness = FxCalls.onFx(() -> new OverviewBenchmarkHarness(1440, 900));

        for (int i = 0; i < WARMUP; i++) {
            int k = i;
            FxCalls.onFx(() -> harness.switchTo(snapshots.get(k % snapshots.size())));
        }
        // Memory is sampled every CHECKPOINT switches: flat means no trend, not a single before/after pair.
        List<String> heap = new ArrayList<>();
        List<String> direct = new ArrayList<>();
        heap.add(String.valueOf(usedHeapAfterGc() / 1024));
        direct.add(String.valueOf(directBytes() / 1024));
        double[] ms = new double[SWITCHES];
        for (int i = 0; i < SWITCHES; i++) {
            int k = i;
            ms[i] = FxCalls.onFx(() -> harness.switchTo(snapshots.get(k % snapshots.size())));
            if ((i + 1) % CHECKPOINT == 0) {
                heap.add(String.valueOf(usedHeapAfterGc() / 1024));
                direct.add(String.valueOf(directBytes() / 1024));
            }
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "{\"switch_p50_ms\": %.3f, \"switch_p90_ms\": %.3f, \"switch_max_ms\": %.3f, "
                        + "\"switches\": %d, \"heap_kb_every_%d\": [%s], \"direct_kb_every_%d\": [%s]}%n",
                ms[SWITCHES / 2],
                ms[SWITCHES * 9 / 10],
                ms[SWITCHES - 1],
                SWITCHES,
                CHECKPOINT,
                String.join(", ", heap),
                CHECKPOINT,
                String.join(", ", direct));
        Platform.exit();
        System.exit(0);
    }

    /**
     * The heap in use after full collections. Each round waits until the collector has processed the references it
     * found (a sentinel of our own reaches its queue), not for a fixed time: then the direct buffers freed with them
     * are counted as freed too, however busy the machine is.
     */
    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
            do {
                System.gc();
            } while (queue.remove(1000) == null);
            Reference.reachabilityFence(sentinel);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }
}
