package io.convscope.explain.article;

import io.convscope.explain.GridPosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperparameterPlaygroundTest {

    @Test
    void cnnExplainersDefaultDividesEvenly() {
        HyperparameterPlayground p = HyperparameterPlayground.DEFAULT;
        assertEquals(5, p.input());
        assertEquals(4, p.outputSize()); // (5 + 0 - 2) / 1 + 1
        assertEquals(HyperparameterPlayground.Coverage.FULL, p.coverage());
        assertEquals(List.of(), p.uncovered());
    }

    @Test
    void theCaseCnnExplainerRefusesIsRoundedDown() {
        // Its issue #59: input 4, padding 1, kernel 3, stride 2 -> (4 + 2 - 3) / 2 = 1.5
        HyperparameterPlayground p = new HyperparameterPlayground(4, 1, 3, 2);
        assertEquals(2, p.outputSize());
        assertEquals(1, p.remainder());
        assertEquals(List.of(5), p.uncovered(), "the last padded row and column are never under the kernel");
        assertEquals(HyperparameterPlayground.Coverage.REMAINDER, p.coverage());
        assertEquals(new GridPosition(2, 2), p.window(3));
        assertTrue(p.isPadding(0) && p.isPadding(5) && !p.isPadding(1) && !p.isPadding(4));
    }

    @Test
    void aStrideLargerThanTheKernelLeavesGaps() {
        HyperparameterPlayground p = new HyperparameterPlayground(7, 0, 2, 3);
        assertEquals(2, p.outputSize()); // floor(5 / 3) + 1
        assertEquals(List.of(2, 5, 6), p.uncovered());
        assertEquals(HyperparameterPlayground.Coverage.GAPS_AND_REMAINDER, p.coverage());
        HyperparameterPlayground gapsOnly = new HyperparameterPlayground(7, 0, 1, 3);
        assertEquals(3, gapsOnly.outputSize());
        assertEquals(List.of(1, 2, 4, 5), gapsOnly.uncovered());
        assertEquals(HyperparameterPlayground.Coverage.GAPS, gapsOnly.coverage());
    }

    @Test
    void everyLegalSettingIsConsistent() {
        int settings = 0;
        for (int n = 1; n <= HyperparameterPlayground.MAX_INPUT; n++) {
            for (int k = 1; k <= n + 2 * 6; k++) {
                for (int p = 0; p <= k - 1; p++) {
                    if (k > n + 2 * p || n < Math.max(1, k - 2 * p)) {
                        continue;
                    }
                    for (int s = 1; s <= Math.max(n + 2 * p - k + 1, 2); s++) {
                        HyperparameterPlayground g = new HyperparameterPlayground(n, p, k, s);
                        settings++;
                        assertTrue(g.outputSize() >= 1);
                        assertEquals(Math.floorDiv(n + 2 * p - k, s) + 1, g.outputSize());
                        TreeSet<Integer> union = new TreeSet<>();
                        for (int step = 0; step < g.steps(); step++) {
                            GridPosition w = g.window(step);
                            assertTrue(
                                    w.y() >= 0
                                            && w.x() >= 0
                                            && w.y() + k <= g.paddedSize()
                                            && w.x() + k <= g.paddedSize(),
                                    "window inside the padded input: " + g + " step " + step);
                            for (int i = 0; i < k; i++) {
                                union.add(w.y() + i);
                            }
                            assertEquals(
                                    step,
                                    g.stepOf(
                                            g.position(step).y(),
                                            g.position(step).x()));
                        }
                        List<Integer> expectedUncovered = new ArrayList<>();
                        for (int i = 0; i < g.paddedSize(); i++) {
                            if (!union.contains(i)) {
                                expectedUncovered.add(i);
                            }
                        }
                        assertEquals(expectedUncovered, g.uncovered(), g.toString());
                        assertEquals(g.remainder() != 0, g.uncovered().contains(g.paddedSize() - 1), g.toString());
                        for (int i = 0; i < g.paddedSize(); i++) {
                            if (g.isCovered(i)) {
                                GridPosition w = g.window(g.stepCovering(i, i));
                                assertTrue(
                                        i >= w.y() && i < w.y() + k, "hovering a covered cell shows a window over it");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(settings > 300, "settings checked: " + settings);
    }

    @Test
    void changesClampAndKeepTheOthersLegal() {
        HyperparameterPlayground p = new HyperparameterPlayground(7, 2, 3, 1);
        HyperparameterPlayground smaller = p.withInput(1);
        assertEquals(1, smaller.input());
        assertTrue(smaller.kernel() <= 1 + 2 * smaller.padding());
        HyperparameterPlayground bigKernel = HyperparameterPlayground.DEFAULT.withKernel(99);
        assertEquals(5, bigKernel.kernel(), "kernel at most input + 2 padding");
        assertEquals(1, bigKernel.outputSize());
        assertEquals(2, bigKernel.strideMax(), "stride may still go to 2");
        assertEquals(
                4,
                HyperparameterPlayground.DEFAULT
                        .withPadding(9)
                        .withKernel(5)
                        .withPadding(9)
                        .padding());
        assertEquals(
                HyperparameterPlayground.MAX_INPUT,
                HyperparameterPlayground.DEFAULT.withInput(50).input());
        HyperparameterPlayground wide = new HyperparameterPlayground(7, 0, 1, 7);
        assertEquals(2, wide.withKernel(6).stride(), "a bigger kernel pulls the stride back into range");
        assertThrows(IllegalArgumentException.class, () -> new HyperparameterPlayground(3, 0, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new HyperparameterPlayground(5, 2, 2, 1));
    }
}
