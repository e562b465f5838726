package io.convscope.bench;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.TrainableNetwork;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.image.ImagePreprocessor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * What watching a training run costs, in CPU time of one thread (a shared machine distorts wall time): one training
 * step of Tiny VGG at batch 32 (forward and backward), against the probe image's overview re-run with copied
 * parameters ({@code ProbeNetwork.snapshot}) and the first layer's kernels read from them
 * ({@code ProbeNetwork.describe}). Prints each and the share of training time a probe every 200 steps and the
 * kernels every 20 steps add. Run it with one core, as {@code BackwardCpuTime}:
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -XX:ActiveProcessorCount=1 -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *      io.convscope.bench.ProbeCostCpuTime
 * </pre>
 */
public final class ProbeCostCpuTime {

    static final int PROBE_EVERY = 200;
    static final int KERNELS_EVERY = 20;

    private ProbeCostCpuTime() {}

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        TrainableNetwork network = TrainableNetwork.of(model);
        ProbeNetwork probe = ProbeNetwork.of(model);
        float[] coffee = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        Random r = new Random(1);
        float[][] batch = new float[32][];
        int[] labels = new int[32];
        for (int n = 0; n < batch.length; n++) {
            batch[n] = coffee.clone();
            for (int i = 0; i < coffee.length; i++) {
                batch[n][i] = Math.min(1, Math.max(0, coffee[i] + 0.2f * (r.nextFloat() - 0.5f)));
            }
            labels[n] = r.nextInt(10);
        }
        float[][] parameters = probe.parameters();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 6; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                network.trainingGradients(batch, labels, 0, i);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 50; i++) {
                probe.snapshot(probe.parameters(), coffee);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 50; i++) {
                probe.describe(parameters);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            double step = (t1 - t0) / 5e6;
            double snapshot = (t2 - t1) / 50e6;
            double kernels = (t3 - t2) / 50e6;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: training step %.1f ms, probe %.2f ms (every %d steps: %.3f %%), kernels %.2f ms"
                            + " (every %d steps: %.3f %%)%n",
                    round,
                    step,
                    snapshot,
                    PROBE_EVERY,
                    100 * snapshot / (PROBE_EVERY * step),
                    kernels,
                    KERNELS_EVERY,
                    100 * kernels / (KERNELS_EVERY * step));
        }
    }
}
