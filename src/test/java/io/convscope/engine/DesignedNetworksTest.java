package io.convscope.engine;

import io.convscope.network.CostAnalysis;
import io.convscope.network.LayerCost;
import io.convscope.network.LayerDescription;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import io.convscope.network.design.DesignedLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A designed network becomes an ordinary DL4J network with exactly the planned layers and shapes: Tiny VGG's
 * description gives the bundled model's layers, and a network with batch norm, dropout, strides, padding and global
 * pooling runs in DL4J, in our compiled forward pass and in the cost analysis with the planned figures.
 */
class DesignedNetworksTest {

    /** Strides, "same" and numeric padding, batch norm, average pooling, dropout, global max pooling, a dense layer. */
    static final ArchitectureDesign MIXED = new ArchitectureDesign(
            "mixed",
            35,
            3,
            4,
            List.of(
                    new Block.Conv(6, 5, 2, Block.Padding.SAME, "relu", true),
                    new Block.Conv(7, 3, 2, Block.Padding.of(1), "tanh", false),
                    new Block.Pool(Block.PoolMode.AVG, 3, 2),
                    new Block.Dropout(0.25),
                    new Block.GlobalPool(Block.PoolMode.MAX),
                    new Block.Dense(12, "relu")));

    @Test
    void tinyVggsDescriptionBuildsTheBundledModelsLayers() throws Exception {
        MultiLayerNetwork net = DesignedNetworks.build(ArchitectureDesign.tinyVgg(10), 1);
        NetworkDescription built = CompiledNetwork.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "designed")
                .description();
        NetworkDescription bundled = ModelLoader.loadBundled().description();
        assertEquals(bundled.layers().size(), built.layers().size());
        for (int i = 0; i < bundled.layers().size(); i++) {
            LayerDescription b = bundled.layers().get(i);
            LayerDescription d = built.layers().get(i);
            assertEquals(b.name(), d.name());
            assertEquals(b.kind(), d.kind(), b.name());
            assertEquals(b.outputShape(), d.outputShape(), b.name());
            assertEquals(b.parameters(), d.parameters(), b.name());
        }
        assertEquals(19_920, net.numParams());
        // seeded: the same seed draws the same weights, another seed others
        assertEquals(
                net.params(),
                DesignedNetworks.build(ArchitectureDesign.tinyVgg(10), 1).params());
        assertNotEquals(
                net.params(),
                DesignedNetworks.build(ArchitectureDesign.tinyVgg(10), 2).params());
    }

    @Test
    void aMixedDesignRunsInDl4jWithThePlannedShapes() throws Exception {
        List<DesignedLayer> plan = MIXED.layers();
        MultiLayerNetwork net = DesignedNetworks.build(MIXED, 3);
        assertEquals(MIXED.parameterCount(), net.numParams());
        assertEquals(plan.size(), net.getLayers().length);
        INDArray input = Nd4j.rand(new long[] {1, 3, 35, 35});
        List<INDArray> outputs = net.feedForward(input, false);
        for (int i = 0; i < plan.size(); i++) {
            Shape s = plan.get(i).output();
            long[] expected = s.isVector() && i >= 7
                    ? new long[] {1, s.channels()}
                    : new long[] {1, s.channels(), s.height(), s.width()};
            assertArrayEquals(expected, outputs.get(i + 1).shape(), plan.get(i).name());
            assertEquals(plan.get(i).name(), net.getLayer(i).conf().getLayer().getLayerName());
        }
        CompiledNetwork compiled = CompiledNetwork.compile(net, MIXED.inputShape(), List.of("a", "b", "c", "d"), "m");
        CompiledNetworkTest.compareWithDl4j(net, compiled, 2);
    }

    @Test
    void theCostAnalysisCountsTheMixedDesign() throws Exception {
        MultiLayerNetwork net = DesignedNetworks.build(MIXED, 3);
        NetworkDescription d = CompiledNetwork.compile(net, MIXED.inputShape(), List.of("a", "b", "c", "d"), "m")
                .description();
        CostAnalysis cost = CostAnalysis.of(d);
        Map<String, LayerCost> byName =
                cost.layers().stream().collect(Collectors.toMap(c -> c.layer().name(), Function.identity()));
        // k * k * C_in multiply-adds per output value: 5 * 5 * 3 for 6 x 18 x 18, 3 * 3 * 6 for 7 x 9 x 9
        assertEquals(75L * 6 * 18 * 18, byName.get("conv_1_1").multiplyAdds());
        assertEquals(54L * 7 * 9 * 9, byName.get("conv_1_2").multiplyAdds());
        assertEquals(7L * 12, byName.get("dense_1").multiplyAdds());
        assertEquals(12L * 4, byName.get("output").multiplyAdds());
        assertEquals(3 * 3 * 7 * 4 * 4, byName.get("avg_pool_1").otherOperations());
        System.out.printf(
                "mixed design: %d parameters, %d multiply-adds, %d other operations, peak %d bytes%n",
                cost.totalParameters(),
                cost.totalMultiplyAdds(),
                cost.totalOtherOperations(),
                cost.peakActivationBytes());
    }

    @Test
    void aTrainedDesignSavesAsAnOrdinaryModelTheLoaderRuns(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = DesignedNetworks.build(MIXED, 5);
        Path zip = dir.resolve("mixed.zip");
        List<String> classes = List.of("a", "b", "c", "d");
        ModelStore.save(net, new ModelMetadata("mixed", classes, 35, 35, 3, null), zip);
        LoadedModel loaded = ModelLoader.load(zip);
        assertEquals(MIXED.parameterCount(), loaded.parameterCount());
        float[] x = new float[3 * 35 * 35];
        Arrays.fill(x, 0.5f);
        float[] expected = net.output(Nd4j.create(x, new long[] {1, 3, 35, 35}, 'c'))
                .data()
                .asFloat();
        assertArrayEquals(expected, loaded.compiled().forward(x).probabilities(), 1e-6f);
    }
}
