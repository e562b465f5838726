package io.convscope.explain.article;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaygroundFormulaTest {

    @Test
    void anEvenDivisionIsWrittenAsAWholeNumber() {
        String latex = PlaygroundFormula.latex(HyperparameterPlayground.DEFAULT);
        assertEquals(
                "\\left\\lfloor \\frac{5 + 2 \\cdot 0 - 2}{1} \\right\\rfloor + 1 = \\left\\lfloor 3 \\right\\rfloor"
                        + " + 1 = 4",
                latex);
    }

    @Test
    void aFractionIsWrittenWithUpToThreeDecimalsBeforeTheFloor() {
        assertTrue(PlaygroundFormula.latex(new HyperparameterPlayground(4, 1, 3, 2))
                .endsWith("\\left\\lfloor 1.5 \\right\\rfloor + 1 = 2"));
        assertTrue(PlaygroundFormula.latex(new HyperparameterPlayground(7, 0, 2, 3))
                .endsWith("\\left\\lfloor 1.667 \\right\\rfloor + 1 = 2"));
    }

    @Test
    void gapRowsCountOnlyTheRowsBetweenWindows() {
        // Kernel 2, stride 3 over 7: windows at 0 and 3; row 2 lies between them, rows 5 and 6 are the remainder.
        assertEquals(1, PlaygroundFormula.gapRows(new HyperparameterPlayground(7, 0, 2, 3)));
        assertEquals(0, PlaygroundFormula.gapRows(new HyperparameterPlayground(4, 1, 3, 2)));
    }
}
