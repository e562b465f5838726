package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.PresetModels;
import io.convscope.engine.attribution.Attribution;
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
}
