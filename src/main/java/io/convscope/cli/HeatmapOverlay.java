package io.convscope.cli;

import io.convscope.engine.attribution.Heatmaps;
import io.convscope.network.AttributionMap;

import java.awt.image.BufferedImage;

/**
 * The PNG of {@code attribute --out}: the input the network sees, in grey, enlarged (nearest neighbour) to at least
 * 256 pixels a side, with the map over it, at most 70 % opaque. The map is brought to the input's size first: input methods
 * as max |.| over channels, the CAMs and occlusion's grid stretched bilinearly. A map with no negative value goes
 * from transparent to red by its maximum; a signed one (occlusion, where hiding helps) red for positive, blue for
 * negative, by its largest magnitude.
 */
final class HeatmapOverlay {

    private static final int MIN_SIDE = 256;
    private static final double OPACITY = 0.7;
    /** Rec. 601 luma: the photo is drawn in grey so the tint reads on any colour (a red cup under a red map). */
    private static final double[] LUMA = {0.299, 0.587, 0.114};

    private HeatmapOverlay() {}

    static BufferedImage draw(float[] rgb, int height, int width, AttributionMap map) {
        float[] pixels = Heatmaps.atInputSize(map, height, width);
        float scale = 0;
        for (float v : pixels) {
            scale = Math.max(scale, Math.abs(v));
        }
        int zoom = Math.max(1, (MIN_SIDE + Math.max(height, width) - 1) / Math.max(height, width));
        BufferedImage out = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double strength = scale == 0 ? 0 : OPACITY * Math.abs(pixels[i]) / scale;
                int[] tint = pixels[i] >= 0 ? new int[] {255, 40, 0} : new int[] {0, 90, 255};
                double grey = 0;
                for (int c = 0; c < 3; c++) {
                    grey += LUMA[c] * 255 * Math.min(1, Math.max(0, rgb[c * plane + i]));
                }
                int colour = 0;
                for (int c = 0; c < 3; c++) {
                    colour = (colour << 8) | (int) Math.round(grey * (1 - strength) + tint[c] * strength);
                }
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        out.setRGB(x * zoom + dx, y * zoom + dy, colour);
                    }
                }
            }
        }
        return out;
    }
}
