package io.convscope.explain;

import io.convscope.explain.views.FormulaStep;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Printed sums add up as printed: the decimals are chosen for it, or the relation is "≈" (issue 12, item 9). */
public class ShownSumTest {

    @Test
    void flattenSumIsPrintedSoItsTermsAddUpToTheLogit() {
        // The flatten view wrote "5.95 + (-0.11) = 5.8421": 5.95 - 0.11 is 5.84, not 5.8421.
        ShownSum s = ShownSum.of(5.8421, 2, 4, 5.9521, -0.1100);
        assertEquals("5.95 + (-0.11) = 5.84", s.text());
        assertAddsUp(s);
    }

    @Test
    void moreDecimalsWhereTwoDoNotAddUp() {
        // 0.13 + 0.13 = 0.26, not 0.25: three decimals add up.
        assertEquals(
                "0.125 + 0.125 = 0.250", ShownSum.of(0.25, 2, 4, 0.125, 0.125).text());
        assertAddsUp(ShownSum.of(1.0049, 2, 4, 0.5021, 0.5028));
    }

    @Test
    void approximatelyWhenNoDecimalsAddUp() {
        ShownSum thirds = ShownSum.of(1.0, 2, 4, 1 / 3.0, 1 / 3.0, 1 / 3.0);
        assertEquals("0.3333 + 0.3333 + 0.3333 ≈ 1.0000", thirds.text());
        assertEquals(ShownSum.APPROXIMATELY, thirds.relation());
    }

    @Test
    void productsThatDoNotReproduceTheSumAreApproximate() {
        // The case: 2-decimal terms that multiply out to 0.0019 were shown "= 0.01" (the exact sum is 0.0064).
        FormulaStep step = new FormulaStep(
                0, new GridPosition(0, 0), new GridPosition(0, 0), new float[][] {{0.19f, 0.004f}}, new float[][] {
                    {0.0149f, 0.9f}
                });
        assertEquals("0.19 × 0.01 + 0.00 × 0.90 ≈ 0.01", step.arithmetic());
        assertEquals(ShownSum.APPROXIMATELY, step.relation());

        FormulaStep exact = new FormulaStep(
                0, new GridPosition(0, 0), new GridPosition(0, 0), new float[][] {{0.5f, -0.25f}}, new float[][] {
                    {1f, 0.2f}
                });
        assertEquals("0.50 × 1.00 + -0.25 × 0.20 = 0.45", exact.arithmetic());
    }

    @Test
    void negativeZeroAndNonFiniteValuesPrintAsBefore() {
        assertEquals("0.00", Formulas.twoDecimals(-0.001));
        assertEquals("1.01", Formulas.twoDecimals(1.005));
        assertEquals("Infinity", Formulas.twoDecimals(Double.POSITIVE_INFINITY));
    }

    /** The printed terms, added exactly, are the printed total. */
    public static void assertAddsUp(ShownSum s) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String t : s.terms()) {
            sum = sum.add(new BigDecimal(t));
        }
        assertEquals(ShownSum.EQUALS, s.relation(), s.text());
        assertEquals(0, sum.compareTo(new BigDecimal(s.total())), s.text());
    }
}
