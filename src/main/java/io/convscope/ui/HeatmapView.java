package io.convscope.ui;

import io.convscope.network.LayerActivation;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.util.function.DoubleToIntFunction;

/**
 * One neuron's activation map as an image with one pixel per value, scaled up without smoothing so every value stays
 * a crisp square (CNN Explainer blurs them).
 */
final class HeatmapView extends ImageView {

    private WritableImage image;
    private int[] argb = new int[0];
    private LayerActivation shownActivation;
    private int shownChannel = -1;

    HeatmapView() {
        setSmooth(false);
        setPreserveRatio(false);
    }

    /** Colours channel {@code channel} of {@code activation} with {@code coloring} (value to ARGB). */
    void show(LayerActivation activation, int channel, DoubleToIntFunction coloring) {
        int w = activation.shape().width();
        int h = activation.shape().height();
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
            argb = new int[w * h];
            setImage(image);
        }
        int base = channel * w * h;
        for (int i = 0; i < w * h; i++) {
            argb[i] = coloring.applyAsInt(activation.value(base + i));
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        shownActivation = activation;
        shownChannel = channel;
    }

    void size(double side) {
        setFitWidth(side);
        setFitHeight(side);
    }

    /** The map cell under a point in this view's coordinates, as {y, x}, or null outside. */
    int[] cellAt(double localX, double localY) {
        if (shownActivation == null || localX < 0 || localY < 0 || localX >= getFitWidth() || localY >= getFitHeight()) {
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
    int argbAt(int x, int y) {
        return image.getPixelReader().getArgb(x, y);
    }
}
