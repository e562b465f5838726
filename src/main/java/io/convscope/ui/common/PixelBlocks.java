package io.convscope.ui.common;

/**
 * Enlarges a small raster to its display size by hand, one solid block of pixels per value. JavaFX's software
 * renderer ignores {@code ImageView.setSmooth(false)} and blends neighbouring values when it scales an image, so the
 * heatmaps are scaled here and shown one image pixel per screen pixel. When the display size is not a multiple of
 * the raster's, blocks differ by one pixel; each one is still a single colour.
 */
final class PixelBlocks {

    private PixelBlocks() {}

    /**
     * For every pixel along an axis of {@code out} display pixels, the raster cell of {@code n} it shows: the cell
     * under the pixel's centre, so blocks are ⌊out / n⌋ or ⌈out / n⌉ wide (and a smaller display still samples evenly).
     */
    static int[] cells(int n, int out) {
        int[] cell = new int[out];
        for (int p = 0; p < out; p++) {
            cell[p] = (int) Math.min(n - 1, ((2L * p + 1) * n) / (2L * out));
        }
        return cell;
    }

    /** {@code argb} (w x h, row-major) enlarged into {@code into} (outW x outH, row-major). */
    static void enlarge(int[] argb, int w, int h, int[] into, int outW, int outH) {
        int[] column = cells(w, outW);
        int[] row = cells(h, outH);
        for (int y = 0; y < outH; y++) {
            int at = y * outW;
            if (y > 0 && row[y] == row[y - 1]) {
                System.arraycopy(into, at - outW, into, at, outW); // the same cells as the row above
                continue;
            }
            int source = row[y] * w;
            for (int x = 0; x < outW; x++) {
                into[at + x] = argb[source + column[x]];
            }
        }
    }
}
