package io.convscope.explain.training;

import io.convscope.network.LayerWeights;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kernel images are stretched per kernel, channel by channel into red, green and blue; accuracy counts the diagonal. */
class KernelImagesTest {

    @Test
    void eachKernelIsStretchedFromItsOwnSmallestToItsLargestWeight() {
        // Two 1 x 2 kernels over 3 channels, [out][in][kh][kw]. Kernel 0 spans -1..1, kernel 1 spans 0..0.02.
        float[] w = {
            -1,
            1,
            0,
            0,
            0,
            1, // kernel 0: red (-1, 1), green (0, 0), blue (0, 1)
            0,
            0.02f,
            0.01f,
            0,
            0,
            0 // kernel 1: red (0, 0.02), green (0.01, 0), blue (0, 0)
        };
        KernelImages images = new KernelImages(new LayerWeights(2, 3, 1, 2, w, new float[2]));
        assertEquals(2, images.count());
        assertArrayEquals(new int[] {0xFF008080, 0xFFFF80FF}, images.argb(0));
        assertArrayEquals(new int[] {0xFF008000, 0xFFFF0000}, images.argb(1));
    }

    @Test
    void aFlatKernelIsBlackNotANumberError() {
        KernelImages images =
                new KernelImages(new LayerWeights(1, 3, 1, 1, new float[] {0.5f, 0.5f, 0.5f}, new float[1]));
        assertArrayEquals(new int[] {0xFF000000}, images.argb(0));
    }

    @Test
    void confusionAccuracyCountsTheDiagonal() {
        ConfusionAtEpoch c = new ConfusionAtEpoch(3, List.of("a", "b"), new int[][] {{3, 1}, {2, 4}});
        assertEquals(10, c.total());
        assertEquals(7, c.correct());
        assertEquals(0.7, c.accuracy(), 1e-12);
        assertEquals(0.25, c.report().rowShare(0, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ConfusionAtEpoch(1, List.of("a"), new int[][] {{1, 2}}));
    }
}
