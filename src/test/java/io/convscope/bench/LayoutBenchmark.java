package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
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

import java.util.concurrent.TimeUnit;

/**
 * The architecture analyzer's layered layout of Inception-ResNet v1 expanded (366 layers), the largest preset graph.
 * The test suite checks its work is bounded (LayeredLayoutTest); this measures its time. Run: {@code mvn -Pbench verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class LayoutBenchmark {

    private static final NodeLabels LABELS = new NodeLabels("%d layers");
    private VisibleGraph graph;

    @Setup
    public void setUp() {
        graph = VisibleGraph.expanded(
                ArchitecturePresets.find("inception-resnet-v1").orElseThrow().graph());
    }

    @Benchmark
    public GraphLayout inceptionResNetV1Expanded() {
        return LayeredLayout.of(graph, LABELS, LayoutMetrics.DEFAULT);
    }
}
