package io.convscope.explain.attribution;

import io.convscope.explain.Decimals;
import io.convscope.network.AttributionMap;
import io.convscope.network.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Each method's formula as the view writes it, with the numbers of the map on screen: the value explained, the
 * parameters used, integrated gradients' completeness check (the sum of the attributions against y(x) - y(b)), the
 * CAM's layer and its channel weights, occlusion's window. Every number is the engine's; nothing is recomputed here.
 */
public final class MethodFormula {

    /** Channel weights listed one by one up to this many; more are summarised by the largest. */
    static final int LISTED_WEIGHTS = 16;

    private MethodFormula() {}

    /**
     * The lines for {@code map}. {@code layer} is the shape of the layer a CAM read (else null), {@code baseline} the
     * name of integrated gradients' baseline and {@code target} the explained class's name, both in the student's
     * language; a {@code cell} target is one value of an output map (YOLO's grid, U-Net's mask), not a logit.
     */
    public static List<String> lines(
            AttributionMap map, Shape layer, String baseline, String target, boolean cell, ResourceBundle text) {
        List<String> lines = new ArrayList<>();
        String key = cell ? "attr.formula.cell" : "attr.formula.target";
        lines.add(String.format(text.getString(key), target, four(map.logit())));
        switch (map.method()) {
            case "gradient" -> lines.add(format(
                    text,
                    "attr.formula.gradient",
                    map.shape().channels(),
                    map.shape().height(),
                    map.shape().width()));
            case "smoothgrad" -> lines.add(format(
                    text,
                    "attr.formula.smoothgrad",
                    integer(map, "samples"),
                    Decimals.fixed(map.figures().get("sigma"), 3),
                    integer(map, "seed")));
            case "ig" -> {
                lines.add(format(text, "attr.formula.ig", integer(map, "steps"), baseline));
                lines.add(completeness(map, text));
            }
            case "gradcam" -> {
                lines.add(format(
                        text, "attr.formula.gradcam", layer.height(), layer.width(), layer.channels(), map.layer()));
                lines.add(weights(map.channelWeights(), "α", text));
            }
            case "hirescam" -> lines.add(format(
                    text, "attr.formula.hirescam", layer.channels(), map.layer(), layer.height(), layer.width()));
            case "gradcam++" -> {
                lines.add(format(text, "attr.formula.gradcampp", layer.channels(), map.layer()));
                lines.add(weights(map.channelWeights(), "w", text));
            }
            case "occlusion" -> {
                int window = integer(map, "window");
                int stride = integer(map, "stride");
                lines.add(format(
                        text,
                        "attr.formula.occlusion",
                        window,
                        window,
                        stride,
                        stride,
                        Decimals.fixed(map.figures().get("fill"), 2),
                        map.shape().height(),
                        map.shape().width()));
            }
            default -> {}
        }
        return lines;
    }

    /**
     * Integrated gradients' completeness check with the engine's figures: Σ attributions, y(x) − y(b) written out
     * with both logits, and how far apart they are (absolute and as a share of |y(x) − y(b)|).
     */
    public static String completeness(AttributionMap map, ResourceBundle text) {
        var f = map.figures();
        double relative = f.get("relativeError");
        return String.format(
                text.getString("attr.formula.completeness"),
                four(f.get("attributionSum")),
                four(map.logit()),
                four(f.get("baselineLogit")),
                four(f.get("logitDifference")),
                four(f.get("completenessError")),
                Double.isFinite(relative) ? Decimals.fixed(100 * relative, 1) : "∞");
    }

    /** {@code α = [0.0123, -0.0040, ...]} (every channel up to {@value #LISTED_WEIGHTS}), else the largest one. */
    static String weights(float[] weights, String symbol, ResourceBundle text) {
        if (weights.length <= LISTED_WEIGHTS) {
            StringBuilder s = new StringBuilder(symbol).append(" = [");
            for (int k = 0; k < weights.length; k++) {
                s.append(k == 0 ? "" : ", ").append(four(weights[k]));
            }
            return s.append(']').toString();
        }
        int largest = 0;
        int positive = 0;
        for (int k = 0; k < weights.length; k++) {
            largest = weights[k] > weights[largest] ? k : largest;
            positive += weights[k] > 0 ? 1 : 0;
        }
        return String.format(
                text.getString("attr.formula.weights"),
                weights.length,
                positive,
                symbol,
                largest,
                four(weights[largest]));
    }

    private static String format(ResourceBundle text, String key, Object... args) {
        return String.format(Locale.ROOT, text.getString(key), args);
    }

    private static int integer(AttributionMap map, String figure) {
        Double d = map.figures().get(figure);
        return d == null ? 0 : (int) Math.round(d);
    }

    static String four(double value) {
        return Decimals.fixed(value, 4);
    }
}
