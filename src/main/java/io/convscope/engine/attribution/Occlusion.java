package io.convscope.engine.attribution;

import io.convscope.network.AttributionMap;
import io.convscope.network.Shape;

import java.util.Arrays;
import java.util.Map;

/**
 * Occlusion (Zeiler and Fergus, 2014): {@code y(x) - y(x with a window set to fill)} for every window position. The
 * window is square, covers every channel, and starts at 0, stride, 2 stride... as long as it fits in the input, so
 * the map has {@code (H - window) / stride + 1} rows (floor) and as many columns. Forward passes only, the occluded
 * copies in batches; {@link AttributionProgress} hears the windows done after each batch.
 */
final class Occlusion {

    private Occlusion() {}

    static AttributionMap map(
            Attribution attribution,
            float[] image,
            AttributionTarget target,
            int window,
            int stride,
            float fill,
            AttributionProgress progress) {
        Shape in = attribution.description().inputShape();
        if (window > in.height() || window > in.width()) {
            throw new IllegalArgumentException("the occlusion window (" + window + ") is larger than the input ("
                    + in.width() + " x " + in.height() + ")");
        }
        int rows = (in.height() - window) / stride + 1;
        int columns = (in.width() - window) / stride + 1;
        float[] out = new float[rows * columns];
        float y = attribution.value(image, target);
        int chunk = attribution.chunk();
        float[][] batch = new float[Math.min(chunk, out.length)][];
        for (int from = 0; from < out.length; from += batch.length) {
            int count = Math.min(batch.length, out.length - from);
            float[][] part = count == batch.length ? batch : Arrays.copyOf(batch, count);
            for (int n = 0; n < count; n++) {
                int position = from + n;
                part[n] =
                        occluded(image, in, (position / columns) * stride, (position % columns) * stride, window, fill);
            }
            float[] occluded = attribution.values(part, target);
            for (int n = 0; n < count; n++) {
                out[from + n] = y - occluded[n];
            }
            progress.reached(AttributionProgress.Stage.WINDOW, from + count, out.length);
        }
        return attribution.map(
                "occlusion",
                target,
                y,
                new Shape(1, rows, columns),
                out,
                Map.of("window", (double) window, "stride", (double) stride, "fill", (double) fill));
    }

    /** A copy of {@code image} with the window at (top, left) set to {@code fill} in every channel. */
    static float[] occluded(float[] image, Shape in, int top, int left, int window, float fill) {
        float[] copy = image.clone();
        int plane = in.height() * in.width();
        for (int c = 0; c < in.channels(); c++) {
            for (int y = top; y < top + window; y++) {
                Arrays.fill(copy, c * plane + y * in.width() + left, c * plane + y * in.width() + left + window, fill);
            }
        }
        return copy;
    }
}
