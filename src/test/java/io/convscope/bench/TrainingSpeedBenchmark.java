package io.convscope.bench;

import io.convscope.bench.TimedEpoch.Timing;
import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingRecipe;
import io.convscope.engine.training.TrainingSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.convscope.bench.TimedEpoch.median;

/**
 * Training speed in the app's {@link TrainingSession} against the {@code train} command's {@link Trainer} on the same
 * run: Tiny VGG, one epoch of the Tiny ImageNet subset's 5,000 training images and its 250 validation images, batch
 * 32, the standard recipe, seed 42. The two alternate (pairs of runs, the order swapped every pair) so a machine
 * shared with other work loads both alike; each epoch is timed from its first batch to its result (evaluation
 * included, image decoding before it excluded), in wall seconds and in the process's CPU seconds (what a loaded
 * machine distorts least); the verdict is the median of the pairs' ratios. Issue 17's goal: the app within 10 % of
 * the command. Not a test; run it with
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *      io.convscope.bench.TrainingSpeedBenchmark [data folder] [pairs]
 * </pre>
 */
public final class TrainingSpeedBenchmark {

    private TrainingSpeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/datasets/tiny-imagenet-10");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(data.toAbsolutePath() + " is missing: the benchmark needs ../shared");
        }
        Path dir = Files.createTempDirectory("convscope-speed-");
        TimedEpoch.Pairs runs = TimedEpoch.alternate(
                pairs, "train", p -> command(data, dir.resolve("cli-" + p + ".zip")), "session", p -> session(data));
        List<Timing> cli = runs.a();
        List<Timing> app = runs.b();
        Timing c = median(cli);
        Timing a = median(app);
        System.out.printf(Locale.ROOT, "median train command: %.1f s wall, %.1f s CPU%n", c.wall(), c.cpu());
        System.out.printf(Locale.ROOT, "median app session:   %.1f s wall, %.1f s CPU%n", a.wall(), a.cpu());
        // Each pair ran back to back under about the same load: its ratio compares like with like, where the
        // medians above may come from different loads.
        List<Timing> ratios = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            ratios.add(new Timing(
                    app.get(p).wall() / cli.get(p).wall(),
                    app.get(p).cpu() / cli.get(p).cpu()));
        }
        Timing r = median(ratios);
        System.out.printf(
                Locale.ROOT,
                "session / command, median of the pairs' ratios: %.3f wall, %.3f CPU (goal: at most 1.10)%n",
                r.wall(),
                r.cpu());
        System.exit(0);
    }

    private static Timing command(Path data, Path out) throws Exception {
        return TimedEpoch.command(new Trainer.Options(
                data, out, null, 64, 1, 42, 32, 1, TrainingRecipe.standard(0.002), false, "benchmark"));
    }

    private static Timing session(Path data) throws Exception {
        return TimedEpoch.session(RunSettings.defaults(data).withEpochs(1, 32), null);
    }
}
