package io.convscope.explain.attribution;

import io.convscope.network.CamInputs;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Grad-CAM worked out by hand on the article's example, two 2 x 2 maps: A_0 = [1 2; 3 4] with gradient 0.5 everywhere, A_1 = [4 0; 0 4]
 * with gradient -1 everywhere, so alpha = (0.5, -1), S = 0.5 A_0 - A_1 = [-3.5 1; 1.5 -2], ReLU(S) = [0 1; 1.5 0],
 * upsampled to 4 x 4 with source rows (clamped) 0, 0.25, 0.75, 1.
 */
class GradCamWalkthroughTest {

    static GradCamWalkthrough handWorked() {
        return GradCamWalkthroughExample.twoMaps();
    }

    @Test
    void everyStepEqualsTheHandWorkedValues() {
        GradCamWalkthrough w = handWorked();
        assertEquals(4, w.cells());
        assertEquals(2.0, w.gradientSum(0));
        assertEquals(-4.0, w.gradientSum(1));
        assertArrayEquals(new float[] {0.5f, -1f}, w.alphas());
        assertArrayEquals(new int[] {1, 0}, w.order(), "ranked by |alpha|");
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, w.weighted(0));
        assertArrayEquals(new float[] {-4f, -0f, -0f, -4f}, w.weighted(1));
        assertArrayEquals(new float[] {-3.5f, 1f, 1.5f, -2f}, w.sumMap());
        assertArrayEquals(new float[] {0f, 1f, 1.5f, 0f}, w.map());
        float[] up = w.upsampled();
        assertEquals(0f, up[0]); // (0, 0) reads M[0,0] alone
        assertEquals(0.25f, up[1]); // (0, 1): 0.75 M[0,0] + 0.25 M[0,1]
        assertEquals(1f, up[3]); // (0, 3): M[0,1], clamped
        assertEquals(0.46875f, up[5]); // (1, 1): 0.75 (0.75·0 + 0.25·1) + 0.25 (0.75·1.5 + 0.25·0)
        assertEquals(1.5f, up[12]); // (3, 0): M[1,0]
        GradCamWalkthroughUpsample u = w.upsample(1, 1);
        assertEquals(0.25, u.sy());
        assertEquals(0.25, u.fx());
        assertArrayEquals(new double[] {0.5625, 0.1875, 0.1875, 0.0625}, u.weights(), 1e-12);
    }

    @Test
    void theRestSumsTheChannelsNotDrawnAndTheirShare() {
        GradCamWalkthroughRest rest = handWorked().rest(1);
        assertEquals(1, rest.channels());
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, rest.map(), "channel 0, ranked second");
        assertEquals(5.0 / 13, rest.share(), 1e-12); // |0.5 A_0| adds to 5, |A_1| to 8
        assertEquals(0, handWorked().rest(2).channels());
        assertEquals(0, handWorked().rest(2).share());
    }

    @Test
    void formulasWriteTheRealValues() {
        GradCamWalkthroughFormulas f = new GradCamWalkthroughFormulas(handWorked());
        assertEquals("α₀ = (1/4) · Σ ∂y/∂A₀ = (1/4) · (0.500 + 0.500 + 0.500 + 0.500) = (1/4) · 2 = 0.500", f.alpha(0));
        assertEquals(
                "α₁ = (1/4) · Σ ∂y/∂A₁ = (1/4) · ((-1.00) + (-1.00) + (-1.00) + (-1.00)) = (1/4) · (-4) = -1.00",
                f.alpha(1));
        assertEquals("S[0,0] = Σₖ αₖ·Aₖ[0,0] = α₀A₀ + α₁A₁ = 0.50 + (-4.00) = -3.50", f.sum(0, "Σ(%d)"));
        // A_1 is 0 at (0, 1): its zero term is among the others, written with the reader's words.
        assertEquals("S[0,1] = Σₖ αₖ·Aₖ[0,1] = α₀A₀ + Σ(1 other) = 1.00 + 0.00 = 1.00", f.sum(1, "Σ(%d other)"));
        assertEquals("ReLU(S[0,0]) = max(0, -3.50) = 0", f.relu(0));
        assertEquals("ReLU(S[1,0]) = max(0, 1.50) = 1.50", f.relu(2));
        assertEquals("α₁ · A₁[1,1] = -1.00 × 4.00 = -4.00", f.weighted(1, 3));
        assertEquals("∂y/∂A₀[0,1] = 0.500", f.gradient(0, 1));
        assertEquals(
                "(1, 1) → (0.250, 0.250): 0.5625·M[0,0] + 0.1875·M[0,1] + 0.1875·M[1,0] + 0.0625·M[1,1]"
                        + " = 0.5625 × 0 + 0.1875 × 1.00 + 0.1875 × 1.50 + 0.0625 × 0 = 0.469",
                f.upsample(1, 1));
        assertEquals("(0, 0) → (0.000, 0.000): 1.0000·M[0,0] = 1.0000 × 0 = 0", f.upsample(0, 0));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("0.00183", GradCamWalkthroughFormulas.number(0.0018263));
        assertEquals("12.35", GradCamWalkthroughFormulas.number(12.345));
        assertEquals("-0.350", GradCamWalkthroughFormulas.number(-0.35));
        assertEquals("0", GradCamWalkthroughFormulas.number(0));
        assertEquals("α₁₂", "α" + GradCamWalkthroughFormulas.sub(12));
    }

    @Test
    void aWrongSizedImageIsRefused() {
        CamInputs in = handWorked().inputs();
        assertThrows(IllegalArgumentException.class, () -> GradCamWalkthrough.of(in, new float[3], new Shape(1, 4, 4)));
    }
}
