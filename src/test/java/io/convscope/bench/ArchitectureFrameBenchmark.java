package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.ArchitectureBenchmarkHarness;
import javafx.application.Platform;

import java.util.Arrays;
import java.util.Locale;

/**
 * Headless frame timing of the architecture view panning over InceptionResNetV1 (366 layers, all expanded, 100 %
 * zoom): a sweep down the whole graph and back in {@value #STEP} px steps. Reports p50/p90/max of recording a frame
 * and of recording plus software rasterisation. Run: {@code mvn -B -o -Pbench-ui verify}.
 */
public final class ArchitectureFrameBenchmark {

    static final int WARMUP = 200;
    static final int FRAMES = 1000;
    static final double STEP = 24;

    private ArchitectureFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ArchitectureGraph graph = ArchitecturePresets.find("inception-resnet-v1").orElseThrow().graph();
        FxCalls.startFx();
        ArchitectureBenchmarkHarness harness = FxCalls.onFx(() -> new ArchitectureBenchmarkHarness(graph, 1440, 900));
        double[] record = run(harness, false);
        double[] render = run(harness, true);
        System.out.printf(Locale.ROOT, "{\"graph\": \"%s\", \"layers\": %d, \"frames\": %d, "
                        + "\"record_p50_ms\": %.3f, \"record_p90_ms\": %.3f, \"record_max_ms\": %.3f, "
                        + "\"render_p50_ms\": %.3f, \"render_p90_ms\": %.3f, \"render_max_ms\": %.3f}%n",
                graph.name(), graph.nodes().size(), FRAMES, record[FRAMES / 2], record[FRAMES * 9 / 10],
                record[FRAMES - 1], render[FRAMES / 2], render[FRAMES * 9 / 10], render[FRAMES - 1]);
        Platform.exit();
        System.exit(0);
    }

    /** Pans down, reversing at the ends of the graph (about 450 steps tall at 100 %). */
    private static double[] run(ArchitectureBenchmarkHarness h, boolean rasterise) throws Exception {
        int reverseEvery = 400;
        for (int i = 0; i < WARMUP; i++) {
            double dy = (i / reverseEvery) % 2 == 0 ? -STEP : STEP;
            FxCalls.onFx(() -> rasterise ? h.panAndRender(0, dy) : h.pan(0, dy));
        }
        double[] ms = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            double dy = (i / reverseEvery) % 2 == 0 ? STEP : -STEP;
            ms[i] = FxCalls.onFx(() -> rasterise ? h.panAndRender(0, dy) : h.pan(0, dy));
        }
        Arrays.sort(ms);
        return ms;
    }
}
