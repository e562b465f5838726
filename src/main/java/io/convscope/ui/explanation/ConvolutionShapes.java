package io.convscope.ui.explanation;

import io.convscope.ui.common.HeatmapView;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

import java.util.function.DoubleToIntFunction;

/** The convolution view's drawing vocabulary: headers, notes, dashed edges, map frames, crisp heatmaps, legends. */
public final class ConvolutionShapes {

    static final Color EDGE = Color.gray(0.62);

    private ConvolutionShapes() {}

    /** A column header centred on {@code centreX}; the bold one is wider (it carries the skip button). */
    static Label header(Pane diagram, String s, double centreX, double y, boolean bold, String id) {
        Label l = new Label(s);
        l.setId(id);
        l.getStyleClass().add(bold ? "view-header-strong" : "view-header");
        double w = bold ? 270 : 200;
        l.setMinWidth(w);
        l.setPrefWidth(w);
        // The first column sits closer to the edge than half a header: start it at the edge instead of cutting it.
        double x = centreX - w / 2;
        l.setAlignment(x < 0 ? Pos.CENTER_LEFT : Pos.CENTER);
        l.relocate(Math.max(0, x), y);
        diagram.getChildren().add(l);
        return l;
    }

    static void annotation(Pane diagram, String s, double centreX, double y, double w, String id) {
        Label l = annotationLabel(s, w);
        l.setId(id);
        l.setAlignment(Pos.CENTER);
        l.relocate(centreX - w / 2, y);
        diagram.getChildren().add(l);
    }

    static Label annotationLabel(String s, double w) {
        Label l = new Label(s);
        l.getStyleClass().add("view-annotation");
        l.setTextFill(Color.gray(0.45));
        l.setWrapText(true);
        l.setMinWidth(w);
        l.setPrefWidth(w);
        l.setMaxWidth(w);
        return l;
    }

    static Label small(String s) {
        Label l = new Label(s);
        l.setFont(Font.font(11));
        l.setTextFill(Color.gray(0.4));
        return l;
    }

    static Line edge(double x1, double y1, double x2, double y2) {
        Line l = new Line(x1, y1, x2, y2);
        l.setStroke(EDGE);
        l.setStrokeWidth(1);
        l.getStrokeDashArray().setAll(4.0, 2.0);
        l.setMouseTransparent(true);
        return l;
    }

    static Rectangle frame(double x, double y, double side) {
        Rectangle r = new Rectangle(x, y, side, side);
        r.setFill(Color.TRANSPARENT);
        r.setStroke(Color.gray(0.75));
        r.setStrokeWidth(0.6);
        r.setMouseTransparent(true);
        return r;
    }

    /** A crisp heatmap: every value a solid square, however the renderer scales images. */
    static HeatmapView heatmap(float[][] values, DoubleToIntFunction colors, double side) {
        int h = values.length;
        int w = values[0].length;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = colors.applyAsInt(values[y][x]);
            }
        }
        HeatmapView view = new HeatmapView();
        view.showPixels(argb, w, h);
        view.size(side);
        return view;
    }

    /** A 150 px colour ramp from {@code min} to {@code max} with its end values and, across zero, a 0 tick. */
    public static Node legend(
            String name, DoubleToIntFunction colors, double min, double max, String low, String high) {
        int w = 150;
        float[][] ramp = new float[10][w];
        for (int y = 0; y < ramp.length; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y][x] = (float) (min + (max - min) * x / (w - 1));
            }
        }
        HeatmapView bar = heatmap(ramp, colors, w);
        bar.size(w, 10);
        Label lo = small(low);
        Label hi = small(high);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox ticks = new HBox(lo, gap, hi);
        ticks.setPrefWidth(w);
        ticks.setMaxWidth(w);
        if (min < 0 && max > 0) {
            Label zero = small("0");
            Region gap2 = new Region();
            HBox.setHgrow(gap2, Priority.ALWAYS);
            ticks.getChildren().setAll(lo, gap, zero, gap2, hi);
        }
        Label label = small(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(2, label, bar, ticks);
    }
}
