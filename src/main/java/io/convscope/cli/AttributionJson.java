package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.network.AttributionMap;
import io.convscope.network.SanityStep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code attribute}'s output: one JSON object per image (the raw map and its summary), or a few lines of text. */
final class AttributionJson {

    private AttributionJson() {}

    /**
     * {@code image, method, class, classIndex, layer, logit, shape, values} as issue 16 specifies them (values raw,
     * before normalisation or upsampling; shape {@code [C, H, W]} for the input methods, {@code [H, W]} for the CAMs
     * and occlusion), plus {@code parameters}, {@code min}, {@code max}, {@code sum}, {@code randomWeights}, IG's
     * {@code baseline_logit} and {@code completeness}, and the CAMs' {@code alpha} (Grad-CAM) or {@code weights}
     * (Grad-CAM++).
     */
    static ObjectNode of(
            ObjectMapper mapper, Path image, AttributionMap map, AttributionSettings s, AttributionMethod method) {
        ObjectNode o = mapper.createObjectNode();
        o.put("image", image.toString());
        o.put("method", map.method());
        o.put("class", map.targetName());
        o.put("classIndex", map.target());
        o.put("layer", map.layer());
        o.put("logit", map.logit());
        ArrayNode shape = o.putArray("shape");
        if (map.overInputChannels()) {
            shape.add(map.shape().channels());
        }
        shape.add(map.shape().height()).add(map.shape().width());
        ObjectNode parameters = o.putObject("parameters");
        switch (method) {
            case SMOOTHGRAD -> parameters
                    .put("samples", s.samples())
                    .put("sigma", s.sigma())
                    .put("seed", s.seed());
            case INTEGRATED_GRADIENTS -> parameters
                    .put("steps", s.steps())
                    .put("baseline", s.baseline().id());
            case OCCLUSION -> parameters
                    .put("window", s.window())
                    .put("stride", s.stride())
                    .put("fill", s.fill());
            default -> {}
        }
        o.put("min", map.min());
        o.put("max", map.max());
        o.put("sum", map.sum());
        o.put("randomWeights", map.randomWeights());
        if (method == AttributionMethod.INTEGRATED_GRADIENTS) {
            o.put("baseline_logit", map.figures().get("baselineLogit"));
            ObjectNode c = o.putObject("completeness");
            for (String key :
                    new String[] {"attributionSum", "logitDifference", "completenessError", "relativeError"}) {
                c.put(key, map.figures().get(key));
            }
        }
        if (map.channelWeights() != null) {
            ArrayNode weights = o.putArray(method == AttributionMethod.GRAD_CAM ? "alpha" : "weights");
            for (float w : map.channelWeights()) {
                weights.add(w);
            }
        }
        ArrayNode values = o.putArray("values");
        for (float v : map.values()) {
            values.add(v);
        }
        return o;
    }

    static void printText(PrintWriter out, Path image, AttributionMap map, AttributionMethod method) {
        out.println(image);
        out.printf(
                Locale.ROOT,
                "  %s of %s (logit %.4f)%s: %s, min %.6g, max %.6g, sum %.6g%n",
                map.method(),
                map.targetName(),
                map.logit(),
                map.layer() == null ? "" : " at " + map.layer(),
                map.shape(),
                map.min(),
                map.max(),
                map.sum());
        if (method == AttributionMethod.INTEGRATED_GRADIENTS) {
            out.printf(
                    Locale.ROOT,
                    "  completeness: attributions sum to %.6f, y(x) - y(baseline) = %.6f - %.6f ="
                            + " %.6f (error %.6f, %.3f %%)%n",
                    map.figures().get("attributionSum"),
                    map.logit(),
                    map.figures().get("baselineLogit"),
                    map.figures().get("logitDifference"),
                    map.figures().get("completenessError"),
                    100 * map.figures().get("relativeError"));
        }
        if (map.channelWeights() != null) {
            StringBuilder b = new StringBuilder(method == AttributionMethod.GRAD_CAM ? "  alpha_k:" : "  w_k:");
            for (float w : map.channelWeights()) {
                b.append(String.format(Locale.ROOT, " %.4g", w));
            }
            out.println(b);
        }
    }

    /** The sanity check's steps as {@code sanity: [{randomisedDownTo, spearman, ssim}]}, when it was run. */
    static ObjectNode withSanity(ObjectNode o, List<SanityStep> steps) {
        if (!steps.isEmpty()) {
            ArrayNode a = o.putArray("sanity");
            for (SanityStep s : steps) {
                a.addObject()
                        .put("randomisedDownTo", s.layer())
                        .put("spearman", s.spearman())
                        .put("ssim", s.similarity());
            }
        }
        return o;
    }

    static void printSanity(PrintWriter out, List<SanityStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        out.println("  sanity check, weights randomised from the top down to:");
        for (SanityStep s : steps) {
            out.printf(Locale.ROOT, "    %-16s Spearman %6.3f  SSIM %6.3f%n", s.layer(), s.spearman(), s.similarity());
        }
    }
}
