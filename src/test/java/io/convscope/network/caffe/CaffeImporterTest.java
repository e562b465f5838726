package io.convscope.network.caffe;

import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.TensorShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every formula on small hand-made networks, with the expected numbers worked out in the comments. */
class CaffeImporterTest {

    private static ArchitectureGraph parse(String text) throws PrototxtException {
        return CaffeImporter.parse(text, "test", CaffeImporter.Options.DEFAULT);
    }

    @Test
    void convolutionWithGroupsDilationAndNoBias() throws Exception {
        ArchitectureGraph g = parse(
                """
                input: "data" input_shape { dim: 10 dim: 8 dim: 32 dim: 32 }
                layer { name: "c" type: "Convolution" bottom: "data" top: "c"
                  convolution_param { num_output: 16 kernel_size: 3 stride: 2 pad: 2 dilation: 2 group: 4 bias_term: false } }
                """);
        ArchitectureNode c = g.node("c");
        // effective kernel 2*(3-1)+1 = 5; (32 + 4 - 5) / 2 = 15.5 -> floor 15, + 1 = 16
        assertEquals(TensorShape.chw(16, 16, 16), c.outputShape());
        // 3*3 * (8/4) * 16, no bias
        assertEquals(288, c.trainableParams());
        // 3*3 * 2 * 16 * 16*16
        assertEquals(73_728, c.multiplyAccumulates());
        assertEquals("3×3", c.attributes().get("kernel"));
        assertEquals("4", c.attributes().get("groups"));
        assertEquals(List.of(TensorShape.chw(8, 32, 32)), g.inputShapes(), "the file's batch of 10 is ignored");
    }

    @Test
    void poolingRoundsUpAndClipsTheLastWindow() throws Exception {
        assertEquals(56, CaffeWindowLayers.caffePooledSize(112, 3, 2, 0)); // ceil(109/2)=55, +1
        assertEquals(57, CaffeWindowLayers.caffePooledSize(113, 3, 2, 1)); // ceil(112/2)=56, +1 = 57; 56*2=112 < 114
        assertEquals(3, CaffeWindowLayers.caffePooledSize(5, 2, 2, 1)); // ceil(5/2)=3, +1 = 4; 3*2=6 >= 6 -> 3
        ArchitectureGraph g = parse(
                """
                input: "data" input_dim: 1 input_dim: 4 input_dim: 113 input_dim: 113
                layer { name: "p" type: "Pooling" bottom: "data" top: "p" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
                layer { name: "a" type: "Pooling" bottom: "p" top: "a" pooling_param { pool: AVE global_pooling: true } }
                """);
        // ceil((113-3)/2)+1 = 56
        assertEquals(TensorShape.chw(4, 56, 56), g.node("p").outputShape());
        assertEquals(9L * 4 * 56 * 56, g.node("p").operations().comparisons());
        assertEquals(TensorShape.chw(4, 1, 1), g.node("a").outputShape());
        assertEquals(56L * 56 * 4, g.node("a").operations().additions());
    }

    @Test
    void batchNormScalePreluAndInPlaceChain() throws Exception {
        ArchitectureGraph g = parse(
                """
                input: "data" input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8
                layer { name: "conv" type: "Convolution" bottom: "data" top: "conv"
                  convolution_param { num_output: 6 kernel_size: 1 } }
                layer { name: "bn" type: "BatchNorm" bottom: "conv" top: "conv" }
                layer { name: "scale" type: "Scale" bottom: "conv" top: "conv" scale_param { bias_term: true } }
                layer { name: "prelu" type: "PReLU" bottom: "conv" top: "conv" }
                layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 2 } }
                """);
        assertEquals(0, g.node("bn").trainableParams());
        assertEquals(13, g.node("bn").nonTrainableParams(), "mean 6 + variance 6 + moving-average factor 1");
        assertEquals(12, g.node("scale").trainableParams(), "gamma 6 + beta 6");
        assertEquals(6 * 64, g.node("scale").multiplyAccumulates());
        assertEquals(6, g.node("prelu").trainableParams());
        assertTrue(g.node("bn").inPlace()
                && g.node("scale").inPlace()
                && g.node("prelu").inPlace());
        assertFalse(g.node("conv").inPlace());
        // the chain: each in-place layer reads the one before, the dense layer reads the last writer of "conv"
        assertEquals(List.of("conv"), g.node("bn").inputIds());
        assertEquals(List.of("bn"), g.node("scale").inputIds());
        assertEquals(List.of("prelu"), g.node("fc").inputIds());
        assertEquals(6 * 64 * 2 + 2, g.node("fc").trainableParams());
        assertEquals(3 * 6 + 6 + 13 + 12 + 6 + 770, g.params());
        assertEquals(13, g.nonTrainableParams());
        // peak: data (192) and conv's buffer (384, shared by bn/scale/prelu) are live while conv runs; later conv's
        // buffer and fc's output (2): the peak is 192 + 384 values
        assertEquals((192 + 384) * 4, g.peakActivationBytes());
        // the Netscope-style sum counts every output, in-place ones too: 192 + 4 * 384 + 2
        assertEquals((192 + 4 * 384 + 2) * 4L, g.activationBytes());
    }

