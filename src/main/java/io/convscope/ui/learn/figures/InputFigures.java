package io.convscope.ui.learn.figures;

import io.convscope.explain.ColorScale;
import io.convscope.explain.ValueColors;
import io.convscope.network.LayerActivation;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The article's figures about what the network is shown: its colour scales and this image's three channels. */
final class InputFigures {

    static final double CHANNEL_SIDE = 96;

    private final FigureContext context;

    InputFigures(FigureContext context) {
        this.context = context;
    }

    Node colourScales() {
        return new HBox(
                28,
                scaleBar(ColorScale.RDBU, 0, 1, context.text().getString("learn.figure.activation")),
                scaleBar(
                        ColorScale.BRBG,
                        ValueColors.KERNEL_GAP,
                        1 - ValueColors.KERNEL_GAP,
                        context.text().getString("learn.figure.weight")));
    }

    private Node scaleBar(ColorScale scale, double from, double to, String label) {
        Canvas c = new Canvas(180, 14);
        GraphicsContext g = c.getGraphicsContext2D();
        for (int x = 0; x < 180; x++) {
            g.setFill(Palette.fx(scale.argbAt(from + (to - from) * x / 179.0)));
            g.fillRect(x, 0, 1, 14);
        }
        Label lo = new Label("\u2212");
        Label zero = new Label("0");
        Label hi = new Label("+");
        HBox ticks = new HBox(lo, spacer(), zero, spacer(), hi);
        ticks.setMaxWidth(180);
        VBox box = new VBox(2, c, ticks, context.caption(label));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** The image's red, green and blue channels as the network reads them; null for other inputs. */
    Node inputChannels() {
        LayerActivation input = context.snapshot().layer(0);
        if (input.shape().channels() != 3) {
            return null;
        }
        HBox row = new HBox(14);
        String[] keys = {"channel.red", "channel.green", "channel.blue"};
        for (int c = 0; c < 3; c++) {
            HeatmapView v = new HeatmapView();
            v.show(input, c, ValueColors::input);
            v.size(CHANNEL_SIDE);
            Label l = new Label(context.text().getString(keys[c]));
            l.getStyleClass().addAll("channel-label", keys[c].replace('.', '-'));
            VBox box = new VBox(4, v, l);
            box.setAlignment(Pos.CENTER);
            row.getChildren().add(box);
        }
        return row;
    }
}
