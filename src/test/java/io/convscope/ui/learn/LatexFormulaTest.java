package io.convscope.ui.learn;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatexFormulaTest {

    @Test
    void typesetsInkOfTheAskedColourAndCaches() {
        Image image = LatexFormula.image("\\mathrm{ReLU}(x) = \\max(0, x)", 16, Color.rgb(200, 0, 0));
        assertTrue(image.getWidth() > 100 && image.getHeight() > 10, image.getWidth() + "x" + image.getHeight());
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getPixelReader().getArgb(x, y);
                if ((argb >>> 24) > 200) {
                    inked++;
                    assertTrue(((argb >> 16) & 0xff) > 150 && ((argb >> 8) & 0xff) < 60, Integer.toHexString(argb));
                }
            }
        }
        assertTrue(inked > 100, "glyphs drawn: " + inked);
        assertSame(image, LatexFormula.image("\\mathrm{ReLU}(x) = \\max(0, x)", 16, Color.rgb(200, 0, 0)));
    }

    @Test
    void theCacheIsBoundedByBytesNotByCount() {
        // Large, distinct formulas: far more pixels than the budget holds, and fewer of them than a count bound of 128.
        long drawn = 0;
        for (int i = 0; i < 40; i++) {
            Image big = LatexFormula.image("\\sum_{k=0}^{" + i + "} x_k^2 = y", 120, Color.BLACK);
            drawn += 4L * (long) big.getWidth() * (long) big.getHeight();
            assertTrue(
                    LatexFormula.cachedBytes() <= LatexFormula.CACHE_BYTES, "bytes kept " + LatexFormula.cachedBytes());
        }
        assertTrue(drawn > 2 * LatexFormula.CACHE_BYTES, "the formulas outweigh the budget: " + drawn);
    }

    @Test
    void badLatexIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> LatexFormula.image("\\notacommand{x}", 16, Color.BLACK));
    }
}
