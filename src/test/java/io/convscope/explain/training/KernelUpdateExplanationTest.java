package io.convscope.explain.training;

import io.convscope.network.KernelStep;
import io.convscope.network.Shape;
import io.convscope.ui.ComplexText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The update written out for one weight, with numbers worked out by hand in the comments. */
class KernelUpdateExplanationTest {

    static KernelStep.StepBatch batch() {
        float[] red = new float[3 * 2 * 2];
        for (int p = 0; p < 4; p++) {
            red[p] = 1; // channel 0 (red) full, green and blue zero
        }
        return new KernelStep.StepBatch(new Shape(3, 2, 2), List.of(red), new int[] {1}, List.of("a", "b"), 0.69315, 1);
    }

    static KernelStep step(float[] before, float[] gradient, float[] after, KernelStep.OptimiserTerms terms) {
        return new KernelStep("conv_1_1", 1, 0, 0, 1, 2, before, gradient, after, 0.1, terms, batch());
    }

    @Test
    void sgdWithMomentumAndDecay() {
        // v = 0.9 * 0.5 + 0.25 + 0.01 * 2 = 0.72; w' = 2 - 0.1 * 0.72 = 1.928
        KernelStep s = step(
                new float[] {2, -1},
                new float[] {0.25f, 0.0003f},
                new float[] {1.928f, -0.99f},
                new KernelStep.Sgd(0.9, 0.01, new float[] {0.5f, 0}, new float[] {0.72f, 0.0003f - 0.01f}));
        var e = new KernelUpdateExplanation(s);
        var lines = e.formula(0, 0);
        assertEquals(
                List.of("gradient", "velocity", "newWeight"),
                lines.stream().map(l -> l.key()).toList());
        assertEquals("g = 0.25", lines.get(0).numbers());
        assertEquals("v = μ·v₀ + g + λ·w", lines.get(1).symbols());
        assertEquals("v = 0.9 × 0.5 + 0.25 + 0.01 × 2 = 0.72", lines.get(1).numbers());
        assertEquals("w′ = 2 − 0.1 × 0.72 = 1.928", lines.get(2).numbers());
        // A weight of -1 is bracketed as a factor; four significant digits keep a tiny gradient readable.
        assertEquals("g = 0.0003", e.formula(0, 1).get(0).numbers());
        assertEquals(
                "v = 0.9 × 0 + 0.0003 + 0.01 × (-1) = -0.0097",
                e.formula(0, 1).get(1).numbers());
        assertArrayEquals(new float[] {2, -1}, e.before()[0]);
        assertEquals(0xFFFF0000, e.thumbnail(0)[3]); // red channel full, green and blue zero
        assertEquals("b", e.labelOf(0));
        assertEquals("0.6932", e.loss());
    }

    @Test
    void adamWritesItsMomentsAndBiasCorrections() {
        // First step (t = 1), g = 0.2: m = 0.02, v = 0.00004; m^ = 0.02 / 0.1 = 0.2, v^ = 0.00004 / 0.001 = 0.04;
        // w' = 1 * (1 - 0.1 * 0.01) - 0.1 * 0.2 / (0.2 + 1e-8) = 0.999 - 0.1 = 0.899
        KernelStep s = step(
                new float[] {1, 0},
                new float[] {0.2f, 0},
                new float[] {0.899f, 0},
                new KernelStep.Adam(
                        0.9,
                        0.999,
                        1e-8,
                        0.01,
                        1,
                        0.1,
                        0.001,
                        new float[] {0, 0},
                        new float[] {0.02f, 0},
                        new float[] {0, 0},
                        new float[] {0.00004f, 0}));
        var lines = new KernelUpdateExplanation(s).formula(0, 0);
        assertEquals(
                List.of("gradient", "m", "v", "mHat", "vHat", "newWeight"),
                lines.stream().map(l -> l.key()).toList());
        assertEquals("m = 0.9 × 0 + 0.1 × 0.2 = 0.02", lines.get(1).numbers());
        assertEquals("v = 0.999 × 0 + 0.001 × 0.2² = 4e-5", lines.get(2).numbers());
        assertEquals("mˆ = 0.02 / (1 − 0.9^1) = 0.02 / 0.1 = 0.2", lines.get(3).numbers());
        assertEquals(
                "vˆ = 4e-5 / (1 − 0.999^1) = 4e-5 / 0.001 = 0.04", lines.get(4).numbers());
        assertEquals("w′ = w·(1 − η·λ) − η·mˆ / (√vˆ + ε)", lines.get(5).symbols());
        assertEquals(
                "w′ = 1 × (1 − 0.1 × 0.01) − 0.1 × 0.2 / (√0.04 + 1e-8) = 0.899",
                lines.get(5).numbers());
        for (var line : lines) {
            assertNull(ComplexText.firstIn(line.symbols() + line.numbers()), "laid out without Pango");
        }
    }

    @Test
    void roundingThatShowsIsWrittenApproximately() {
        // 0.33333 * 3 prints as 0.3333 * 3 = 0.9999, but the recorded result is 1: the line says ≈.
        KernelStep s = step(
                new float[] {1, 0},
                new float[] {1 / 3f, 0},
                new float[] {0.9f, 0},
                new KernelStep.Sgd(0, 0, new float[] {0, 0}, new float[] {1 / 3f, 0}));
        var lines = new KernelUpdateExplanation(s).formula(0, 0);
        assertEquals("v = 0.3333 = 0.3333", lines.get(1).numbers());
        // 1 - 0.1 * 0.3333 = 0.96667 prints 0.9667; the recorded 0.9 does not: ≈ (a made-up record, to see the sign)
        assertEquals("w′ = 1 − 0.1 × 0.3333 ≈ 0.9", lines.get(2).numbers());
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertEquals("0.2", StepNumbers.format(0.2f));
        assertEquals("0.0001235", StepNumbers.format(0.00012346));
        assertEquals("-3.2e-6", StepNumbers.format(-3.2e-6));
        assertEquals("1e-8", StepNumbers.format(1e-8f));
        assertEquals("12350", StepNumbers.format(12345.6));
        assertEquals("0", StepNumbers.format(-0.0));
    }
}
