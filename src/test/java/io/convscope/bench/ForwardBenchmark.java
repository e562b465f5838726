package io.convscope.bench;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Engine speed for one image of the bundled Tiny VGG: our forward pass with every activation captured into a
 * snapshot, DL4J's own {@code feedForward} on the same weights, and preprocessing a 600x400 photo.
 * Run: {@code mvn -Pbench verify} (see README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ForwardBenchmark {

    private LoadedModel model;
    private float[] input;
    private Supplier<Object> dl4jPass;

    @Setup
    public void setUp() throws Exception {
        model = ModelLoader.loadBundled();
        input = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        dl4jPass = model.referencePass(input);
    }

    @Benchmark
    public ActivationSnapshot convscopeForwardAllActivations() {
        return model.compiled().forward(input);
    }

    @Benchmark
    public Object dl4jFeedForward() {
        return dl4jPass.get();
    }

    @Benchmark
    public float[] preprocessCoffeePhoto() throws Exception {
        return ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
    }
}
