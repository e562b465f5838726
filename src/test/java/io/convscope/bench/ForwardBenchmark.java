package io.convscope.bench;

import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.network.ActivationSnapshot;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

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
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ForwardBenchmark {

    private LoadedModel model;
    private float[] input;
    private INDArray batch;

    @Setup
    public void setUp() throws Exception {
        model = ModelLoader.loadBundled();
        input = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        batch = Nd4j.create(input, new long[] {1, 3, 64, 64}, 'c');
    }

    @Benchmark
    public ActivationSnapshot convscopeForwardAllActivations() {
        return model.compiled().forward(input);
    }

    @Benchmark
    public List<INDArray> dl4jFeedForward() {
        return model.chain().feedForward(batch, false);
    }

    @Benchmark
    public float[] preprocessCoffeePhoto() throws Exception {
        return ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
    }
}
