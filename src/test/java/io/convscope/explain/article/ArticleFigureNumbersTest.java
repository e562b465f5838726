package io.convscope.explain.article;

import io.convscope.explain.views.PoolingPatch;
import io.convscope.network.LayerActivation;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The numbers behind the Learn article's ReLU and max-pooling figures. */
class ArticleFigureNumbersTest {

    @Test
    void poolingPatchIsWhereTheStrongestPatchStartsAndItsWindowMaximaAreExact() {
        // Two 4 x 8 channels; channel 1's second patch starts with the largest value (9).
        float[] values = new float[2 * 4 * 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7) * 0.5f - 1;
        }
        int at = (1 * 4 + 0) * 8 + 4;
        values[at] = 9;
        values[at + 8 + 1] = -10;
        PoolingPatch p = PoolingPatch.strongest(new LayerActivation(new Shape(2, 4, 8), values), 4);
        assertEquals(1, p.channel());
        assertEquals(0, p.y());
        assertEquals(4, p.x());
        assertEquals(9, p.values()[0][0]);
        assertEquals(20, p.range(), "twice the largest magnitude, the -10");
        float[][] maxima = p.maxima(2);
        assertEquals(2, maxima.length);
        assertEquals(9, maxima[0][0]);
        for (int oy = 0; oy < 2; oy++) {
            for (int ox = 0; ox < 2; ox++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        m = Math.max(m, p.values()[oy * 2 + y][ox * 2 + x]);
                    }
                }
                assertEquals(m, maxima[oy][ox]);
            }
        }
    }

    @Test
    void reluHistogramKeepsZeroOnTheAxisAndCountsEveryValue() {
        LayerActivation a = new LayerActivation(new Shape(1, 1, 4), new float[] {0.1f, 0.2f, 0.3f, 2f});
        ReluHistogram h = ReluHistogram.of(a, 4);
        assertEquals(-0.5, h.lo());
        assertEquals(2, h.hi(), 1e-6);
        // Bins of 0.625 from -0.5: 0.1 in bin 0 (below 0.125), 0.2 and 0.3 in bin 1, 2.0 (the top) in the last.
        assertArrayEquals(new int[] {1, 2, 0, 1}, h.bins());
        assertEquals(2, h.most());
    }
}
