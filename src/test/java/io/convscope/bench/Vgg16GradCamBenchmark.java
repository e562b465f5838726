package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.PresetModels;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionCancelledException;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
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

/**
 * Grad-CAM (forward to the logits, backward to conv5_3) on the VGG-16 preset at 224 x 224 (random weights; the
 * arithmetic is the same as trained). Run: {@code mvn -B -Pbench verify -Dbench.args=Vgg16GradCamBenchmark}; needs
 * about 5 GB of heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
public class Vgg16GradCamBenchmark {

    private Attribution attribution;
    private AttributionTarget target;
    private float[] input;

    @Setup
    public void setUp() throws Exception {
        var preset = ArchitecturePresets.find("vgg16").orElseThrow();
        var model = PresetModels.load(preset, "vgg16", PresetModels.Progress.NONE);
        attribution = Attribution.of(model);
        input = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), model.inputHeight(), model.inputWidth());
        target = attribution.classTarget(0);
    }

    @Benchmark
    public AttributionMap gradCam() {
        return attribution.compute(AttributionMethod.GRAD_CAM, input, target, AttributionSettings.DEFAULTS);
    }

    /**
     * Cancel pressed as Grad-CAM starts: the pass stops after its first layer (conv1_1's forward) instead of running
     * all 74 layer steps (37 forward, 37 backward), so this is how soon the engine is free again.
     */
    @Benchmark
    public boolean cancelledAtTheFirstLayer() {
        try {
            attribution.compute(
                    AttributionMethod.GRAD_CAM,
                    input,
                    target,
                    AttributionSettings.DEFAULTS,
                    (stage, done, total, fraction) -> false);
            return false;
        } catch (AttributionCancelledException stopped) {
            return true;
        }
    }

    /**
     * Not a JMH benchmark: the time each of Grad-CAM's layer steps takes, from the progress it tells (five passes
     * after two warm-ups); the longest step is the most a Cancel waits. Run: {@code java -Xmx6g -cp <test classpath>
     * io.convscope.bench.Vgg16GradCamBenchmark}.
     */
    public static void main(String[] args) throws Exception {
        Vgg16GradCamBenchmark b = new Vgg16GradCamBenchmark();
        b.setUp();
        for (int run = 0; run < 7; run++) {
            long[] last = {System.nanoTime()};
            long[] longest = {0, 0, 0};
            b.attribution.compute(
                    AttributionMethod.GRAD_CAM,
                    b.input,
                    b.target,
                    AttributionSettings.DEFAULTS,
                    (stage, done, total, fraction) -> {
                        long now = System.nanoTime();
                        if (now - last[0] > longest[0]) {
                            longest[0] = now - last[0];
                            longest[1] = done;
                        }
                        last[0] = now;
                        longest[2] = total;
                        return true;
                    });
            System.out.printf(
                    "%s: longest layer step %.0f ms (step %d of %d)%n",
                    run < 2 ? "warm-up" : "run " + (run - 1), longest[0] / 1e6, longest[1], longest[2]);
        }
    }
}
