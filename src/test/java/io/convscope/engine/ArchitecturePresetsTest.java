package io.convscope.engine;

import io.convscope.engine.compile.ArchitectureConverter;
import io.convscope.network.CostAnalysis;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.TensorShape;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J zoo configurations converted without weights, cross-checked against DL4J's own counts. */
class ArchitecturePresetsTest {

    private static ArchitectureGraph graph(String id) {
        return ArchitecturePresets.find(id).orElseThrow().graph();
    }

    /** DL4J's count from a network with allocated weights: independent of our per-layer summing. */
    private static long initialisedParams(String id) {
        ArchitecturePresets.Preset p = ArchitecturePresets.find(id).orElseThrow();
        Object conf = p.configuration(p.defaultInput());
        if (conf instanceof MultiLayerConfiguration mlc) {
            MultiLayerNetwork net = new MultiLayerNetwork(mlc);
            net.init();
            return net.numParams();
        }
        ComputationGraph net = new ComputationGraph((ComputationGraphConfiguration) conf);
        net.init();
        return net.numParams();
    }

    @Test
    void everyPresetConvertsWithoutWarningsButNotesWhereTheZooDiffersFromThePaper() {
        assertEquals(
                List.of(
                        "tiny-vgg",
                        "lenet",
                        "alexnet",
                        "vgg16",
                        "vgg19",
                        "resnet50",
                        "inception-resnet-v1",
                        "squeezenet",
                        "darknet19",
                        "tiny-yolo",
                        "yolo2",
                        "xception",
                        "unet"),
                ArchitecturePresets.ids());
        for (ArchitecturePresets.Preset p : ArchitecturePresets.all()) {
            ArchitectureGraph g = p.graph();
            assertEquals(
                    p.id().equals("vgg19") || p.id().equals("resnet50") ? 1 : 0,
                    g.warnings().size(),
                    p.id());
            assertTrue(g.nodes().stream().allMatch(n -> n.outputShape().known()), p.id());
            assertEquals(
                    TensorShape.chw(p.defaultInput()[0], p.defaultInput()[1], p.defaultInput()[2]),
                    g.inputShapes().get(0),
                    p.id());
        }
    }

    @Test
    void parameterSumsEqualDl4jsInitialisedNetworks() {
        for (String id : List.of("tiny-vgg", "lenet", "squeezenet", "tiny-yolo", "darknet19", "resnet50")) {
            assertEquals(initialisedParams(id), graph(id).params(), id);
        }
    }

    @Test
    void theZoosVgg19LacksOneDenseLayerOfThePaper() {
        ArchitectureGraph vgg19 = graph("vgg19");
        long dense = vgg19.nodes().stream()
                .filter(n -> n.rawType().equals("DenseLayer"))
                .count();
        assertEquals(1, dense, "fc6 only; the paper's fc7 is missing");
        assertEquals(143_667_240L - (4096L * 4096 + 4096), vgg19.params());
        assertTrue(vgg19.warnings().get(0).contains("143,667,240"));
    }

    @Test
    void publishedFigures() {
        ArchitectureGraph vgg16 = graph("vgg16");
        assertEquals(138_357_544, vgg16.params());
        assertEquals(15_470_264_320L, vgg16.multiplyAccumulates(), "the same as Caffe's VGG-16 file");
        // Keras' ResNet50 (convolutions with bias): 25,636,712 of which 53,120 BN moving mean/variance
        ArchitectureGraph resnet = graph("resnet50");
        assertEquals(25_636_712, resnet.params());
        assertEquals(53_120, resnet.nonTrainableParams());
        assertEquals(1_235_496, graph("squeezenet").params(), "SqueezeNet v1.1");
        assertEquals(22_910_480, graph("xception").params(), "Keras' Xception");
        assertEquals("res2a", resnet.node("act2a_branch2a").block());
    }

    @Test
    void tinyVggAgreesWithCostAnalysis() throws Exception {
        LoadedModel bundled = ModelLoader.loadBundled();
        ArchitectureGraph g = ArchitectureConverter.of(bundled);
        CostAnalysis cost = CostAnalysis.of(bundled.description());
        assertEquals(19_920, g.params());
        assertEquals(19_920, cost.totalParameters());
        assertEquals(5_608_780, g.multiplyAccumulates());
        assertEquals(5_608_780, cost.totalMultiplyAdds());
        assertEquals(cost.totalOtherOperations(), g.operations().other());
        assertEquals(cost.totalActivationBytes(), g.activationBytes());
        assertEquals(cost.peakActivationBytes(), g.peakActivationBytes());
        assertEquals(cost.layers().size(), g.nodes().size());
        for (int i = 0; i < g.nodes().size(); i++) {
            ArchitectureNode n = g.nodes().get(i);
            assertEquals(cost.layers().get(i).layer().name(), n.name());
            assertEquals(cost.layers().get(i).parameters(), n.params(), n.name());
            assertEquals(cost.layers().get(i).multiplyAdds(), n.multiplyAccumulates(), n.name());
        }
        // the preset is the same architecture as the trained file
        assertEquals(g.params(), graph("tiny-vgg").params());
        assertEquals(NodeType.RESHAPE, g.node("flatten").type());
        assertEquals("CnnToFeedForwardPreProcessor", g.node("flatten").rawType());
    }

    @Test
    void memoryFiguresAgreeWithDl4jsReport() {
        ArchitecturePresets.Preset p = ArchitecturePresets.find("darknet19").orElseThrow();
        var conf = (ComputationGraphConfiguration) p.configuration(p.defaultInput());
        var report = conf.getMemoryReport(InputType.convolutional(224, 224, 3));
        ArchitectureGraph g = p.graph();
        // DL4J's report sums each layer's parameters the same way; the activations it lists per layer for one example
        long dl4jParams = report.getLayerAndVertexReports().values().stream()
                .mapToLong(r -> r instanceof LayerMemoryReport l ? l.getParameterSize() : 0)
                .sum();
        assertEquals(dl4jParams, g.params());
        long dl4jActivations = report.getLayerAndVertexReports().values().stream()
                .mapToLong(r -> r instanceof LayerMemoryReport l
                        ? l.getMemoryBytes(
                                MemoryType.ACTIVATIONS, 1, MemoryUseMode.INFERENCE, CacheMode.NONE, DataType.FLOAT)
                        : 0)
                .sum();
        long ourLayerActivations = g.nodes().stream()
                .filter(n -> n.type() != NodeType.INPUT && n.type() != NodeType.MERGE)
                .mapToLong(ArchitectureNode::activationBytes)
                .sum();
        assertEquals(dl4jActivations, ourLayerActivations);
    }

    @Test
    void anotherInputSize() {
        ArchitectureGraph small =
                ArchitecturePresets.find("tiny-vgg").orElseThrow().graph(new int[] {1, 32, 32});
        // 32 -> 30 -> 28 -> pool 14 -> 12 -> 10 -> pool 5: dense 5*5*10*10 + 10
        assertEquals(TensorShape.chw(10, 5, 5), small.node("max_pool_2").outputShape());
        assertEquals(3 * 3 * 1 * 10 + 10 + 3 * (3 * 3 * 10 * 10 + 10) + 250 * 10 + 10, small.params());
    }
}
