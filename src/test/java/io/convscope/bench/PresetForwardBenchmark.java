package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.PresetModels;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Big networks: one 224 x 224 image through a zoo preset with random weights, every activation captured into a
 * snapshot (the budget for VGG-16: 2 s on 2 cores). Sample mode, so JMH reports p50/p90/p99.
 * Run: {@code mvn -Pbench verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx5g"})
public class PresetForwardBenchmark {

    @Param({"vgg16", "alexnet", "darknet19"})
    public String preset;

    private LoadedModel model;
    private float[] input;

    @Setup
    public void setUp() throws Exception {
        model = PresetModels.load(ArchitecturePresets.find(preset).orElseThrow(), preset, PresetModels.Progress.NONE);
        Shape in = model.description().inputShape();
        input = new float[in.size()];
        Random rng = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = rng.nextFloat();
        }
    }

    @Benchmark
    public ActivationSnapshot forwardAllActivations() {
        return model.compiled().forward(input);
    }
}
