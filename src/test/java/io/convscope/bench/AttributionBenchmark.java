package io.convscope.bench;

import io.convscope.engine.ModelLoader;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Every attribution method on the bundled Tiny VGG and coffee.png, at the defaults ({@link AttributionSettings#DEFAULTS}:
 * SmoothGrad 25 copies, IG 32 steps, occlusion 8 / 4, 225 windows), the espresso logit. Run:
 * {@code mvn -B -Pbench verify -Dbench.args=AttributionBenchmark} (add {@code -p method=gradcam} for one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class AttributionBenchmark {

    @Param({"gradient", "smoothgrad", "ig", "gradcam", "hirescam", "gradcam++", "occlusion"})
    public String method;

    private Attribution attribution;
    private AttributionMethod chosen;
    private AttributionTarget target;
    private float[] input;

    @Setup
    public void setUp() throws Exception {
        attribution = Attribution.of(ModelLoader.loadBundled());
        input = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        target = attribution.topClass(input);
        chosen = AttributionMethod.byId(method).orElseThrow();
    }

    @Benchmark
    public AttributionMap attribute() {
        return attribution.compute(chosen, input, target, AttributionSettings.DEFAULTS);
    }
}
