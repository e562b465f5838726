package io.convscope.explain.graph;

import io.convscope.network.graph.ArchitectureNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which row of the "How is this counted?" table (docs/cost-formulas.md) applies to a layer. The rows' text lives in the
 * UI's resource bundle under {@code architecture.help.<row>.name/.params/.macs/.other}.
 */
public final class CostFormulas {

    /** Row ids in the order the help panel lists them. */
    public static final List<String> ROWS = List.of(
            "conv",
            "separable",
            "deconv",
            "dense",
            "maxpool",
            "avgpool",
            "batchnorm",
            "caffebn",
            "scale",
            "lrn",
            "relu",
            "elu",
            "softmax",
            "eltwise",
            "reshape");

    private CostFormulas() {}

    /** The row for {@code n}, empty for inputs and types the analyzer does not count. */
    public static Optional<String> rowFor(ArchitectureNode n) {
        String raw = n.rawType().toLowerCase(Locale.ROOT);
        String activation = n.attributes().getOrDefault("activation", "").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(
                switch (n.type()) {
                    case CONVOLUTION -> "conv";
                    case SEPARABLE_CONVOLUTION -> "separable";
                    case DECONVOLUTION -> "deconv";
                    case DENSE -> "dense";
                    case POOLING -> n.attributes()
                                    .getOrDefault("pool", "MAX")
                                    .toUpperCase(Locale.ROOT)
                                    .startsWith("AV")
                            ? "avgpool"
                            : "maxpool";
                    case NORMALIZATION -> raw.equals("batchnorm")
                            ? "caffebn"
                            : raw.startsWith("batchnorm")
                                    ? "batchnorm"
                                    : raw.equals("scale") || raw.equals("bias")
                                            ? "scale"
                                            : raw.contains("lrn") ? "lrn" : null;
                    case ACTIVATION -> raw.contains("elu") && !raw.contains("relu") || activation.equals("elu")
                            ? "elu"
                            : raw.contains("sigmoid")
                                            || raw.contains("tanh")
                                            || activation.contains("sigmoid")
                                            || activation.contains("tanh")
                                            || activation.contains("softmax")
                                    ? "softmax"
                                    : "relu";
                    case MERGE -> raw.contains("concat") || raw.contains("merge") ? "reshape" : "eltwise";
                    case RESHAPE, DROPOUT -> "reshape";
                        // DL4J's output layers are dense layers with their activation; Caffe's Softmax has no weights
                    case OUTPUT -> n.params() > 0
                            ? "dense"
                            : raw.contains("softmax") || raw.contains("loss") ? "softmax" : null;
                    case INPUT, OTHER -> null;
                });
    }
}