    @Test
    void eltwiseHonoursItsOperation() throws Exception {
        ArchitectureGraph g = parse(
                """
                input: "a" input_shape { dim: 1 dim: 2 dim: 3 dim: 3 }
                input: "b" input_shape { dim: 1 dim: 2 dim: 3 dim: 3 }
                layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "sum" }
                layer { name: "prod" type: "Eltwise" bottom: "a" bottom: "b" bottom: "sum" top: "prod" eltwise_param { operation: PROD } }
                layer { name: "max" type: "Eltwise" bottom: "a" bottom: "b" top: "max" eltwise_param { operation: MAX } }
                layer { name: "cat" type: "Concat" bottom: "a" bottom: "max" top: "cat" }
                """);
        assertEquals(18, g.node("sum").operations().additions());
        assertEquals(36, g.node("prod").multiplyAccumulates(), "3 inputs: 2 products per value");
        assertEquals(18, g.node("max").operations().comparisons());
        assertEquals(TensorShape.chw(4, 3, 3), g.node("cat").outputShape());
        assertEquals(NodeType.MERGE, g.node("cat").type());
        assertEquals(2, g.inputShapes().size());
    }

    @Test
    void v1LayersPhasesAndDataLayerCrop() throws Exception {
        ArchitectureGraph g = parse(
                """
                name: "old"
                layers { name: "data" type: DATA top: "data" top: "label" include: { phase: TRAIN }
                  transform_param { crop_size: 227 } }
                layers { name: "data" type: DATA top: "data" top: "label" include: { phase: TEST }
                  transform_param { crop_size: 227 } }
                layers { name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1"
                  convolution_param { num_output: 96 kernel_size: 11 stride: 4 } }
                layers { name: "relu1" type: RELU bottom: "conv1" top: "conv1" }
                layers { name: "fc" type: INNER_PRODUCT bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
                layers { name: "loss" type: SOFTMAX_LOSS bottom: "fc" bottom: "label" top: "loss" }
                layers { name: "acc" type: ACCURACY bottom: "fc" bottom: "label" top: "acc" include { phase: TEST } }
                """);
        assertEquals("old", g.name());
        assertEquals(
                List.of("data", "conv1", "relu1", "fc", "loss", "acc"),
                g.nodes().stream().map(ArchitectureNode::id).toList());
        assertEquals(TensorShape.chw(3, 227, 227), g.inputShapes().get(0));
        assertEquals(TensorShape.chw(96, 55, 55), g.node("conv1").outputShape());
        assertEquals("Convolution", g.node("conv1").rawType());
        assertEquals(NodeType.OUTPUT, g.node("loss").type());

        ArchitectureGraph train = CaffeImporter.parse(
                "layer { name: \"d\" type: \"Input\" top: \"d\" input_param { shape { dim: 1 dim: 1 dim: 4 dim: 4 } } }\n"
                        + "layer { name: \"t\" type: \"ReLU\" bottom: \"d\" top: \"t\" include { phase: TEST } }",
                "train",
                new CaffeImporter.Options(CaffeImporter.Phase.TRAIN, TensorShape.chw(1, 6, 6)));
        assertEquals(1, train.nodes().size(), "TEST-only layers are dropped in TRAIN");
        assertEquals(TensorShape.chw(1, 6, 6), train.inputShapes().get(0), "the input override wins");
    }

    @Test
    void unknownLayersAndUndefinedBlobsDoNotFail() throws Exception {
        ArchitectureGraph g = parse(
                """
                input: "data" input_dim: 1 input_dim: 3 input_dim: 4 input_dim: 4
                layer { name: "mystery" type: "FancyNewLayer" bottom: "data" top: "m" }
                layer { name: "relu" type: "ReLU" bottom: "m" top: "r" }
                layer { name: "join" type: "Concat" bottom: "r" bottom: "ghost" top: "j" }
                layer { name: "after" type: "ReLU" bottom: "j" top: "after" }
                """);
        ArchitectureNode m = g.node("mystery");
        assertEquals(NodeType.OTHER, m.type());
        assertEquals("FancyNewLayer", m.rawType());
        assertEquals(TensorShape.chw(3, 4, 4), m.outputShape(), "shape passed through");
        assertEquals(48, g.node("relu").operations().comparisons());
        assertFalse(g.node("ghost").outputShape().known());
        assertFalse(g.node("after").outputShape().known());
        assertEquals(
                List.of(
                        "layer mystery: unknown type, counted as 0 parameters and 0 operations, its output shape assumed equal to its input",
                        "layer join reads blob ghost, which no layer or input defines"),
                g.warnings());
    }

    @Test
    void reshapePermuteFlattenSliceAndDeconvolution() throws Exception {
        ArchitectureGraph g = parse(
                """
                input: "data" input_shape { dim: 1 dim: 18 dim: 5 dim: 7 }
                layer { name: "r" type: "Reshape" bottom: "data" top: "r" reshape_param { shape { dim: 0 dim: 2 dim: -1 dim: 0 } } }
                layer { name: "p" type: "Permute" bottom: "data" top: "p" permute_param { order: 0 order: 2 order: 3 order: 1 } }
                layer { name: "f" type: "Flatten" bottom: "p" top: "f" }
                layer { name: "s" type: "Slice" bottom: "data" top: "s1" top: "s2" slice_param { slice_point: 8 } }
                layer { name: "up" type: "Deconvolution" bottom: "data" top: "up"
                  convolution_param { num_output: 4 kernel_size: 4 stride: 2 pad: 1 bias_term: false } }
                """);
        assertEquals(TensorShape.of(2, 45, 7), g.node("r").outputShape());
        assertEquals(TensorShape.of(5, 7, 18), g.node("p").outputShape());
        assertEquals(TensorShape.vector(630), g.node("f").outputShape());
        assertEquals(
                List.of(TensorShape.chw(8, 5, 7), TensorShape.chw(10, 5, 7)),
                g.node("s").outputShapes());
        // 2*(5-1) + 4 - 2 = 10, 2*(7-1) + 4 - 2 = 14
        assertEquals(TensorShape.chw(4, 10, 14), g.node("up").outputShape());
        assertEquals(18 * 4 * 16, g.node("up").trainableParams());
        assertEquals(18L * 5 * 7 * 16 * 4, g.node("up").multiplyAccumulates());
    }
}
