package io.convscope.bench;

import io.convscope.bench.TimedEpoch.Timing;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.RunWatcher;
import io.convscope.engine.training.TrainingSession;
import io.convscope.network.NetworkDescription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static io.convscope.bench.TimedEpoch.median;

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

    private WatchedTrainingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets/tiny-imagenet-10");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(data.toAbsolutePath() + " is missing: the benchmark needs ../shared");
        }
        TimedEpoch.Pairs runs =
                TimedEpoch.alternate(pairs, "unwatched", p -> epoch(data, false), "watched", p -> epoch(data, true));
        List<Timing> plain = runs.a();
        List<Timing> watched = runs.b();
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
        return TimedEpoch.session(RunSettings.defaults(data).withEpochs(1, 32), s -> {
            if (watch) {
                s.insight().watch(new Watcher(s));
            }
        });
    }
}
