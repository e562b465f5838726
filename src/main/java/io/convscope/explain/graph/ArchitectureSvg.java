package io.convscope.explain.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A laid-out graph as a standalone SVG document: one {@code <rect>} per visible node (a collapsed block's stacked look
 * is drawn with paths, so the rects count the boxes), one {@code <path>} per edge, the shape labels and the two label
 * lines of every box. Written by hand from the layout so the file matches the screen exactly.
 */
public final class ArchitectureSvg {

    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
    static final double CORNER = 6;
    /** Offset of each sheet behind a collapsed block's box. */
    static final double STACK_OFFSET = 4;

    private ArchitectureSvg() {}

    public static String of(GraphLayout layout, NodeLabels labels, boolean dark) {
        StringBuilder out = new StringBuilder();
        write(layout, labels, dark, out);
        return out.toString();
    }

    public static void write(GraphLayout layout, NodeLabels labels, boolean dark, Appendable out) {
        try {
            double w = layout.width();
            double h = layout.height();
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.append(String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                            + "height=\"%.0f\" viewBox=\"0 0 %.1f %.1f\" style=\"background:%s\" font-family=\"%s\">\n",
                    Math.ceil(w),
                    Math.ceil(h),
                    w,
                    h,
                    NodeColors.hex(NodeColors.background(dark)),
                    FONT));
            out.append("<title>").append(escape(layout.graph().graph().name())).append("</title>\n");
            out.append(String.format(
                    Locale.ROOT,
                    "<g fill=\"none\" stroke=\"%s\" stroke-width=\"1.3\">\n",
                    NodeColors.hex(NodeColors.edge(dark))));
            for (GraphLayout.Route r : layout.edges()) {
                out.append("<path d=\"").append(pathData(r)).append("\"/>\n");
            }
            out.append("</g>\n");
            out.append(String.format(
                    Locale.ROOT, "<g font-size=\"10\" fill=\"%s\">\n", NodeColors.hex(NodeColors.mutedText(dark))));
            for (EdgeLabels.Label l : EdgeLabels.of(layout)) {
                out.append(String.format(
                        Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", l.x(), l.y(), escape(l.text())));
            }
            out.append("</g>\n");
            for (GraphLayout.Box b : layout.nodes()) {
                VisibleGraph.Node n = b.node();
                String fill = NodeColors.hex(NodeColors.fill(n.type(), n.collapsedBlock(), dark));
                String stroke = NodeColors.hex(NodeColors.stroke(n.type(), n.collapsedBlock()));
                out.append("<g>");
                if (n.collapsedBlock()) {
                    for (int k = 2; k >= 1; k--) {
                        double o = k * STACK_OFFSET;
                        out.append(String.format(
                                Locale.ROOT,
                                "<path d=\"%s\" fill=\"%s\" stroke=\"%s\"/>",
                                roundedRect(b.x() + o, b.y() + o, b.width(), b.height()),
                                fill,
                                stroke));
                    }
                }
                out.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                                + "rx=\"%.0f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"%s/>",
                        b.x(),
                        b.y(),
                        b.width(),
                        b.height(),
                        CORNER,
                        fill,
                        stroke,
                        n.inPlace() ? " stroke-dasharray=\"4 3\"" : ""));
                out.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                                + "font-size=\"12\" font-weight=\"bold\" fill=\"%s\">%s</text>",
                        b.centerX(),
                        b.y() + b.height() * 0.42,
                        NodeColors.hex(NodeColors.text(dark)),
                        escape(labels.title(n))));
                out.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                                + "font-size=\"11\" fill=\"%s\">%s</text>",
                        b.centerX(),
                        b.y() + b.height() * 0.80,
                        NodeColors.hex(NodeColors.mutedText(dark)),
                        escape(labels.subtitle(n))));
                out.append("</g>\n");
            }
            out.append("</svg>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vertical-tangent cubic segments between consecutive route points (straight where the x is unchanged). */
    static String pathData(GraphLayout.Route r) {
        StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "M%.1f %.1f", r.xs()[0], r.ys()[0]));
        for (int i = 1; i < r.xs().length; i++) {
            double midY = (r.ys()[i - 1] + r.ys()[i]) / 2;
            d.append(String.format(
                    Locale.ROOT,
                    " C%.1f %.1f %.1f %.1f %.1f %.1f",
                    r.xs()[i - 1],
                    midY,
                    r.xs()[i],
                    midY,
                    r.xs()[i],
                    r.ys()[i]));
        }
        return d.toString();
    }

    private static String roundedRect(double x, double y, double w, double h) {
        double c = CORNER;
        return String.format(
                Locale.ROOT,
                "M%.1f %.1f h%.1f a%.0f %.0f 0 0 1 %.0f %.0f v%.1f a%.0f %.0f 0 0 1 -%.0f %.0f "
                        + "h-%.1f a%.0f %.0f 0 0 1 -%.0f -%.0f v-%.1f a%.0f %.0f 0 0 1 %.0f -%.0f z",
                x + c,
                y,
                w - 2 * c,
                c,
                c,
                c,
                c,
                h - 2 * c,
                c,
                c,
                c,
                c,
                w - 2 * c,
                c,
                c,
                c,
                c,
                h - 2 * c,
                c,
                c,
                c,
                c);
    }

    /** XML text and attribute escaping. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // characters XML 1.0 forbids are dropped rather than producing an unreadable file
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
