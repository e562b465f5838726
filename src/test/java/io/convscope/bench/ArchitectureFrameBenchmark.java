package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.ArchitectureBenchmarkHarness;
import javafx.application.Platform;

import java.util.Arrays;
import java.util.Locale;

/**
 * Headless frame timing of the architecture view panning over InceptionResNetV1 (366 layers, all expanded, 100 %
 * zoom): a sweep down the graph and back in {@value #STEP} px steps. Reports p50/p90/max of recording a frame
 * and of recording plus software rasterisation (also for a sweep that never leaves the graph), how many of the rasterised frames were drawn directly rather than
 * from tiles and how many tiles they painted, and p50/p90/max of a highlight change (selecting a box, hovering one)
 * with rasterisation. Run: {@code mvn -B -o -Pbench-ui verify}.
 */
public final class ArchitectureFrameBenchmark {

    static final int WARMUP = 200;
    static final int FRAMES = 1000;
    static final double STEP = 24;
    static final int HIGHLIGHTS = 200;

    private ArchitectureFrameBenchmark() {}

    public static void main(String[] args) throws Exception {
        ArchitectureGraph graph =
                ArchitecturePresets.find("inception-resnet-v1").orElseThrow().graph();
        FxCalls.startFx();
        ArchitectureBenchmarkHarness harness = FxCalls.onFx(() -> new ArchitectureBenchmarkHarness(graph, 1440, 900));
        double[] record = run(harness, false);
        long direct = FxCalls.onFx(harness::directFrames);
        long tiles = FxCalls.onFx(harness::tilesPainted);
        double[] render = run(harness, true);
        direct = FxCalls.onFx(harness::directFrames) - direct;
        tiles = FxCalls.onFx(harness::tilesPainted) - tiles;
        double[] inside = run(harness, true, -STEP);
        double[] select = highlights(harness, true);
        double[] hover = highlights(harness, false);
        System.out.printf(
                Locale.ROOT,
                "{\"graph\": \"%s\", \"layers\": %d, \"frames\": %d, "
                        + "\"record_p50_ms\": %.3f, \"record_p90_ms\": %.3f, \"record_max_ms\": %.3f, "
                        + "\"render_p50_ms\": %.3f, \"render_p90_ms\": %.3f, \"render_max_ms\": %.3f, "
                        + "\"render_direct_frames\": %d, \"render_tiles_painted\": %d, "
                        + "\"render_in_graph_p50_ms\": %.3f, \"render_in_graph_p90_ms\": %.3f, "
                        + "\"render_in_graph_max_ms\": %.3f, "
                        + "\"select_p50_ms\": %.3f, \"select_p90_ms\": %.3f, \"select_max_ms\": %.3f, "
                        + "\"hover_p50_ms\": %.3f, \"hover_p90_ms\": %.3f, \"hover_max_ms\": %.3f}%n",
                graph.name(),
                graph.nodes().size(),
                FRAMES,
                record[FRAMES / 2],
                record[FRAMES * 9 / 10],
                record[FRAMES - 1],
                render[FRAMES / 2],
                render[FRAMES * 9 / 10],
                render[FRAMES - 1],
                direct,
                tiles,
                inside[FRAMES / 2],
                inside[FRAMES * 9 / 10],
                inside[FRAMES - 1],
                select[HIGHLIGHTS / 2],
                select[HIGHLIGHTS * 9 / 10],
                select[HIGHLIGHTS - 1],
                hover[HIGHLIGHTS / 2],
                hover[HIGHLIGHTS * 9 / 10],
                hover[HIGHLIGHTS - 1]);
        Platform.exit();
        System.exit(0);
    }

    /** Selects (or hovers) one box on screen after another, each change rasterised; after a warm-up as long. */
    private static double[] highlights(ArchitectureBenchmarkHarness h, boolean select) throws Exception {
        double[] ms = new double[HIGHLIGHTS];
        for (int i = 0; i < HIGHLIGHTS * 2; i++) {
            int k = i;
            double t = FxCalls.onFx(() -> select ? h.selectAndRender(k) : h.hoverAndRender(k));
            if (i >= HIGHLIGHTS) {
                ms[i - HIGHLIGHTS] = t;
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Pans down, reversing at the ends of the graph (about 450 steps tall at 100 %). */
    private static double[] run(ArchitectureBenchmarkHarness h, boolean rasterise) throws Exception {
        return run(h, rasterise, STEP);
    }

    /**
     * The same sweep, its measured part starting with {@code firstStep}: {@code STEP} (up) as {@link #run} has always
     * done, which leaves the graph's top and spends a third of the frames wholly above it (an empty view);
     * {@code -STEP} (down) stays within the graph (20,298 px tall at 100 %) for every frame.
     */
    private static double[] run(ArchitectureBenchmarkHarness h, boolean rasterise, double firstStep) throws Exception {
        int reverseEvery = 400;
        for (int i = 0; i < WARMUP; i++) {
            double dy = (i / reverseEvery) % 2 == 0 ? -STEP : STEP;
            FxCalls.onFx(() -> rasterise ? h.panAndRender(0, dy) : h.pan(0, dy));
        }
        double[] ms = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            double dy = (i / reverseEvery) % 2 == 0 ? firstStep : -firstStep;
            ms[i] = FxCalls.onFx(() -> rasterise ? h.panAndRender(0, dy) : h.pan(0, dy));
        }
        Arrays.sort(ms);
        return ms;
    }
}
