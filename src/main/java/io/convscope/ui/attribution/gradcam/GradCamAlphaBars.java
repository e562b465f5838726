package io.convscope.ui.attribution.gradcam;

import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.ui.common.Palette;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

import java.util.function.IntConsumer;

/**
 * Every alpha_k as a bar, ranked by |alpha_k| as the rows below are (VGG-16's 512 fit in one strip): up for a
 * positive weight, down for a negative one, the bars drawn as rows shaded behind. Hovering a bar reports its channel.
 */
final class GradCamAlphaBars extends Canvas {

    static final double HEIGHT = 46;
    /** Where on the colour scale the bars sit: 0.7 of the way from white to the ends. */
    static final double BAR_TONE = 0.7;

    private final GradCamWalkthrough w;
    private final GradCamColors colors;
    private final int[] order;
    private final double width;

    GradCamAlphaBars(GradCamWalkthrough w, GradCamColors colors, double width, Color ink) {
        super(width, HEIGHT);
        this.w = w;
        this.colors = colors;
        this.order = w.order();
        this.width = width;
        setId("gradcam-bars");
        setCursor(Cursor.CROSSHAIR);
        draw(0, ink);
    }

    /** Redraws with the first {@code shown} bars shaded (they are the rows drawn below). */
    void draw(int shown, Color ink) {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, width, HEIGHT);
        double bar = width / order.length;
        g.setFill(Color.gray(0.5, 0.15));
        g.fillRect(0, 0, bar * Math.min(shown, order.length), HEIGHT);
        double largest = colors.alphas() / 2;
        double mid = HEIGHT / 2;
        for (int r = 0; r < order.length; r++) {
            float a = w.alpha(order[r]);
            double h = Math.abs(a) / largest * (mid - 2);
            // Not the scale's darkest ends, which vanish on the dark theme's background.
            g.setFill(Palette.fx(colors.alpha((a >= 0 ? 1 : -1) * largest * BAR_TONE)));
            double gap = bar > 4 ? 1 : 0;
            g.fillRect(r * bar + gap / 2, a >= 0 ? mid - h : mid, Math.max(0.6, bar - gap), Math.max(h, 0.5));
        }
        g.setStroke(ink);
        g.setLineWidth(0.6);
        g.strokeLine(0, mid, width, mid);
    }

    /** Reports the channel of the bar under the pointer. */
    void onHover(IntConsumer channel, Runnable leave) {
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int r = (int) (e.getX() / (width / order.length));
            if (r >= 0 && r < order.length) {
                channel.accept(order[r]);
            }
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> leave.run());
    }
}
