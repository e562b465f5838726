package io.convscope.bench;

import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.PassMode;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The backward pass on the bundled Tiny VGG: one image's forward and backward to its input (the gradient of one
 * logit, as attribution needs it), and one training step at batch 32 (forward, backward to every parameter in
 * training mode, and a plain SGD update of every parameter in place). Run:
 * {@code mvn -B -Pbench verify -Dbench.args=BackwardBenchmark} (see README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class BackwardBenchmark {

    private static final int BATCH = 32;

    private TrainableNetwork network;
    private float[] input;
    private float[][] batch;
    private int[] labels;
    private long step;

    @Setup
    public void setUp() throws Exception {
        network = TrainableNetwork.of(ModelLoader.loadBundled());
        input = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        Random r = new Random(1);
        batch = new float[BATCH][];
        labels = new int[BATCH];
        for (int n = 0; n < BATCH; n++) {
            batch[n] = input.clone();
            for (int i = 0; i < input.length; i++) {
                batch[n][i] = Math.min(1, Math.max(0, input[i] + 0.2f * (r.nextFloat() - 0.5f)));
            }
            labels[n] = r.nextInt(10);
        }
    }

    @Benchmark
    public Gradients forwardAndBackwardToInput() {
        return network.logitGradient(input, 0);
    }

    @Benchmark
    public Gradients trainingStepBatch32() {
        Gradients g = network.lossGradients(batch, labels, 0, PassMode.TRAINING, step++);
        List<ParameterBlock> blocks = network.parameters();
        for (int b = 0; b < blocks.size(); b++) {
            float[] v = blocks.get(b).values();
            float[] d = g.parameters().get(b);
            for (int i = 0; i < v.length; i++) {
                v[i] -= 1e-5f * d[i];
            }
        }
        network.parametersChanged();
        return g;
    }
}
