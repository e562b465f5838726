package io.convscope.ui.learn.figures;

import io.convscope.explain.ValueColors;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.ui.common.Palette;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** The article's "3 × 10 = 30 kernels" figure: every kernel of the loaded model's first convolution. */
final class KernelFigure {

    static final double KERNEL_CELL = 10;
    static final double KERNEL_GAP = 4;

    private KernelFigure() {}

    /** The kernels, a row per output channel (long layers in blocks side by side); null without a convolution. */
    static Node draw(FigureContext context) {
        int conv = context.first(LayerKind.CONVOLUTION);
        if (conv < 0) {
            return null;
        }
        LayerDescription l = context.network().layer(conv);
        LayerWeights w = context.network().weights(l.name());
        int outs = w.outputs();
        int ins = w.inputs();
        int kh = w.kernelHeight();
        int kw = w.kernelWidth();
        double range = 0;
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < ins; i++) {
                for (float[] row : w.kernel(o, i)) {
                    for (float v : row) {
                        range = Math.max(range, 2 * Math.abs(v));
                    }
                }
            }
        }
        // Long layers run as several blocks side by side, so the figure stays short.
        int perBlock = Math.min(outs, 10);
        int blocks = (outs + perBlock - 1) / perBlock;
        double glyph = Math.max(kh, kw) * KERNEL_CELL;
        double blockWidth = ins * (glyph + KERNEL_GAP) + 26;
        Canvas c = new Canvas(blocks * blockWidth, perBlock * (glyph + KERNEL_GAP) + 14);
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFont(FigureContext.SMALL_FONT);
        g.setTextBaseline(VPos.CENTER);
        for (int o = 0; o < outs; o++) {
            double bx = (o / perBlock) * blockWidth;
            double y = 14 + (o % perBlock) * (glyph + KERNEL_GAP);
            g.setFill(context.palette().text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("#" + o, bx + 20, y + glyph / 2);
            for (int i = 0; i < ins; i++) {
                double x = bx + 24 + i * (glyph + KERNEL_GAP);
                if (o == 0) {
                    g.setFill(context.palette().text());
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText(Integer.toString(i), x + glyph / 2, 6);
                }
                float[][] k = w.kernel(o, i);
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        g.setFill(Palette.fx(ValueColors.weight(k[ky][kx], range, ValueColors.KERNEL_GAP)));
                        g.fillRect(x + kx * KERNEL_CELL, y + ky * KERNEL_CELL, KERNEL_CELL, KERNEL_CELL);
                    }
                }
            }
        }
        VBox box = new VBox(
                4,
                c,
                context.caption(String.format(
                        context.text().getString("learn.figure.kernels"), l.name(), outs * ins, ins, outs)));
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
