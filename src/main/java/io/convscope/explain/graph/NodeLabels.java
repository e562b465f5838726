package io.convscope.explain.graph;

import io.convscope.network.graph.ArchitectureNode;

import java.util.Locale;
import java.util.Map;

/**
 * The two text lines of a box, shared by the screen view and the SVG export so both say the same: the title (layer or
 * block name) and a short type line ({@code Convolution 7×7 /2}, {@code Subsampling MAX 3×3 /2}, or for a collapsed
 * block the translated count of its layers).
 *
 * @param blockFormat a {@code String.format} pattern taking the layer count ({@code %d layers})
 */
public record NodeLabels(String blockFormat) {

    private static final String[] TYPE_SUFFIXES = {"Layer", "Vertex"};

    public String title(VisibleGraph.Node n) {
        return n.title();
    }

    public String subtitle(VisibleGraph.Node n) {
        return n.collapsedBlock() ? String.format(blockFormat, n.members().size()) : shortType(n.layer());
    }

    /** The framework type without its {@code Layer}/{@code Vertex} suffix, plus pooling mode, kernel and stride. */
    public static String shortType(ArchitectureNode n) {
        String type = n.rawType();
        for (String suffix : TYPE_SUFFIXES) {
            if (type.endsWith(suffix) && type.length() > suffix.length()) {
                type = type.substring(0, type.length() - suffix.length());
            }
        }
        Map<String, String> a = n.attributes();
        StringBuilder s = new StringBuilder(type);
        if (a.containsKey("pool")) {
            s.append(' ').append(a.get("pool"));
        }
        if (a.containsKey("activation") && !type.toLowerCase(Locale.ROOT).contains(a.get("activation"))) {
            s.append(' ').append(a.get("activation"));
        }
        String kernel = a.get("kernel");
        if (kernel != null) {
            s.append(' ').append(kernel.contains("×") ? kernel : kernel + "×" + kernel);
        }
        String stride = a.get("stride");
        if (stride != null && !stride.equals("1") && !stride.equals("1×1")) {
            s.append(" /").append(stride);
        }
        return s.toString();
    }

    public double width(VisibleGraph.Node n, LayoutMetrics m) {
        return m.nodeWidth(title(n), subtitle(n));
    }
}
