package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.LoadedModel;
import io.convscope.network.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time one image's forward pass with every activation captured (after a warm-up).")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(names = "--json", description = "Print one JSON line of timings.")
    boolean json;

    @Option(
            names = "--iterations",
            defaultValue = "2000",
            parameterConsumer = InRange.class,
            description = "Timed runs, 1 to 1000000 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 1_000_000)
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "1000",
            parameterConsumer = InRange.class,
            description = "Untimed runs first, 0 to 1000000 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 1_000_000)
    int warmup;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedModel model = modelOption.loadToRun();
        Shape in = model.description().inputShape();
        float[] input = new float[in.size()];
        Random rng = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = rng.nextFloat();
        }
        double[] ours = time(() -> model.compiled().forward(input));
        var reference = model.referencePass(input);
        // DL4J's path is ~10 times slower on Tiny VGG, so it gets a tenth of the runs, but at least 50, and never more
        // than ours: `--warmup 3 --iterations 20` on a big network must not mean 100 DL4J passes of seconds each.
        int dl4jRuns = Math.min(iterations, Math.max(50, iterations / 10));
        int dl4jWarmup = Math.min(warmup, Math.max(50, warmup / 10));
        double[] dl4j = time(reference::get, dl4jWarmup, dl4jRuns);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("model", model.source());
            o.put("forward_p50_ms", pct(ours, 50));
            o.put("forward_p90_ms", pct(ours, 90));
            o.put("forward_p99_ms", pct(ours, 99));
            o.put("forward_mean_ms", Arrays.stream(ours).average().orElse(0));
            o.put("iterations", iterations);
            o.put("dl4j_feedforward_p50_ms", pct(dl4j, 50));
            o.put("dl4j_feedforward_p90_ms", pct(dl4j, 90));
            o.put("threads", Runtime.getRuntime().availableProcessors());
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s, %d runs after %d warm-up runs%n", model.source(), iterations, warmup);
            out.printf(
                    Locale.ROOT,
                    "ConvScope forward (all activations):  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n",
                    pct(ours, 50),
                    pct(ours, 90),
                    pct(ours, 99));
            out.printf(
                    Locale.ROOT,
                    "DL4J feedForward (reference):          p50 %.3f ms  p90 %.3f ms%n",
                    pct(dl4j, 50),
                    pct(dl4j, 90));
        }
        out.flush();
        return 0;
    }

    private double[] time(Runnable r) {
        return time(r, warmup, iterations);
    }

    private static double[] time(Runnable r, int warm, int runs) {
        for (int i = 0; i < warm; i++) {
            r.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, i))] * 1000) / 1000.0;
    }
}
