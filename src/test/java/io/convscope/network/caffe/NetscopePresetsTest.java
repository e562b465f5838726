package io.convscope.network.caffe;

import io.convscope.engine.SharedData;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.TensorShape;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netscope's 23 presets from {@code ../shared} (third-party, never copied into the repository): every one imports, and
 * the well-known networks give their published totals, checked against independent hand-written formulas.
 */
class NetscopePresetsTest {

    private static ArchitectureGraph preset(String file) throws Exception {
        return CaffeImporter.read(SharedData.netscopePresets().resolve(file));
    }

    @Test
    void all23PresetsImportWithShapes() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SharedData.netscopePresets())) {
            files = s.filter(p -> p.toString().endsWith(".prototxt")).sorted().toList();
        }
        assertEquals(23, files.size());
        for (Path f : files) {
            ArchitectureGraph g = CaffeImporter.read(f);
            assertTrue(g.nodes().size() > 20, f + ": " + g.nodes().size());
            assertTrue(g.params() > 1_000_000 && g.multiplyAccumulates() > 300_000_000L, f + ": " + g.params());
            long unknown =
                    g.nodes().stream().filter(n -> !n.outputShape().known()).count();
            if (f.getFileName().toString().equals("fcn-16s.prototxt")) {
                // the file itself names a blob no layer writes (top 'score-pool44c' vs bottom 'score-pool4c')
                assertEquals(
                        List.of("layer score-fuse reads blob score-pool4c, which no layer or input defines"),
                        g.warnings());
                assertEquals(5, unknown, "the implicit blob and the 4 layers after it");
            } else {
                assertEquals(0, unknown, f.toString());
                assertTrue(
                        g.warnings().stream().allMatch(w -> w.contains("of another phase")), f + ": " + g.warnings());
            }
        }
    }

    @Test
    void vgg16MatchesItsLayerList() throws Exception {
        ArchitectureGraph g = preset("vgg-16.prototxt");
        // (C_in, C_out, side) of the 13 3x3 convolutions (pad 1, so output side = input side), then the 3 dense layers
        int[][] convs = {
            {3, 64, 224},
            {64, 64, 224},
            {64, 128, 112},
            {128, 128, 112},
            {128, 256, 56},
            {256, 256, 56},
            {256, 256, 56},
            {256, 512, 28},
            {512, 512, 28},
            {512, 512, 28},
            {512, 512, 14},
            {512, 512, 14},
            {512, 512, 14}
        };
        long params = 0;
        long macs = 0;
        for (int[] c : convs) {
            params += 9L * c[0] * c[1] + c[1];
            macs += 9L * c[0] * c[1] * c[2] * c[2];
        }
        int[][] dense = {{512 * 7 * 7, 4096}, {4096, 4096}, {4096, 1000}};
        for (int[] d : dense) {
            params += (long) d[0] * d[1] + d[1];
            macs += (long) d[0] * d[1];
        }
        assertEquals(138_357_544, params, "the published VGG-16 count");
        assertEquals(params, g.params());
        assertEquals(0, g.nonTrainableParams());
        assertEquals(macs, g.multiplyAccumulates());
        assertEquals(15_470_264_320L, g.multiplyAccumulates());
        assertEquals(TensorShape.chw(512, 7, 7), g.node("pool5").outputShape());
    }

    @Test
    void alexNetWithGroups() throws Exception {
        ArchitectureGraph g = preset("alexnet.prototxt");
        // conv1 11x11x3x96, conv2 5x5x48x256 (2 groups), conv3 3x3x256x384, conv4 3x3x192x384 (2 groups),
        // conv5 3x3x192x256 (2 groups), fc6 9216x4096, fc7 4096x4096, fc8 4096x1000, each + bias
        long expected = (11 * 11 * 3 * 96 + 96)
                + (5 * 5 * 48 * 256 + 256)
                + (3 * 3 * 256 * 384 + 384)
                + (3 * 3 * 192 * 384 + 384)
                + (3 * 3 * 192 * 256 + 256)
                + (9216L * 4096 + 4096)
                + (4096L * 4096 + 4096)
                + (4096L * 1000 + 1000);
        assertEquals(60_965_224, expected);
        assertEquals(expected, g.params());
        assertEquals(TensorShape.chw(96, 55, 55), g.node("conv1").outputShape());
        assertEquals(TensorShape.chw(256, 6, 6), g.node("pool5").outputShape());
        assertEquals("2", g.node("conv2").attributes().get("groups"));
        assertEquals(0, g.node("norm1").params(), "LRN has no parameters (Netscope counts 2)");
        // TEST phase: the test data layer and the accuracy layer are kept
        assertEquals(NodeType.OUTPUT, g.node("accuracy").type());
    }

    @Test
    void resNet50CountsBatchNormAndScale() throws Exception {
        ArchitectureGraph g = preset("resnet-50.prototxt");
        // torchvision's 25,557,032 (convolutions without bias, BN gamma/beta, fc with bias) plus the 64 biases of
        // conv1, which Caffe's file keeps (its other convolutions have bias_term: false)
        assertEquals(25_557_032 + 64, g.trainableParams());
        // 53 BatchNorm layers over 26,560 channels: mean + variance + Caffe's moving-average factor each
        assertEquals(
                53,
                g.nodes().stream().filter(n -> n.rawType().equals("BatchNorm")).count());
        assertEquals(2 * 26_560 + 53, g.nonTrainableParams());
        assertEquals(128, g.node("scale_conv1").trainableParams(), "gamma and beta of 64 channels");
        assertEquals(3_868_560_384L, g.multiplyAccumulates());
        assertEquals("res2a", g.node("res2a_branch2a").block());
        assertEquals("res2a", g.node("scale2a_branch1").block());
        assertEquals(TensorShape.chw(2048, 1, 1), g.node("pool5").outputShape());
    }

    @Test
    void googLeNetAndSqueezeNet() throws Exception {
        ArchitectureGraph googlenet = preset("googlenet.prototxt");
        assertEquals(6_998_552, googlenet.params());
        assertEquals("inception_3a", googlenet.node("inception_3a/1x1").block());
        ArchitectureGraph.Block folded = googlenet.foldedBlocks().stream()
                .filter(b -> b.name().equals("inception_3a"))
                .findFirst()
                .orElseThrow();
        assertEquals(TensorShape.chw(256, 28, 28), folded.outputShape());
        assertEquals(
                googlenet.params(),
                googlenet.foldedBlocks().stream()
                        .mapToLong(ArchitectureGraph.Block::params)
                        .sum());

        assertEquals(1_248_424, preset("squeezenet.prototxt").params());
        assertEquals(1_235_496, preset("squeezenet_v11.prototxt").params());
    }

    @Test
    void fasterRcnnCountsEveryProposal() throws Exception {
        ArchitectureGraph g = preset("fasterRCNN_VGG.prototxt");
        ArchitectureNode roi = g.node("roi_pool5");
        assertEquals(new TensorShape(300, List.of(512, 7, 7)), roi.outputShape());
        // fc6 runs once per proposal
        assertEquals(300L * 512 * 7 * 7 * 4096, g.node("fc6").multiplyAccumulates());
    }

    @Test
    void ssdPriorBoxesAndNormalize() throws Exception {
        ArchitectureGraph g = preset("SSD300.prototxt");
        assertEquals(26_285_486, g.params(), "SSD300 (VGG-16, VOC) as published");
        // 38x38 positions, 4 priors (aspect ratios 1, 2, 1/2 for one min size, plus one max size), 4 coordinates
        assertEquals(
                TensorShape.of(2, 38 * 38 * 4 * 4),
                g.node("conv4_3_norm_mbox_priorbox").outputShape());
        assertEquals(512, g.node("conv4_3_norm").trainableParams());
        assertEquals(TensorShape.of(1, 200, 7), g.node("detection_out").outputShape());
    }
}
