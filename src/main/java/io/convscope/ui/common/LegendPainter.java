package io.convscope.ui.common;

import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.network.ActivationSnapshot;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The colour legends under the overview (CNN Explainer's detail mode): greys for the input, one red-white-blue bar per
 * span of layers that share a range in the current mode, and the probability bar under the output.
 */
public final class LegendPainter {

    static final double BAR_HEIGHT = 6;
    /** Samples of a colour scale along a legend bar; linear in between. */
    static final int GRADIENT_STOPS = 33;

    static final double TICK = 3;
    static final Font TICK_FONT = Font.font(9);
    /** A generous width of one tick-label character, to keep labels from overprinting. */
    static final double MIN_CHAR_WIDTH = 5.5;

    private LegendPainter() {}

    /** Paints the legends between x = {@code from} and {@code to} (a wide network's visible part). */
    public static void paint(
            GraphicsContext g,
            OverviewLayout layout,
            List<OverviewColumn> columns,
            ColorRanges ranges,
            RangeMode mode,
            ActivationSnapshot snapshot,
            Palette palette,
            double from,
            double to) {
        double y = layout.legendTop();
        g.setFont(TICK_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            double x = layout.columnX(c);
            if (x > to || x + layout.columnWidth(c) < from) {
                continue;
            }
            if (col.kind() == OverviewColumn.Kind.INPUT) {
                double w = layout.neuronSize();
                gradient(g, x, y, w, v -> palette.input(v), 0, 1);
                ticks(g, palette, x, y, w, new double[] {0, 0.5, 1}, "%.1f");
            } else if (col.kind() == OverviewColumn.Kind.OUTPUT) {
                double w = OverviewLayout.OUTPUT_WIDTH - 52;
                g.setFill(palette.edgeHighlight());
                g.fillRect(x, y, w, BAR_HEIGHT);
                float max = snapshot.probability(snapshot.topClass());
                ticks(g, palette, x, y, w, new double[] {0, max}, "%.2f");
            }
        }
        for (ColorRanges.LegendSpan span : ranges.legends(mode)) {
            int first = -1;
            int last = -1;
            for (int c = 0; c < columns.size(); c++) {
                int layer = columns.get(c).layerIndex();
                if (layer >= span.firstLayer()
                        && layer <= span.lastLayer()
                        && columns.get(c).isMap()) {
                    first = first < 0 ? c : first;
                    last = c;
                }
            }
            if (first < 0) {
                continue;
            }
            double x0 = layout.columnX(first);
            double x1 = layout.columnX(last) + layout.neuronSize();
            if (x0 > to || x1 < from) {
                continue;
            }
            double r = span.range();
            gradient(g, x0, y, x1 - x0, v -> palette.activation(v, r), -r / 2, r / 2);
            double[] values = mode == RangeMode.UNIT
                    ? new double[] {-r / 2, 0, r / 2}
                    : new double[] {-r / 2, -r / 4, 0, r / 4, r / 2};
            ticks(g, palette, x0, y, x1 - x0, values, "%.2f");
        }
    }

    private interface Coloring {
        int argb(double value);
    }

    /**
     * One rectangle filled with a linear gradient through {@value #GRADIENT_STOPS} samples of the scale: as smooth as
     * a rectangle per pixel, but a single drawing operation (thirty-odd legends made VGG-16's overview slow to draw).
     */
    private static void gradient(
            GraphicsContext g, double x, double y, double w, Coloring coloring, double lo, double hi) {
        List<Stop> stops = new ArrayList<>(GRADIENT_STOPS);
        for (int i = 0; i < GRADIENT_STOPS; i++) {
            double t = (double) i / (GRADIENT_STOPS - 1);
            stops.add(new Stop(t, Palette.fx(coloring.argb(lo + (hi - lo) * t))));
        }
        g.setFill(new LinearGradient(x, 0, x + w, 0, false, CycleMethod.NO_CYCLE, stops));
        g.fillRect(x, y, w, BAR_HEIGHT);
    }

    /** Tick marks and labels at {@code values}, spread linearly between the first and last value. */
    private static void ticks(
            GraphicsContext g, Palette palette, double x, double y, double w, double[] values, String format) {
        double lo = values[0];
        double hi = values[values.length - 1];
        Color ink = palette.text();
        g.setStroke(ink);
        g.setFill(ink);
        g.setLineWidth(1);
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            double px = hi == lo ? x : x + (v - lo) / (hi - lo) * w;
            g.strokeLine(px, y + BAR_HEIGHT, px, y + BAR_HEIGHT + TICK);
            String label = String.format(Locale.ROOT, format, v).replace("-0.00", "0.00");
            double width = label.length() * MIN_CHAR_WIDTH;
            boolean first = i == 0;
            boolean last = i == values.length - 1;
            // End labels stay inside their bar (left- and right-aligned), so neighbouring legends never overprint;
            // on narrow legends the middle labels are dropped.
            double left = first ? px : last ? px - width : px - width / 2;
            double reserved = last ? 0 : MIN_CHAR_WIDTH * 3;
            if (left > lastLabelEnd + 2 && (last || left + width < x + w - reserved)) {
                g.setTextAlign(first ? TextAlignment.LEFT : last ? TextAlignment.RIGHT : TextAlignment.CENTER);
                g.fillText(label, px, y + BAR_HEIGHT + TICK + 1);
                lastLabelEnd = left + width;
            }
        }
        g.setTextAlign(TextAlignment.CENTER);
    }
}
