package io.convscope.explain.training;

import io.convscope.engine.DesignedNetworks;
import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.network.CostAnalysis;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Train workspace's live figures are the analyzer's for the network the engine builds, the simple form says
 * Tiny VGG back and forth, a design that shrinks to nothing names its block, and the loss curve stays bounded.
 */
class DesignSummaryTest {

    @Test
    void figuresEqualTheAnalyzersOnTheBuiltNetwork() throws Exception {
        DesignDraft own = new DesignDraft(
                48,
                List.of(new DesignDraft.Stage(1, 8, 5, true), new DesignDraft.Stage(2, 12, 3, false)),
                true,
                true,
                List.of(20),
                0.3);
        for (DesignDraft draft : List.of(DesignDraft.tinyVgg(), own)) {
            ArchitectureDesign design = draft.design().withClasses(4);
            DesignSummary summary = DesignSummary.of(design);
            assertTrue(summary.works(), summary.problem());
            MultiLayerNetwork net = DesignedNetworks.build(design, 1);
            CostAnalysis engine =
                    CostAnalysis.of(Dl4jCompiler.compile(net, design.inputShape(), List.of("a", "b", "c", "d"), "m")
                            .description());
            assertEquals(net.numParams(), summary.parameters());
            assertEquals(engine.totalParameters(), summary.parameters());
            assertEquals(engine.totalMultiplyAdds(), summary.multiplyAdds());
            assertEquals(design.activationValues(), summary.activationValues());
        }
        DesignSummary tiny = DesignSummary.of(DesignDraft.tinyVgg().design().withClasses(10));
        assertEquals(19_920, tiny.parameters()); // the bundled model's count
        assertEquals("conv_1_1", tiny.rows().get(1).name());
        assertEquals(62, tiny.rows().get(1).output().height());
        assertEquals(1690, tiny.rows().get(tiny.rows().size() - 2).output().size()); // flatten before the output
    }

    @Test
    void theSimpleFormSaysTinyVggBothWays() {
        ArchitectureDesign tiny = DesignDraft.tinyVgg().design();
        assertEquals(ArchitectureDesign.tinyVgg(null).blocks(), tiny.blocks());
        assertEquals("Tiny VGG", tiny.name());
        assertEquals(DesignDraft.tinyVgg(), DesignDraft.of(ArchitectureDesign.tinyVgg(null)));
        DesignDraft own = DesignDraft.tinyVgg()
                .withBatchNorm(true)
                .withDenseUnits(List.of(64))
                .withDropout(0.5);
        assertEquals(own, DesignDraft.of(own.design()));
        assertEquals(DesignDraft.OWN_NAME, own.design().name());
        ArchitectureDesign strided = new ArchitectureDesign(
                "s", 64, 3, null, List.of(new Block.Conv(8, 3, 2, Block.Padding.VALID, "relu", false)));
        assertNull(DesignDraft.of(strided));
    }

    @Test
    void aDesignThatShrinksToNothingNamesItsBlock() {
        DesignDraft deep = DesignDraft.tinyVgg()
                .withInputSize(32)
                .withStages(List.of(
                        new DesignDraft.Stage(2, 10, 3, true),
                        new DesignDraft.Stage(2, 10, 3, true),
                        new DesignDraft.Stage(2, 10, 3, true)));
        DesignSummary s = DesignSummary.of(deep.design().withClasses(2));
        assertFalse(s.works());
        // 32 -> 30 -> 28 -> 14 -> 12 -> 10 -> 5 -> 3 -> 1: the 9th block's 2 x 2 pooling no longer fits 1 x 1 maps
        assertEquals(9, s.shrunkBlock());
        assertEquals(1, s.mapsLeft());
        assertTrue(s.problem().contains("block 9"), s.problem());
    }

    @Test
    void aLongCurveStaysBounded() {
        CurvePoints c = new CurvePoints(100);
        for (int i = 0; i < 10_000; i++) {
            c.add(i, 1);
        }
        assertTrue(c.size() <= 100);
        assertTrue(c.merges() > 0);
        assertEquals(1.0, c.last().y());
    }
}
