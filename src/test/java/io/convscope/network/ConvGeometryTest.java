package io.convscope.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one output-size formula the engine, the playground and the analyzer share. */
class ConvGeometryTest {

    @Test
    void truncateFloorsAndStrictRefusesWhatTheFloorDrops() {
        // Tiny VGG's 3x3 valid convolution on 64: 62; CNN Explainer's issue #59 case (5 + 0 - 2) / 2 drops one row.
        assertEquals(62, ConvGeometry.outputSize(64, 3, 1, 0, 1, ConvGeometry.Mode.TRUNCATE));
        assertEquals(2, ConvGeometry.outputSize(5, 2, 2, 0, 1, ConvGeometry.Mode.TRUNCATE));
        assertEquals(1, ConvGeometry.remainder(5, 2, 2, 0, 1));
        assertThrows(
                IllegalArgumentException.class, () -> ConvGeometry.outputSize(5, 2, 2, 0, 1, ConvGeometry.Mode.STRICT));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConvGeometry.outputSize(2, 3, 1, 0, 1, ConvGeometry.Mode.TRUNCATE));
    }

    @Test
    void dilationWidensTheKernel() {
        assertEquals(5, ConvGeometry.effectiveKernel(3, 2));
        assertEquals(6, ConvGeometry.outputSize(10, 3, 1, 0, 2, ConvGeometry.Mode.TRUNCATE));
    }

    @Test
    void samePaddingPutsTheOddCellLast() {
        // 224 / 2 = 112 outputs of a 3x3 window need 1 padding cell in total: 0 before, 1 after (as DL4J and TF do).
        assertEquals(112, ConvGeometry.outputSize(224, 3, 2, 99, 1, ConvGeometry.Mode.SAME));
        assertEquals(0, ConvGeometry.sameLeadingPadding(224, 3, 2, 1));
        assertEquals(1, ConvGeometry.trailingPadding(224, 112, 3, 2, 1, 0));
        assertEquals(1, ConvGeometry.sameLeadingPadding(13, 3, 1, 1));
        assertEquals(1, ConvGeometry.trailingPadding(13, 13, 3, 1, 1, 1));
    }

    @Test
    void windowsCountsExactlyFloorOrCeilingAndSaysWhenNothingFits() {
        // AlexNet's conv1: (227 - 11) / 4 + 1 = 55; Caffe's pool1 with ceiling: ceil((55 - 3) / 2) + 1 = 27
        assertEquals(55, ConvGeometry.windows(227, 11, 4, 0, 1, false));
        assertEquals(27, ConvGeometry.windows(55, 3, 2, 0, 1, true));
        // GoogLeNet's pool on 112 with a 3x3 window, stride 2: floor gives 55, Caffe's ceiling 56
        assertEquals(55, ConvGeometry.windows(112, 3, 2, 0, 1, false));
        assertEquals(56, ConvGeometry.windows(112, 3, 2, 0, 1, true));
        assertTrue(ConvGeometry.windows(2, 5, 1, 0, 1, false) <= 0, "a window larger than the input: nothing fits");
        // sizes from a hostile file: no int overflow
        assertEquals(3_000_000_000L, ConvGeometry.windows(3_000_000_000L, 1, 1, 0, 1, false));
        assertEquals(
                ConvGeometry.outputSize(30, 3, 2, 1, 2, ConvGeometry.Mode.TRUNCATE),
                ConvGeometry.windows(30, 3, 2, 1, 2, false),
                "the same formula as the engine's");
    }
}
