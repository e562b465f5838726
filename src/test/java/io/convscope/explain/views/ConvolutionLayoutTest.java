package io.convscope.explain.views;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvolutionLayoutTest {

    @Test
    void tenRowsFitTheDiagramAndTheColumnsDoNotOverlap() {
        ConvolutionLayout l = ConvolutionLayout.of(1068, 500, 10, 3);
        assertEquals(43.4, l.pitch(), 1e-9);
        assertEquals(35, l.mapSide());
        assertEquals(12, l.kernelCell());
        assertEquals(36, l.glyph());
        assertTrue(l.inputX() + l.mapSide() < l.kernelX());
        assertTrue(l.kernelX() + l.glyph() < l.interX());
        assertTrue(l.interX() + l.mapSide() < l.plusX());
        assertTrue(l.plusX() + ConvolutionLayout.PLUS_SIDE < l.outputX());
        assertEquals(1068 - 10, l.outputX() + l.outputSide(), 1e-9, "the output map ends 10 px inside the diagram");
        assertTrue(l.mapY(9) + l.mapSide() <= 500);
    }

    @Test
    void fewRowsGetBigMapsAndCentredRows() {
        ConvolutionLayout l = ConvolutionLayout.of(1068, 500, 3, 3);
        assertEquals(118, l.mapSide(), "capped so three maps do not fill the height");
        assertEquals(22, l.kernelCell());
        assertEquals(l.centreY(), (l.mapY(0) + l.mapY(2) + l.mapSide()) / 2, 1e-9);
    }
}
