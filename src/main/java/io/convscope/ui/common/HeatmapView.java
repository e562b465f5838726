package io.convscope.ui.common;

import io.convscope.network.LayerActivation;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.util.function.DoubleToIntFunction;

/**
 * A small raster (a neuron's activation map, the network's input) drawn large with every value a crisp square (CNN
 * Explainer blurs them). The enlarged pixels are drawn here ({@link PixelBlocks}) into an image as big as the view
 * on screen, shown unscaled at whole-pixel positions: renderers that ignore {@code setSmooth(false)} have nothing to
 * smooth.
 */
public final class HeatmapView extends ImageView {

    private int[] argb = new int[0];
    private int cellsWide;
    private int cellsHigh;
    private double width = 1;
    private double height = 1;
    private WritableImage image;
    private int[] pixels = new int[0];
    private LayerActivation shownActivation;
    private int shownChannel = -1;

    public HeatmapView() {
        setSmooth(false);
        setPreserveRatio(false);
        // A change of the screen's scale (a window moved to a HiDPI monitor) needs more or fewer pixels per block.
        sceneProperty().addListener((o, was, now) -> redraw());
    }

    /** Colours channel {@code channel} of {@code activation} with {@code coloring} (value to ARGB). */
    public void show(LayerActivation activation, int channel, DoubleToIntFunction coloring) {
        int w = activation.shape().width();
        int h = activation.shape().height();
        int[] values = argb.length == w * h ? argb : new int[w * h];
        int base = channel * w * h;
        for (int i = 0; i < w * h; i++) {
            values[i] = coloring.applyAsInt(activation.value(base + i));
        }
        showPixels(values, w, h);
        shownActivation = activation;
        shownChannel = channel;
    }

    /** Shows a raster of {@code w} x {@code h} ARGB values (row-major); the view keeps the array. */
    public void showPixels(int[] values, int w, int h) {
        argb = values;
        cellsWide = w;
        cellsHigh = h;
        shownActivation = null;
        shownChannel = -1;
        redraw();
    }

    public void size(double side) {
        size(side, side);
    }

    /** Display size, rounded to whole screen pixels so the image is never scaled. */
    public void size(double w, double h) {
        double scale = renderScale();
        double newWidth = Math.max(1, Math.round(w * scale)) / scale;
        double newHeight = Math.max(1, Math.round(h * scale)) / scale;
        if (newWidth == width && newHeight == height && image != null) {
            return; // every layout pass sizes the views; drawing again would repaint them for nothing
        }
        width = newWidth;
        height = newHeight;
        setFitWidth(width);
        setFitHeight(height);
        redraw();
    }

    /** Placed on whole pixels: an image drawn between pixels would be resampled, and blur, after all. */
    @Override
    public void relocate(double x, double y) {
        double scale = renderScale();
        super.relocate(Math.round(x * scale) / scale, Math.round(y * scale) / scale);
    }

    private double renderScale() {
        return getScene() == null || getScene().getWindow() == null
                ? 1
                : getScene().getWindow().getRenderScaleX();
    }

    private void redraw() {
        if (cellsWide == 0) {
            return;
        }
        double scale = renderScale();
        int outW = (int) Math.max(1, Math.round(width * scale));
        int outH = (int) Math.max(1, Math.round(height * scale));
        if (image == null || (int) image.getWidth() != outW || (int) image.getHeight() != outH) {
            image = new WritableImage(outW, outH);
            pixels = new int[outW * outH];
            setImage(image);
        }
        PixelBlocks.enlarge(argb, cellsWide, cellsHigh, pixels, outW, outH);
        image.getPixelWriter().setPixels(0, 0, outW, outH, PixelFormat.getIntArgbInstance(), pixels, 0, outW);
    }

    /** The map cell under a point in this view's coordinates, as {y, x}, or null outside. */
    public int[] cellAt(double localX, double localY) {
        if (shownActivation == null
                || localX < 0
                || localY < 0
                || localX >= getFitWidth()
                || localY >= getFitHeight()) {
            return null;
        }
        int x = (int) (localX / getFitWidth() * shownActivation.shape().width());
        int y = (int) (localY / getFitHeight() * shownActivation.shape().height());
        return new int[] {y, x};
    }

    LayerActivation activation() {
        return shownActivation;
    }

    int channel() {
        return shownChannel;
    }

    /** The ARGB colour drawn for map cell (x, y): what tests compare with the colour scale. */
    public int argbAt(int x, int y) {
        return argb[y * cellsWide + x];
    }
}
