package io.convscope.ui;

import io.convscope.explain.ColorScale;
import io.convscope.explain.ValueColors;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The article's figures, drawn from the loaded model and the current image so they teach with the student's own
 * numbers: colour scales, the input channels, the first layer's kernels, a ReLU plot over this image's values, the
 * softmax of this image's logits, a max-pooling patch and the flatten order.
 */
final class ArticleFigures {

    static final double CHANNEL_SIDE = 96;
    static final double KERNEL_CELL = 10;
    static final double KERNEL_GAP = 4;
    static final double PLOT_WIDTH = 360;
    static final double PLOT_HEIGHT = 190;
    static final int HISTOGRAM_BINS = 40;
    static final double POOL_CELL = 40;
    static final int POOL_PATCH = 4;
    static final double FLATTEN_CELL = 17;
    static final Font NUMBER_FONT = Font.font(10);
    static final Font SMALL_FONT = Font.font(9);

    private final ResourceBundle text;
    private final Palette palette;
    private final ActivationSnapshot snapshot;
    private final Supplier<Node> playground;

    ArticleFigures(ResourceBundle text, Palette palette, ActivationSnapshot snapshot, Supplier<Node> playground) {
        this.text = text;
        this.palette = palette;
        this.snapshot = snapshot;
        this.playground = playground;
    }

    /** The figure of a name; a figure the network cannot draw (no conv layer, say) says so instead. */
    Node figure(String name) {
        Node n = switch (name) {
            case "colour-scales" -> colourScales();
            case "input-channels" -> inputChannels();
            case "kernels" -> kernels();
            case "playground" -> playground.get();
            case "relu-plot" -> reluPlot();
            case "softmax-live" -> softmax();
            case "pooling-example" -> pooling();
            case "flatten-example" -> flatten();
            default -> throw new IllegalArgumentException("The article asks for an unknown figure: " + name);
        };
        if (n == null) {
            Label missing = new Label(text.getString("learn.figure.missing"));
            missing.getStyleClass().add("article-caption");
            return missing;
        }
        if (n.getId() == null) {
            n.setId("figure-" + name);
        }
        return n;
    }

    private NetworkDescription network() {
        return snapshot.network();
    }

    private int first(LayerKind kind) {
        return network().firstIndex(l -> l.kind() == kind);
    }

    private Label caption(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("article-caption");
        l.setWrapText(true);
        l.setTextAlignment(TextAlignment.CENTER);
        l.setMaxWidth(460);
        return l;
    }

