package io.convscope.explain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecimalsTest {

    @Test
    void roundsToTheGivenDecimalsWithoutASignOnZero() {
        assertEquals("1.24", Decimals.fixed(1.2351, 2));
        assertEquals("-0.0500", Decimals.fixed(-0.05, 4));
        assertEquals("0.00", Decimals.fixed(-0.001, 2));
        assertEquals("0", Decimals.fixed(-0.2, 0));
    }

    @Test
    void kernelReadsRowByRowWithSemicolonsBetweenRows() {
        assertEquals("[0.10, -0.20; 0.00, 1.00]", Decimals.kernel(new float[][] {{0.1f, -0.2f}, {-0.001f, 1f}}));
        assertEquals("[0.50]", Decimals.kernel(new float[][] {{0.5f}}));
    }
}
