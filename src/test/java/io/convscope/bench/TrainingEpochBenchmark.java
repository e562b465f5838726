package io.convscope.bench;

import com.sun.management.OperatingSystemMXBean;
import io.convscope.engine.training.TrainingEpoch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One training epoch of Tiny VGG over the 5,000 training images of {@code ../shared/datasets/tiny-imagenet-10} at
 * batch 32 (augmentation, forward, backward on the compiled pass, AdamW), images decoded once beforehand as the
 * trainer does. Issue 15's goal: 8 s or less on a 2-core machine. Run: {@code mvn -B -Pbench verify -Dbench.args=TrainingEpochBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class TrainingEpochBenchmark {

    private TrainingEpoch epoch;
    private int epochNumber;
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path data = Path.of("..", "shared", "datasets", "tiny-imagenet-10");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(data.toAbsolutePath() + " is missing: the benchmark needs ../shared");
        }
        epoch = TrainingEpoch.tinyVgg(data, 32, 42);
    }

    @Benchmark
    public double tinyVggEpochOf5000Images() throws Exception {
        return epoch.run(++epochNumber);
    }

    /**
     * The CPU time the process spent in the iteration: on a machine shared with other builds the wall time measures
     * the load as much as the code, while CPU seconds / 2 is what an epoch takes on 2 idle cores.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        System.out.printf(Locale.ROOT, "%n  process CPU time: %.1f s%n", (processCpuNanos() - cpuAtStart) / 1e9);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        epoch.close();
    }
}
