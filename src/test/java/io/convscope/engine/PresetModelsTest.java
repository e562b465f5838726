package io.convscope.engine;

import io.convscope.explain.overview.OverviewColumn;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zoo presets with random weights through our compiled forward pass, layer by layer against DL4J's own
 * {@code feedForward} for the same network and input. VGG-16 runs at its real 224 x 224 (a sample of every layer's
 * values); the smaller ones are compared in full.
 */
class PresetModelsTest {

    private static ArchitecturePresets.Preset preset(String id) {
        return ArchitecturePresets.find(id).orElseThrow();
    }

    @Test
    void vgg16At224MatchesDl4jOnEveryLayer() throws Exception {
        LoadedModel m = PresetModels.load(preset("vgg16"), "VGG-16 (random weights)", PresetModels.Progress.NONE);
        assertEquals(138_357_544L, m.description().parameterCount(), "VGG-16's published parameter count");
        assertEquals(1000, m.description().classes().size());
        assertEquals("tench", m.description().classes().get(0), "ImageNet's names, not \"class 0\"");
        assertEquals("barrow", m.description().classes().get(428));
        Set<String> names =
                m.description().layers().stream().map(LayerDescription::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("conv1_1", "conv5_3", "pool5", "fc6", "fc7", "output")), names.toString());
        // Every VGG layer has its own activation inside, so one feedForward gives each layer's own output.
        compare(m, 2_000, false);
    }

    @Test
    void alexNetLeNetAndDarknetMatchDl4jInFull() throws Exception {
        LoadedModel alex = PresetModels.load(preset("alexnet"), "AlexNet", PresetModels.Progress.NONE);
        assertTrue(alex.description().layers().stream().anyMatch(l -> l.kind() == LayerKind.LOCAL_RESPONSE_NORM));
        compare(alex, Integer.MAX_VALUE, false);
        compare(PresetModels.load(preset("lenet"), "LeNet", PresetModels.Progress.NONE), Integer.MAX_VALUE, true);
        // Darknet-19 at 64 x 64 keeps the test fast; every layer kind (batch norm, leaky ReLU, global pooling) is
        // there.
        LoadedModel darknet =
                PresetModels.load(preset("darknet19"), "Darknet-19", new int[] {3, 64, 64}, PresetModels.Progress.NONE);
        assertTrue(darknet.description().layers().stream().anyMatch(l -> l.kind() == LayerKind.BATCH_NORM));
        compare(darknet, Integer.MAX_VALUE, true);
    }

    @Test
    void sameWeightsEveryTime() throws Exception {
        LoadedModel a = PresetModels.load(preset("lenet"), "a", PresetModels.Progress.NONE);
        LoadedModel b = PresetModels.load(preset("lenet"), "b", PresetModels.Progress.NONE);
        assertArrayEquals(
                a.chain().params().data().asFloat(), b.chain().params().data().asFloat());
    }

    @Test
    void resNet50At224MatchesDl4jOnEveryVertex() throws Exception {
        LoadedModel m = PresetModels.load(preset("resnet50"), "ResNet-50", PresetModels.Progress.NONE);
        assertTrue(m.isGraph());
        NetworkDescription d = m.description();
        assertFalse(d.isChain());
        assertEquals(m.network().numParams(), d.parameterCount(), "every parameter, batch norm's four included");
        long additions =
                d.layers().stream().filter(l -> l.kind() == LayerKind.ADD).count();
        assertEquals(16, additions, "one residual addition per bottleneck block");
        int add = d.firstIndex(l -> l.kind() == LayerKind.ADD);
        assertEquals(2, d.inputsOf(add).size());
        assertTrue(d.inputsOf(add).get(0) < add - 1 || d.inputsOf(add).get(1) < add - 1, "a skip connection");
        compareGraph(m, 2_000);
    }

    @Test
    void squeezeNetAndInceptionResNetMatchDl4j() throws Exception {
        LoadedModel squeeze = PresetModels.load(preset("squeezenet"), "SqueezeNet", PresetModels.Progress.NONE);
        NetworkDescription d = squeeze.description();
        int concat = d.firstIndex(l -> l.kind() == LayerKind.CONCAT);
        assertEquals(2, d.inputsOf(concat).size(), "a fire module joins its 1x1 and 3x3 expands");
        assertEquals(
                d.layer(d.inputsOf(concat).get(0)).outputShape().channels()
                        + d.layer(d.inputsOf(concat).get(1)).outputShape().channels(),
                d.layer(concat).outputShape().channels());
        assertEquals(squeeze.network().numParams(), d.parameterCount());
        compareGraph(squeeze, 2_000);
        LoadedModel irv1 =
                PresetModels.load(preset("inception-resnet-v1"), "Inception-ResNet v1", PresetModels.Progress.NONE);
        NetworkDescription i = irv1.description();
        assertTrue(i.layers().stream().anyMatch(l -> l.kind() == LayerKind.SCALE));
        assertTrue(i.layers().stream().anyMatch(l -> l.kind() == LayerKind.L2_NORMALIZE));
        compareGraph(irv1, 500);
    }

    @Test
    void xceptionsSeparableConvolutionsMatchDl4j() throws Exception {
        LoadedModel m =
                PresetModels.load(preset("xception"), "Xception", new int[] {3, 71, 71}, PresetModels.Progress.NONE);
        NetworkDescription d = m.description();
        assertEquals(m.network().numParams(), d.parameterCount(), "depthwise, pointwise and bias all counted");
        int depthwise = d.firstIndex(l -> l.name().endsWith("_depthwise"));
        var w = d.weights(d.layer(depthwise).name());
        assertEquals(d.layer(depthwise).inputShape().channels(), w.groups(), "one group per input channel");
        assertEquals(1, w.inputs(), "each depthwise neuron reads one channel");
        var pointwise = d.layer(depthwise + 1);
        assertEquals(LayerKind.CONVOLUTION, pointwise.kind());
        assertEquals(1, pointwise.kernel().height(), "then a 1x1 convolution mixes the channels");
        // The overview draws one edge into each depthwise neuron, from the channel it reads.
        var column = OverviewColumn.of(d).stream()
                .filter(c -> c.layerIndex() == depthwise)
                .findFirst()
                .orElseThrow();
        var in = column.inputs().get(0);
        assertTrue(column.reads(in, 7, 7));
        assertFalse(column.reads(in, 7, 8));
        assertFalse(column.reads(in, 8, 7));
        compareGraph(m, 2_000);
    }

    @Test
    void mapOutputNetworksMatchDl4j() throws Exception {
        // U-Net at 64 x 64 (four halvings to 4 x 4): every encoder, decoder, skip concatenation and the per-pixel
        // sigmoid of its CnnLossLayer.
        LoadedModel unet =
                PresetModels.load(preset("unet"), "U-Net", new int[] {3, 64, 64}, PresetModels.Progress.NONE);
        NetworkDescription u = unet.description();
        assertFalse(u.predictsClasses());
        LayerDescription mask = u.layer(u.layers().size() - 1);
        assertEquals(new Shape(1, 64, 64), mask.outputShape(), "one mask value per input pixel");
        assertEquals("sigmoid", mask.activation());
        assertEquals(unet.network().numParams(), u.parameterCount());
        compareGraph(unet, 2_000);
        // Tiny YOLO at 96 x 96: a 3 x 3 grid of 5 anchors x (5 + 20 classes).
        LoadedModel tiny =
                PresetModels.load(preset("tiny-yolo"), "Tiny YOLO", new int[] {3, 96, 96}, PresetModels.Progress.NONE);
        NetworkDescription t = tiny.description();
        LayerDescription grid = t.layer(t.layers().size() - 1);
        assertEquals(LayerKind.DETECTION, grid.kind());
        assertEquals(new Shape(125, 3, 3), grid.outputShape());
        assertEquals(5, t.weights(grid.name()).outputs(), "five anchor boxes");
        assertEquals(1.08f, t.weights(grid.name()).weight(0, 0, 0, 0), 1e-6f, "the first anchor's width, in cells");
        compare(tiny, Integer.MAX_VALUE, true);
        // YOLOv2 at 64 x 64: its passthrough rearranges the 4 x 4 map into 2 x 2 blocks before the concatenation.
        LoadedModel yolo =
                PresetModels.load(preset("yolo2"), "YOLOv2", new int[] {3, 64, 64}, PresetModels.Progress.NONE);
        NetworkDescription y = yolo.description();
        int s2d = y.firstIndex(l -> l.kind() == LayerKind.SPACE_TO_DEPTH);
        assertEquals(new Shape(256, 2, 2), y.layer(s2d).outputShape());
        assertEquals(yolo.network().numParams(), y.parameterCount());
        if (yolo.isGraph()) {
            compareGraph(yolo, Integer.MAX_VALUE);
        } else {
            compare(yolo, Integer.MAX_VALUE, true);
        }
    }

    @Test
    void cancellingStopsBetweenPhases() {
        PresetModels.Progress cancelAfterConfigure = new PresetModels.Progress() {
            @Override
            public void phase(PresetModels.Phase p) {}

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> PresetModels.load(preset("lenet"), "x", cancelAfterConfigure));
    }

    /** Our snapshot against DL4J's ComputationGraph.feedForward, vertex by vertex (a sample of each). */
    private static void compareGraph(LoadedModel m, int perLayer) {
        Shape in = m.description().inputShape();
        float[] x = randomInput(in);
        ActivationSnapshot s = m.compiled().forward(x);
        INDArray input = Nd4j.create(x, new long[] {1, in.channels(), in.height(), in.width()}, 'c');
        var graph = (ComputationGraph) m.network();
        Map<String, INDArray> all = graph.feedForward(input, false);
        // DL4J applies an activation layer to its input's array in place: such inputs are checked through the
        // activation's output instead.
        Set<String> overwritten = new HashSet<>();
        graph.getConfiguration().getVertices().forEach((name, v) -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ActivationLayer) {
                overwritten.addAll(graph.getConfiguration().getVertexInputs().get(name));
            }
        });
        int compared = 0;
        for (int layer = 1; layer < s.layerCount(); layer++) {
            String vertex = m.compiled().dl4jVertexOf(layer);
            if (vertex == null || overwritten.contains(vertex)) {
                continue;
            }
            INDArray ref = all.get(vertex);
            assertNotNull(ref, vertex);
            assertClose(ref.dup('c').data().asFloat(), s, layer, perLayer, m, 1e-4f);
            compared++;
        }
        assertTrue(compared >= 20, "compared only " + compared + " layers");
        float[] probabilities = graph.outputSingle(false, input).dup().data().asFloat();
        if (!m.description().predictsClasses()) {
            assertClose(probabilities, s, s.layerCount() - 1, Integer.MAX_VALUE, m, 1e-4f); // the map is the output
            return;
        }
        for (int c = 0; c < probabilities.length; c++) {
            assertEquals(probabilities[c], s.probability(c), 1e-5, "probability " + c);
        }
    }

    private static float[] randomInput(Shape in) {
        Random rng = new Random(5);
        float[] x = new float[in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        return x;
    }

    private static void assertClose(
            float[] expected, ActivationSnapshot s, int layer, int perLayer, LoadedModel m, float tolerance) {
        assertEquals(
                expected.length,
                s.layer(layer).size(),
                m.description().layer(layer).name());
        int step = Math.max(1, expected.length / Math.min(perLayer, expected.length));
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i += step) {
            assertEquals(
                    expected[i],
                    s.layer(layer).value(i),
                    tolerance * Math.max(1, scale),
                    m.description().layer(layer).name() + " [" + i + "]");
        }
    }

    /**
     * Our snapshot against DL4J for a random input: at most {@code perLayer} evenly spread values of each layer DL4J
     * reports. With {@code eachOnItsOwn}, each layer is asked for separately, because DL4J applies a following
     * activation layer to its input in place (Darknet, LeNet's conv layers read fine either way).
     */
    private static void compare(LoadedModel m, int perLayer, boolean eachOnItsOwn) {
        Shape in = m.description().inputShape();
        float[] x = randomInput(in);
        ActivationSnapshot s = m.compiled().forward(x);
        INDArray input = Nd4j.create(x, new long[] {1, in.channels(), in.height(), in.width()}, 'c');
        List<INDArray> all = m.chain().feedForward(input, false);
        int compared = 0;
        for (int layer = 1; layer < s.layerCount(); layer++) {
            int idx = m.compiled().dl4jIndexOf(layer);
            if (idx < 0) {
                continue;
            }
            INDArray ref = eachOnItsOwn
                    ? m.chain().feedForwardToLayer(idx - 1, input, false).get(idx)
                    : all.get(idx);
            assertClose(ref.dup('c').data().asFloat(), s, layer, perLayer, m, 1e-5f);
            compared++;
        }
        assertTrue(compared >= 5, "compared only " + compared + " layers");
        float[] probabilities = m.chain().output(input, false).dup().data().asFloat();
        if (!m.description().predictsClasses()) {
            assertClose(probabilities, s, s.layerCount() - 1, Integer.MAX_VALUE, m, 1e-5f); // the map is the output
            return;
        }
        for (int c = 0; c < probabilities.length; c++) {
            assertEquals(probabilities[c], s.probability(c), 1e-5, "probability " + c);
        }
    }
}
