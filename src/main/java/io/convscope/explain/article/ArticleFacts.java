package io.convscope.explain.article;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The live numbers the article quotes (the {@code {{key}}} placeholders), computed from the loaded network and the
 * current image, so "3 x 10 = 30 kernels" is worked out from the model the student is looking at. A fact the
 * network cannot give (no pooling layer, say) reads as a dash.
 */
public final class ArticleFacts {

    /** Shown where the network has nothing to say (e.g. a model without pooling). */
    public static final String NONE = "\u2014";
    /** Every key the article may use; tests check both languages use only these. */
    public static final List<String> KEYS = List.of(
            "model.name",
            "model.params",
            "model.layers",
            "classes.count",
            "classes.list",
            "input.shape",
            "input.values",
            "input.size",
            "input.dense",
            "conv.name",
            "conv.in",
            "conv.out",
            "conv.kernel",
            "conv.kernels",
            "conv.weights",
            "conv.params",
            "conv.inShape",
            "conv.outShape",
            "conv.layers",
            "conv.allKernels",
            "relu.name",
            "relu.values",
            "relu.zeroed",
            "relu.zeroedPercent",
            "pool.name",
            "pool.window",
            "pool.stride",
            "pool.inShape",
            "pool.outShape",
            "pool.inValues",
            "pool.outValues",
            "pool.discardedPercent",
            "flatten.name",
            "flatten.inShape",
            "flatten.out",
            "dense.weights",
            "top.class",
            "top.percent",
            "top.logit",
            "second.class",
            "second.percent",
            "second.logit");

    private ArticleFacts() {}

    /** The facts for a network and (when an image is shown) its snapshot; numbers formatted for the locale. */
    public static Map<String, String> of(NetworkDescription network, ActivationSnapshot snapshot, Locale locale) {
        return of(network, snapshot, locale, UnaryOperator.identity());
    }

    /** The same, with class names shown as {@code classNames} says (the app translates the bundled model's). */
    public static Map<String, String> of(
            NetworkDescription network, ActivationSnapshot snapshot, Locale locale, UnaryOperator<String> classNames) {
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        NumberFormat percent = NumberFormat.getNumberInstance(locale);
        percent.setMaximumFractionDigits(1);
        percent.setMinimumFractionDigits(0);
        Map<String, String> f = new LinkedHashMap<>();
        KEYS.forEach(k -> f.put(k, NONE));

        f.put("model.name", network.name());
        f.put("model.params", count.format(network.parameterCount()));
        f.put("model.layers", count.format(network.layers().size()));
        f.put("classes.count", count.format(network.classes().size()));
        f.put(
                "classes.list",
                String.join(
                        locale.getLanguage().equals("zh") ? "\u3001" : ", ",
                        network.classes().stream().map(classNames).toList()));
        Shape in = network.inputShape();
        f.put("input.shape", shape(in));
        f.put("input.values", count.format(in.size()));
        f.put("input.size", in.height() + " \u00d7 " + in.width());

        int conv = first(network, LayerKind.CONVOLUTION);
        if (conv >= 0) {
            LayerDescription l = network.layer(conv);
            int cin = l.inputShape().channels();
            int cout = l.outputShape().channels();
            int k = l.kernel().height() * l.kernel().width();
            f.put("conv.name", l.name());
            f.put("conv.in", count.format(cin));
            f.put("conv.out", count.format(cout));
            f.put("conv.kernel", l.kernel().height() + " \u00d7 " + l.kernel().width());
            f.put("conv.kernels", count.format((long) cin * cout));
            f.put("conv.weights", count.format((long) cin * cout * k));
            f.put("conv.params", count.format(l.parameters()));
            f.put("conv.inShape", shape(l.inputShape()));
            f.put("conv.outShape", shape(l.outputShape()));
            long layers = 0;
            long kernels = 0;
            for (LayerDescription d : network.layers()) {
                if (d.kind() == LayerKind.CONVOLUTION) {
                    layers++;
                    kernels +=
                            (long) d.inputShape().channels() * d.outputShape().channels();
                }
            }
            f.put("conv.layers", count.format(layers));
            f.put("input.dense", count.format((long) in.size() * cout));
            f.put("conv.allKernels", count.format(kernels));
        }

        int relu = first(network, LayerKind.ACTIVATION);
        if (relu >= 0) {
            LayerDescription l = network.layer(relu);
            f.put("relu.name", l.name());
            f.put("relu.values", count.format(l.outputShape().size()));
            if (snapshot != null) {
                LayerActivation before = snapshot.layer(relu - 1);
                int zeroed = 0;
                for (int i = 0; i < before.size(); i++) {
                    if (before.value(i) <= 0) {
                        zeroed++;
                    }
                }
                f.put("relu.zeroed", count.format(zeroed));
                f.put("relu.zeroedPercent", percent.format(100.0 * zeroed / before.size()));
            }
        }

        int pool = network.firstIndex(l -> l.kind().isPooling());
        if (pool >= 0) {
            LayerDescription l = network.layer(pool);
            f.put("pool.name", l.name());
            f.put("pool.window", l.kernel().height() + " \u00d7 " + l.kernel().width());
            f.put("pool.stride", count.format(l.stride().height()));
            f.put("pool.inShape", shape(l.inputShape()));
            f.put("pool.outShape", shape(l.outputShape()));
            f.put("pool.inValues", count.format(l.inputShape().size()));
            f.put("pool.outValues", count.format(l.outputShape().size()));
            f.put(
                    "pool.discardedPercent",
                    percent.format(100.0
                            * (l.inputShape().size() - l.outputShape().size())
                            / l.inputShape().size()));
        }

        int flatten = first(network, LayerKind.FLATTEN);
        if (flatten >= 0) {
            LayerDescription l = network.layer(flatten);
            f.put("flatten.name", l.name());
            f.put("flatten.inShape", shape(l.inputShape()));
            f.put("flatten.out", count.format(l.outputShape().size()));
        }
        int output = first(network, LayerKind.OUTPUT);
        if (output >= 0) {
            LayerDescription l = network.layer(output);
            f.put(
                    "dense.weights",
                    count.format((long) l.inputShape().size() * l.outputShape().size()));
        }

        if (snapshot != null && !network.classes().isEmpty()) {
            int[] ranking = snapshot.ranking();
            NumberFormat logit = NumberFormat.getNumberInstance(locale);
            logit.setMinimumFractionDigits(2);
            logit.setMaximumFractionDigits(2);
            f.put("top.class", classNames.apply(network.classes().get(ranking[0])));
            f.put("top.percent", percent.format(100.0 * snapshot.probability(ranking[0])));
            f.put("top.logit", logit.format(snapshot.logit(ranking[0])));
            if (ranking.length > 1) {
                f.put("second.class", classNames.apply(network.classes().get(ranking[1])));
                f.put("second.percent", percent.format(100.0 * snapshot.probability(ranking[1])));
                f.put("second.logit", logit.format(snapshot.logit(ranking[1])));
            }
        }
        return f;
    }

    private static int first(NetworkDescription network, LayerKind kind) {
        return network.firstIndex(l -> l.kind() == kind);
    }

    /** Height x width x channels, as the article writes shapes. */
    static String shape(Shape s) {
        return s.isVector()
                ? Integer.toString(s.channels())
                : s.height() + " \u00d7 " + s.width() + " \u00d7 " + s.channels();
    }
}
