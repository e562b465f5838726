package io.convscope.ui.attribution;

import io.convscope.explain.attribution.MapScale;
import io.convscope.ui.common.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A map's legend: its colour scale as a bar, one rectangle per sample (no interpolation by the renderer), with the
 * values of {@link MapScale#ticks()} printed under it in the theme's ink.
 */
final class MapLegend extends Canvas {

    static final double HEIGHT = 30;
    private static final double BAR = 10;
    private static final int SAMPLES = 64;

    private MapScale scale;
    private Palette palette;

    MapLegend() {
        super(200, HEIGHT);
        setId("attribution-legend");
    }

    void show(MapScale s, Palette p, double width) {
        scale = s;
        palette = p;
        setWidth(Math.max(60, width));
        draw();
    }

    MapScale scale() {
        return scale;
    }

    void draw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (scale == null) {
            return;
        }
        double w = getWidth() - 2;
        for (int i = 0; i < SAMPLES; i++) {
            double t = (i + 0.5) / SAMPLES;
            float value = (float) (scale.low() + t * (scale.high() - scale.low()));
            g.setFill(Palette.fx(scale.argb(value)));
            g.fillRect(1 + w * i / SAMPLES, 0, Math.ceil(w / SAMPLES) + 0.5, BAR);
        }
        Color ink = palette.text();
        g.setStroke(ink);
        g.setFill(ink);
        g.setLineWidth(1);
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        double[] ticks = scale.ticks();
        for (int i = 0; i < ticks.length; i++) {
            double x = 1 + w * scale.position((float) ticks[i]);
            g.strokeLine(Math.round(x) + 0.5, BAR, Math.round(x) + 0.5, BAR + 3);
            g.setTextAlign(
                    i == 0 ? TextAlignment.LEFT : i == ticks.length - 1 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            if (i == 0 || i == ticks.length - 1 || w > 220) {
                g.fillText(scale.format(ticks[i]), x, BAR + 4);
            }
        }
    }
}