    private Node colourScales() {
        return new HBox(28, scaleBar(ColorScale.RDBU, 0, 1, text.getString("learn.figure.activation")),
                scaleBar(ColorScale.BRBG, ValueColors.KERNEL_GAP, 1 - ValueColors.KERNEL_GAP,
                        text.getString("learn.figure.weight")));
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
        VBox box = new VBox(2, c, ticks, caption(label));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, javafx.scene.layout.Priority.ALWAYS);
        return r;
    }

    private Node inputChannels() {
        LayerActivation input = snapshot.layer(0);
        if (input.shape().channels() != 3) {
            return null;
        }
        HBox row = new HBox(14);
        String[] keys = {"channel.red", "channel.green", "channel.blue"};
        for (int c = 0; c < 3; c++) {
            HeatmapView v = new HeatmapView();
            v.show(input, c, ValueColors::input);
            v.size(CHANNEL_SIDE);
            Label l = new Label(text.getString(keys[c]));
            l.getStyleClass().addAll("channel-label", keys[c].replace('.', '-'));
            VBox box = new VBox(4, v, l);
            box.setAlignment(Pos.CENTER);
            row.getChildren().add(box);
        }
        return row;
    }

    private Node kernels() {
        int conv = first(LayerKind.CONVOLUTION);
        if (conv < 0) {
            return null;
        }
        LayerDescription l = network().layer(conv);
        LayerWeights w = network().weights(l.name());
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
        g.setFont(SMALL_FONT);
        g.setTextBaseline(VPos.CENTER);
        for (int o = 0; o < outs; o++) {
            double bx = (o / perBlock) * blockWidth;
            double y = 14 + (o % perBlock) * (glyph + KERNEL_GAP);
            g.setFill(palette.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("#" + o, bx + 20, y + glyph / 2);
            for (int i = 0; i < ins; i++) {
                double x = bx + 24 + i * (glyph + KERNEL_GAP);
                if (o == 0) {
                    g.setFill(palette.text());
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
        VBox box = new VBox(4, c, caption(String.format(text.getString("learn.figure.kernels"), l.name(), outs * ins,
                ins, outs)));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** max(0, x) over the range of the first convolution's outputs for this image, with their histogram under it. */
    private Node reluPlot() {
        int relu = first(LayerKind.ACTIVATION);
        if (relu < 1) {
            return null;
        }
        LayerActivation before = snapshot.layer(relu - 1);
        double lo = Math.min(-0.5, before.min());
        double hi = Math.max(0.5, before.max());
        int[] bins = new int[HISTOGRAM_BINS];
        for (int i = 0; i < before.size(); i++) {
            int b = (int) Math.min(HISTOGRAM_BINS - 1, (before.value(i) - lo) / (hi - lo) * HISTOGRAM_BINS);
            bins[b]++;
        }
        int most = 1;
        for (int b : bins) {
            most = Math.max(most, b);
        }
        double left = 34;
        double right = PLOT_WIDTH - 10;
        double top = 10;
        double bottom = PLOT_HEIGHT - 26;
        Canvas c = new Canvas(PLOT_WIDTH, PLOT_HEIGHT);
        GraphicsContext g = c.getGraphicsContext2D();
        double yMax = hi;
        java.util.function.DoubleUnaryOperator sx = x -> left + (x - lo) / (hi - lo) * (right - left);
        java.util.function.DoubleUnaryOperator sy = y -> bottom - (y - 0) / yMax * (bottom - top) * 0.9;
        // histogram: how many values fall in each bin, red where ReLU will zero them
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            double x0 = lo + (hi - lo) * b / HISTOGRAM_BINS;
            double x1 = lo + (hi - lo) * (b + 1) / HISTOGRAM_BINS;
            double h = (bottom - top) * 0.6 * bins[b] / most;
            int argb = ValueColors.activation(x1 <= 0 ? -hi * 0.6 : hi * 0.6, 2 * hi);
            g.setFill(Palette.fx(argb).deriveColor(0, 1, 1, 0.55));
            g.fillRect(sx.applyAsDouble(x0) + 0.5, bottom - h, sx.applyAsDouble(x1) - sx.applyAsDouble(x0) - 1, h);
        }
        g.setStroke(palette.edgeHighlight());
        g.setLineWidth(1);
        g.strokeLine(left, bottom, right, bottom);
        double x0 = sx.applyAsDouble(0);
        g.strokeLine(x0, top, x0, bottom);
        g.setStroke(palette.accent());
        g.setLineWidth(2.5);
        g.strokeLine(sx.applyAsDouble(lo), bottom, x0, bottom);
        g.strokeLine(x0, bottom, sx.applyAsDouble(hi), sy.applyAsDouble(hi));
        g.setFill(palette.text());
        g.setFont(NUMBER_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : new double[] {lo, 0, hi}) {
            g.fillText(MatrixGrid.format(t), sx.applyAsDouble(t), bottom + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(MatrixGrid.format(hi), x0 - 4, sy.applyAsDouble(hi));
        Label axis = new Label(text.getString("learn.relu.axes"));
        axis.getStyleClass().add("article-caption");
        VBox box = new VBox(2, c, axis, caption(String.format(text.getString("learn.relu.histogram"),
                network().layer(relu - 1).name())));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** This image's logits, their exponentials and softmax, against dividing by the plain sum of the logits. */
    private Node softmax() {
        int classes = network().classes().size();
        if (classes == 0) {
            return null;
        }
        float[] z = snapshot.logits();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double expSum = 0;
        double plainSum = 0;
        for (float v : z) {
            expSum += Math.exp(v);
            plainSum += v;
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("article-table");
        grid.setHgap(16);
        grid.setVgap(2);
        String[] headers = {"learn.softmax.class", "learn.softmax.logit", "learn.softmax.exp",
                "learn.softmax.probability", "learn.softmax.plain"};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(text.getString(headers[c]));
            h.getStyleClass().add("article-table-header");
            grid.add(h, c, 0);
            GridPane.setHalignment(h, c == 0 ? HPos.LEFT : HPos.RIGHT);
        }
        int[] ranking = snapshot.ranking();
        for (int r = 0; r < ranking.length; r++) {
            int k = ranking[r];
            String[] cells = {ClassNames.display(text, network().classes().get(k)), String.format("%.2f", z[k]),
                    String.format("%.3f", Math.exp(z[k])), String.format("%.4f", Math.exp(z[k]) / expSum),
                    String.format("%.3f", z[k] / plainSum)};
            for (int c = 0; c < cells.length; c++) {
                Label l = new Label(cells[c]);
                l.getStyleClass().add(r == 0 ? "article-table-top" : "article-table-cell");
                if (c == 4 && z[k] / plainSum < 0) {
                    l.getStyleClass().add("article-table-wrong");
                }
                grid.add(l, c, r + 1);
                GridPane.setHalignment(l, c == 0 ? HPos.LEFT : HPos.RIGHT);
            }
        }
        Label sum = new Label(text.getString("learn.softmax.sum"));
        sum.getStyleClass().add("article-table-header");
        grid.add(sum, 0, ranking.length + 1);
        Label[] totals = {new Label(String.format("%.2f", plainSum)), new Label(String.format("%.3f", expSum)),
                new Label(String.format("%.4f", 1.0)), new Label(String.format("%.3f", 1.0))};
        for (int c = 0; c < totals.length; c++) {
            totals[c].getStyleClass().add("article-table-header");
            grid.add(totals[c], c + 1, ranking.length + 1);
            GridPane.setHalignment(totals[c], HPos.RIGHT);
        }
        grid.setId("softmax-table");
        VBox box = new VBox(4, grid, caption(text.getString("learn.softmax.caption")));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** The 4 x 4 patch of the first pooling layer's input around this image's strongest activation, and its maxima. */
    private Node pooling() {
        int pool = network().firstIndex(l -> l.kind().isPooling()); // max or average, whichever comes first
        if (pool < 1) {
            return null;
        }
        LayerDescription l = network().layer(pool);
        int k = l.kernel().height();
        int s = l.stride().height();
        if (k != l.kernel().width() || k * 2 > POOL_PATCH + 2 || k < 1 || s != k) {
            return null; // the figure is drawn for non-overlapping square windows, like 2 x 2 stride 2
        }
        LayerActivation in = snapshot.layer(pool - 1);
        int channel = 0;
        int bestY = 0;
        int bestX = 0;
        float best = Float.NEGATIVE_INFINITY;
        int h = in.shape().height();
        int w = in.shape().width();
        for (int c = 0; c < in.shape().channels(); c++) {
            for (int y = 0; y + POOL_PATCH <= h; y += POOL_PATCH) {
                for (int x = 0; x + POOL_PATCH <= w; x += POOL_PATCH) {
                    float v = in.value(c, y, x);
                    if (v > best) {
                        best = v;
                        channel = c;
                        bestY = y;
                        bestX = x;
                    }
                }
            }
        }
        int out = POOL_PATCH / k;
        float[][] patch = new float[POOL_PATCH][POOL_PATCH];
        double range = 0;
        for (int y = 0; y < POOL_PATCH; y++) {
            for (int x = 0; x < POOL_PATCH; x++) {
                patch[y][x] = in.value(channel, bestY + y, bestX + x);
                range = Math.max(range, 2 * Math.abs(patch[y][x]));
            }
        }
        Color[] windowColours = {Color.web("#e15759"), Color.web("#4e79a7"), Color.web("#59a14f"), Color.web("#f28e2b")};
        Canvas input = new Canvas(POOL_PATCH * POOL_CELL + 4, POOL_PATCH * POOL_CELL + 4);
        Canvas output = new Canvas(out * POOL_CELL + 4, out * POOL_CELL + 4);
        GraphicsContext gi = input.getGraphicsContext2D();
        GraphicsContext go = output.getGraphicsContext2D();
        for (GraphicsContext g : new GraphicsContext[] {gi, go}) {
            g.setFont(NUMBER_FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
        }
        double r = range == 0 ? 1 : range;
        for (int y = 0; y < POOL_PATCH; y++) {
            for (int x = 0; x < POOL_PATCH; x++) {
                int argb = ValueColors.activation(patch[y][x], r);
                gi.setFill(Palette.fx(argb));
                gi.fillRect(2 + x * POOL_CELL, 2 + y * POOL_CELL, POOL_CELL, POOL_CELL);
                gi.setFill(MatrixGrid.textOn(argb));
                gi.fillText(MatrixGrid.format(patch[y][x]), 2 + (x + 0.5) * POOL_CELL, 2 + (y + 0.5) * POOL_CELL);
            }
        }
        for (int oy = 0; oy < out; oy++) {
            for (int ox = 0; ox < out; ox++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        m = Math.max(m, patch[oy * k + y][ox * k + x]);
                    }
                }
                Color window = windowColours[(oy * out + ox) % windowColours.length];
                gi.setStroke(window);
                gi.setLineWidth(2.5);
                gi.strokeRect(2 + ox * k * POOL_CELL + 1.5, 2 + oy * k * POOL_CELL + 1.5, k * POOL_CELL - 3,
                        k * POOL_CELL - 3);
                int argb = ValueColors.activation(m, r);
                go.setFill(Palette.fx(argb));
                go.fillRect(2 + ox * POOL_CELL, 2 + oy * POOL_CELL, POOL_CELL, POOL_CELL);
                go.setStroke(window);
                go.strokeRect(2 + ox * POOL_CELL + 1.5, 2 + oy * POOL_CELL + 1.5, POOL_CELL - 3, POOL_CELL - 3);
                go.setFill(MatrixGrid.textOn(argb));
                go.fillText(MatrixGrid.format(m), 2 + (ox + 0.5) * POOL_CELL, 2 + (oy + 0.5) * POOL_CELL);
            }
        }
        Label arrow = new Label("\u2192");
        arrow.getStyleClass().add("flatten-plus");
        HBox row = new HBox(16, input, arrow, output);
        row.setAlignment(Pos.CENTER);
        VBox box = new VBox(4, row, caption(String.format(text.getString("learn.pool.caption"), POOL_PATCH, POOL_PATCH,
                network().layer(pool - 1).name(), channel, k, k, s)));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** Two 5 x 5 maps whose cells carry their place in the flattened vector, and the 50-value vector itself. */
    private Node flatten() {
        int side = 5;
        int maps = 2;
        Color[] tints = {Color.web("#4e79a7"), Color.web("#f28e2b")};
        Canvas grids = new Canvas(maps * (side * FLATTEN_CELL + 14), side * FLATTEN_CELL + 4);
        Canvas vector = new Canvas(25 * FLATTEN_CELL + 4, 2 * FLATTEN_CELL + 8);
        GraphicsContext g = grids.getGraphicsContext2D();
        GraphicsContext v = vector.getGraphicsContext2D();
        for (GraphicsContext gc : new GraphicsContext[] {g, v}) {
            gc.setFont(SMALL_FONT);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.setLineWidth(0.6);
        }
        for (int m = 0; m < maps; m++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int index = m * side * side + y * side + x;
                    Color fill = tints[m].deriveColor(0, 1, 1, 0.25 + 0.6 * (y * side + x) / (side * side));
                    double gx = 2 + m * (side * FLATTEN_CELL + 14) + x * FLATTEN_CELL;
                    double gy = 2 + y * FLATTEN_CELL;
                    cell(g, gx, gy, fill, index);
                    double vx = 2 + (index % 25) * FLATTEN_CELL;
                    double vy = 2 + (index / 25) * (FLATTEN_CELL + 4);
                    cell(v, vx, vy, fill, index);
                }
            }
        }
        Label arrow = new Label("\u2193");
        arrow.getStyleClass().add("flatten-plus");
        VBox box = new VBox(4, grids, arrow, vector, caption(text.getString("learn.flatten.caption")));
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(0, 0, 4, 0));
        return box;
    }

    private void cell(GraphicsContext g, double x, double y, Color fill, int index) {
        g.setFill(fill);
        g.fillRect(x, y, FLATTEN_CELL, FLATTEN_CELL);
        g.setStroke(palette.edgeHighlight());
        g.strokeRect(x, y, FLATTEN_CELL, FLATTEN_CELL);
        g.setFill(palette.text());
        g.fillText(Integer.toString(index), x + FLATTEN_CELL / 2, y + FLATTEN_CELL / 2);
    }
}
