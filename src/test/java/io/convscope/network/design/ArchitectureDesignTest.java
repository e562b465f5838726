package io.convscope.network.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A student's architecture description: read from JSON or YAML with its defaults, planned with every output shape,
 * and refused with one sentence naming the block, the field and the range.
 */
class ArchitectureDesignTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ArchitectureDesign parse(String json) throws Exception {
        return DesignFiles.parse(JSON.readTree(json), "net.json");
    }

    private static String refusal(String json) throws Exception {
        JsonNode tree = JSON.readTree(json);
        return assertThrows(DesignException.class, () -> DesignFiles.parse(tree, "net.json"))
                .getMessage();
    }

    @Test
    void tinyVggPlansCnnExplainersLayersAndShapes() throws Exception {
        List<DesignedLayer> layers = ArchitectureDesign.tinyVgg(10).layers();
        assertEquals(
                List.of(
                        "conv_1_1",
                        "relu_1_1",
                        "conv_1_2",
                        "relu_1_2",
                        "max_pool_1",
                        "conv_2_1",
                        "relu_2_1",
                        "conv_2_2",
                        "relu_2_2",
                        "max_pool_2",
                        "output"),
                layers.stream().map(DesignedLayer::name).toList());
        assertEquals(new Shape(10, 62, 62), layers.get(0).output());
        assertEquals(new Shape(10, 13, 13), layers.get(9).output());
        assertEquals(Shape.vector(10), layers.get(10).output());
        // the README's figure for the bundled model
        assertEquals(19_920, ArchitectureDesign.tinyVgg(10).parameterCount());
        long maps =
                3 * 64 * 64 + 2 * 10 * (62 * 62 + 60 * 60) + 10 * 30 * 30 + 2 * 10 * (28 * 28 + 26 * 26) + 10 * 13 * 13;
        assertEquals(maps + 10, ArchitectureDesign.tinyVgg(10).activationValues());
    }

    @Test
    void defaultsFillWhatTheStudentLeftOut() throws Exception {
        ArchitectureDesign d = parse("{\"inputSize\": 32, \"classes\": 3, \"blocks\": ["
                + "{\"type\": \"conv\", \"filters\": 8}, {\"type\": \"pool\"}, {\"type\": \"dense\", \"units\": 16}]}");
        assertEquals(
                new Block.Conv(8, 3, 1, Block.Padding.VALID, "relu", false),
                d.blocks().get(0));
        assertEquals(new Block.Pool(Block.PoolMode.MAX, 2, 2), d.blocks().get(1));
        assertEquals(new Block.Dense(16, "relu"), d.blocks().get(2));
        assertEquals(3, d.channels());
    }

    @Test
    void stridesPaddingBatchNormAndGlobalPoolingPlanTheirShapes() throws Exception {
        ArchitectureDesign d = parse("{\"inputSize\": 35, \"classes\": 4, \"blocks\": ["
                + "{\"type\": \"conv\", \"filters\": 6, \"kernel\": 5, \"stride\": 2, \"padding\": \"same\","
                + " \"batchNorm\": true},"
                + "{\"type\": \"conv\", \"filters\": 7, \"kernel\": 3, \"stride\": 2, \"padding\": 1,"
                + " \"activation\": \"tanh\"},"
                + "{\"type\": \"pool\", \"mode\": \"avg\", \"size\": 3, \"stride\": 2},"
                + "{\"type\": \"dropout\", \"rate\": 0.25},"
                + "{\"type\": \"globalPool\", \"mode\": \"max\"},"
                + "{\"type\": \"dense\", \"units\": 12}]}");
        List<DesignedLayer> layers = d.layers();
        assertEquals(
                List.of(
                        "conv_1_1",
                        "bn_1_1",
                        "relu_1_1",
                        "conv_1_2",
                        "tanh_1_2",
                        "avg_pool_1",
                        "dropout_1",
                        "global_max_pool",
                        "dense_1",
                        "output"),
                layers.stream().map(DesignedLayer::name).toList());
        // same: ceil(35 / 2) = 18; then floor((18 + 2 - 3) / 2) + 1 = 9; then floor((9 - 3) / 2) + 1 = 4
        assertEquals(new Shape(6, 18, 18), layers.get(0).output());
        assertEquals(new Shape(7, 9, 9), layers.get(3).output());
        assertEquals(new Shape(7, 4, 4), layers.get(5).output());
        assertEquals(Shape.vector(7), layers.get(7).output());
        // conv without bias before batch norm, which keeps 4 numbers per channel
        assertEquals(5 * 5 * 3 * 6, layers.get(0).parameters());
        assertEquals(24, layers.get(1).parameters());
        assertEquals(3 * 3 * 6 * 7 + 7, layers.get(3).parameters());
        assertEquals(7 * 12 + 12, layers.get(8).parameters());
        assertEquals(12 * 4 + 4, layers.get(9).parameters());
    }

    @Test
    void yamlReadsLikeJsonAndTheJsonWrittenReadsBackEqual(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(
                dir.resolve("net.yaml"),
                """
                name: small
                inputSize: 48
                classes: 5
                blocks:
                  - {type: conv, filters: 4, padding: same, batchNorm: true}
                  - {type: pool, size: 2}
                  - {type: dropout, rate: 0.5}
                  - {type: dense, units: 8, activation: sigmoid}
                """);
        ArchitectureDesign d = DesignFiles.read(yaml);
        assertEquals("small", d.name());
        assertEquals(48, d.inputSize());
        assertEquals(
                new Block.Conv(4, 3, 1, Block.Padding.SAME, "relu", true),
                d.blocks().get(0));
        assertEquals(d, DesignFiles.parse(DesignFiles.toJson(d), "written"));
        assertEquals(ArchitectureDesign.tinyVgg(null), DesignFiles.resolve("tinyvgg"));
    }

    @Test
    void everyMistakeNamesTheBlockTheFieldAndTheRange() throws Exception {
        String blocks = "{\"inputSize\": 64, \"classes\": 3, \"blocks\": [%s]}";
        assertEquals(
                "net.json: block 1 (conv): kernel 0 is outside 1 to 11",
                refusal(blocks.formatted("{\"type\": \"conv\", \"filters\": 4, \"kernel\": 0}")));
        assertEquals(
                "net.json: block 2 (conv): filters is missing",
                refusal(blocks.formatted("{\"type\": \"pool\"}, {\"type\": \"conv\"}")));
        assertEquals(
                "net.json: block 1 (conv): padding \"full\" is not \"same\", \"valid\" or a whole number",
                refusal(blocks.formatted("{\"type\": \"conv\", \"filters\": 4, \"padding\": \"full\"}")));
        assertEquals(
                "net.json: block 1 (conv): padding 3 is outside 0 to 2",
                refusal(blocks.formatted("{\"type\": \"conv\", \"filters\": 4, \"padding\": 3}")));
        assertEquals(
                "net.json: block 1 (dense): activation \"softplus\" is not one of relu, leaky_relu, relu6, "
                        + "tanh, sigmoid, identity",
                refusal(blocks.formatted("{\"type\": \"dense\", \"units\": 4, \"activation\": \"softplus\"}")));
        assertEquals(
                "net.json: block 1 (conv): unknown field \"filter\" (expected activation, batchNorm, "
                        + "filters, kernel, padding, stride, type)",
                refusal(blocks.formatted("{\"type\": \"conv\", \"filter\": 4}")));
        assertEquals(
                "net.json: block 1: type \"convolution\" is not one of conv, pool, globalPool, dense, dropout",
                refusal(blocks.formatted("{\"type\": \"convolution\"}")));
        assertEquals(
                "net.json: block 1 (dropout): rate 1.0 is outside 0 to 0.9 (the share of values zeroed while "
                        + "training; 0 itself is no dropout)",
                refusal(blocks.formatted("{\"type\": \"dropout\", \"rate\": 1.0}")));
        assertEquals(
                "net.json: block 1 (dense): units 10000000000 is far outside the sizes a network can have",
                refusal(blocks.formatted("{\"type\": \"dense\", \"units\": 10000000000}")));
        assertEquals(
                "net.json: block 1 (conv): kernel 3.5 is not a whole number",
                refusal(blocks.formatted("{\"type\": \"conv\", \"filters\": 4, \"kernel\": 3.5}")));
        assertEquals(
                "net.json: inputSize 16 is outside 32 to 224",
                refusal("{\"inputSize\": 16, \"blocks\": [{\"type\": \"pool\"}]}"));
        assertEquals(
                "net.json: classes 201 is outside 2 to 200",
                refusal("{\"classes\": 201, \"blocks\": [{\"type\": \"pool\"}]}"));
        assertEquals(
                "net.json: block 2 (conv): comes after block 1 (dense), which turned the maps into a vector; "
                        + "convolution and pooling blocks must come before the first dense or global pooling block",
                refusal(blocks.formatted("{\"type\": \"dense\", \"units\": 4}, {\"type\": \"conv\", \"filters\": 4}")));
    }

    @Test
    void aBlockThatWouldShrinkTheMapsToNothingIsExplained() throws Exception {
        String pools = "{\"type\": \"pool\"}, ".repeat(5) + "{\"type\": \"conv\", \"filters\": 4}";
        String message = refusal("{\"inputSize\": 32, \"classes\": 2, \"blocks\": [" + pools + "]}");
        assertEquals(
                "net.json: block 6 (conv): its 3 x 3 kernel does not fit the 1 x 1 maps block 5 (pool) leaves: "
                        + "the maps have shrunk to nothing by here. Use padding \"same\", smaller strides, fewer "
                        + "pooling blocks or a larger input size",
                message);
    }

    @Test
    void globalPoolingOfOneByOneMapsIsRefusedAsPoolingNothing() throws Exception {
        // found by DesignFuzzTest: our compiled pass reads a 1 x 1 map as a vector and cannot globally pool it
        String message = refusal("{\"inputSize\": 32, \"classes\": 2, \"blocks\": [{\"type\": \"conv\", "
                + "\"filters\": 4, \"kernel\": 8, \"stride\": 8, \"padding\": \"valid\"}, {\"type\": \"pool\", "
                + "\"size\": 4}, {\"type\": \"globalPool\"}]}");
        assertEquals(
                "net.json: block 3 (globalPool): the maps block 2 (pool) leaves are already 1 x 1, so there is "
                        + "nothing to pool; remove this block (a dense block reads the maps as they are)",
                message);
    }

    @Test
    void theExampleDescriptionsInDocsReadAndPlan() throws Exception {
        ArchitectureDesign tiny = DesignFiles.read(Path.of("docs", "designs", "tinyvgg.json"));
        assertEquals(ArchitectureDesign.tinyVgg(null), tiny);
        ArchitectureDesign small = DesignFiles.read(Path.of("docs", "designs", "small-batchnorm.yaml"));
        assertEquals(
                List.of(
                        "conv_1_1",
                        "bn_1_1",
                        "relu_1_1",
                        "conv_1_2",
                        "bn_1_2",
                        "relu_1_2",
                        "max_pool_1",
                        "conv_2_1",
                        "bn_2_1",
                        "relu_2_1",
                        "global_avg_pool",
                        "dropout_1",
                        "dense_1",
                        "output"),
                small.withClasses(10).layers().stream().map(DesignedLayer::name).toList());
    }

    @Test
    void classesMayComeFromTheDataSetButNotBePlannedWithout() throws Exception {
        ArchitectureDesign d = parse("{\"blocks\": [{\"type\": \"conv\", \"filters\": 2}]}");
        assertEquals(null, d.classes());
        DesignException e = assertThrows(DesignException.class, d::layers);
        assertTrue(e.getMessage().startsWith("classes is missing"), e.getMessage());
        assertFalse(d.withClasses(7).layers().isEmpty());
    }
}
