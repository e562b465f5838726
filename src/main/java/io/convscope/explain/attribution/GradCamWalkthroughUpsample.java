package io.convscope.explain.attribution;

/**
 * How one input pixel of the upsampled Grad-CAM map is interpolated (bilinear, pixel centres aligned): the source
 * point {@code (sy, sx)} in map cells, the four cells around it and their weights, and the value, computed in the
 * engine's order so it equals the engine's upsampled map.
 *
 * @param sy      the source row, {@code (y + 0.5) * H / outH - 0.5} clamped to {@code [0, H - 1]}
 * @param sx      the source column, likewise
 * @param rows    the two source rows {@code y0, y1} ({@code y1 = min(H - 1, y0 + 1)})
 * @param columns the two source columns {@code x0, x1}
 * @param fy      {@code sy - y0}, the weight of row y1
 * @param fx      {@code sx - x0}, the weight of column x1
 * @param values  the map at (y0, x0), (y0, x1), (y1, x0), (y1, x1)
 * @param value   the pixel's value
 */
public record GradCamWalkthroughUpsample(
        double sy, double sx, int[] rows, int[] columns, double fy, double fx, float[] values, float value) {

    /** The weights of the four cells, in the order of {@link #values()}: {@code (1-fy)(1-fx)}, ... */
    public double[] weights() {
        return new double[] {(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx};
    }
}
