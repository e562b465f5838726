package io.convscope.bench;

import com.sun.management.OperatingSystemMXBean;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.RunWatcher;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.network.NetworkDescription;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What watching a run costs the training: one epoch of Tiny VGG on the Tiny ImageNet subset (batch 32, seed 42) in a
 * {@link TrainingSession}, unwatched against watched the way the Train workspace watches it (the parameters copied
 * and the first layer described every 20 batches, the probe image's overview every 200 batches and after the epoch,
 * the confusion matrix counted in the validation pass). The two alternate in pairs, the order swapped every pair;
 * wall and process CPU seconds from the first batch to the epoch's result. Goal: at most a few per cent. Run with
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *      io.convscope.bench.WatchedTrainingBenchmark [data folder] [pairs]
 * </pre>
 */
public final class WatchedTrainingBenchmark {

    private static final OperatingSystemMXBean OS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    record Timing(double wall, double cpu) {}

    private WatchedTrainingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets/tiny-imagenet-10");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(data.toAbsolutePath() + " is missing: the benchmark needs ../shared");
        }
        List<Timing> plain = new ArrayList<>();
        List<Timing> watched = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < 2; k++) {
                boolean watch = (p + k) % 2 == 1;
                Timing t = epoch(data, watch);
                (watch ? watched : plain).add(t);
                System.out.printf(
                        Locale.ROOT,
                        "%-9s pair %d: %6.1f s wall, %6.1f s CPU%n",
                        watch ? "watched" : "unwatched",
                        p + 1,
                        t.wall(),
                        t.cpu());
            }
        }
        Timing u = median(plain);
        Timing w = median(watched);
        System.out.printf(Locale.ROOT, "median unwatched: %.1f s wall, %.1f s CPU%n", u.wall(), u.cpu());
        System.out.printf(Locale.ROOT, "median watched:   %.1f s wall, %.1f s CPU%n", w.wall(), w.cpu());
        // Each pair ran back to back under about the same load; the machine's load changes more between pairs.
        double[] wallRatios = new double[pairs];
        double[] cpuRatios = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            wallRatios[p] = watched.get(p).wall() / plain.get(p).wall();
            cpuRatios[p] = watched.get(p).cpu() / plain.get(p).cpu();
        }
        Arrays.sort(wallRatios);
        Arrays.sort(cpuRatios);
        System.out.printf(
                Locale.ROOT,
                "watched / unwatched, median of the pairs: %.3f wall, %.3f CPU%n",
                wallRatios[pairs / 2],
                cpuRatios[pairs / 2]);
        System.exit(0);
    }

    /** The workspace's watching, without the window: the same engine calls at the same moments. */
    static final class Watcher implements RunWatcher {
        private final TrainingSession session;
        private long batches;
        private float[] image;

        Watcher(TrainingSession session) {
            this.session = session;
        }

        @Override
        public void batchTrained(int epoch, int batch, Supplier<float[][]> parameters) {
            batches++;
            if (batches % 20 == 0) {
                look(parameters.get(), batches % 200 == 0);
            }
        }

        @Override
        public void epochValidated(int epoch, int[][] confusion, Supplier<float[][]> parameters) {
            look(parameters.get(), true);
        }

        private void look(float[][] parameters, boolean probe) {
            ProbeNetwork p = session.insight().probe();
            NetworkDescription network = p.describe(parameters);
            if (probe) {
                if (image == null) {
                    image = new float[network.inputShape().size()];
                }
                p.snapshot(parameters, image);
            }
        }
    }

    private static Timing epoch(Path data, boolean watch) throws Exception {
        double[] start = new double[2];
        double[] end = new double[2];
        RunSettings settings = RunSettings.defaults(data).withEpochs(1, 32);
        try (TrainingSession s = TrainingSession.start(
                settings,
                null,
                new TrainingSession.Listener() {
                    @Override
                    public void phaseChanged(TrainingSession.Phase phase) {
                        if (phase == TrainingSession.Phase.RUNNING) {
                            mark(start);
                        }
                    }

                    @Override
                    public void epochDone(Trainer.EpochResult result) {
                        mark(end);
                    }
                },
                true)) {
            if (watch) {
                s.insight().watch(new Watcher(s));
            }
            s.resume();
            s.awaitEnd();
            if (s.phase() != TrainingSession.Phase.FINISHED) {
                throw new IllegalStateException("the session ended " + s.phase());
            }
        }
        return new Timing(end[0] - start[0], end[1] - start[1]);
    }

    private static void mark(double[] at) {
        at[0] = System.nanoTime() / 1e9;
        at[1] = OS.getProcessCpuTime() / 1e9;
    }

    private static Timing median(List<Timing> ts) {
        double[] w = ts.stream().mapToDouble(Timing::wall).sorted().toArray();
        double[] c = ts.stream().mapToDouble(Timing::cpu).sorted().toArray();
        return new Timing(w[w.length / 2], c[c.length / 2]);
    }
}
