package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.PresetModels;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import io.convscope.network.CamInputs;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the Grad-CAM walkthrough costs beyond the map itself, on the bundled Tiny VGG (relu_2_2, 10 maps of 26 x 26)
 * and the VGG-16 preset (conv5_3, 512 maps of 14 x 14, upsampled to 224 x 224; random weights): the engine's
 * Grad-CAM alone, the walkthrough from the engine (forward, backward, every step), and the walkthrough's own
 * arithmetic from maps and gradients already computed. Run:
 * {@code mvn -B -Pbench verify -Dbench.args=GradCamWalkthroughBenchmark}; VGG-16 needs about 5 GB of heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
public class GradCamWalkthroughBenchmark {

    @Param({"tiny-vgg", "vgg16"})
    public String model;

    private Attribution attribution;
    private AttributionTarget target;
    private int layer;
    private float[] input;
    private CamInputs inputs;

    @Setup
    public void setUp() throws Exception {
        LoadedModel loaded = model.equals("tiny-vgg")
                ? ModelLoader.loadBundled()
                : PresetModels.load(ArchitecturePresets.find(model).orElseThrow(), model, PresetModels.Progress.NONE);
        attribution = Attribution.of(loaded);
        input = ImagePreprocessor.load(
                Path.of("sample-images", "coffee.png"), loaded.inputHeight(), loaded.inputWidth());
        target = attribution.classTarget(0);
        layer = attribution.defaultCamLayer(target);
        inputs = attribution.camInputs(input, target, layer);
    }

    @Benchmark
    public AttributionMap engineGradCam() {
        return attribution.cam(AttributionMethod.GRAD_CAM, input, target, layer);
    }

    @Benchmark
    public GradCamWalkthrough walkthroughFromTheEngine() {
        return GradCamWalkthrough.of(
                attribution.camInputs(input, target, layer),
                input,
                attribution.description().inputShape());
    }

    @Benchmark
    public GradCamWalkthrough walkthroughStepsOnly() {
        return GradCamWalkthrough.of(inputs, input, attribution.description().inputShape());
    }
}
