package io.convscope.explain.graph;

import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The per-layer table as CSV (RFC 4180, UTF-8): one row per layer with the {@code summary --json} field names as
 * headers, then a {@code TOTAL} row whose numbers are the graph's totals, and a {@code PEAK} row with the peak
 * activation memory estimate in the activation column. Raw numbers, no thousands separators, so spreadsheets read them.
 */
public final class ArchitectureCsv {

    public static final List<String> HEADER = List.of(
            "name",
            "type",
            "category",
            "block",
            "output_shape",
            "params_trainable",
            "params_non_trainable",
            "macs",
            "other_ops",
            "activation_bytes");
    public static final String TOTAL = "TOTAL";
    public static final String PEAK = "PEAK";

    private ArchitectureCsv() {}

    public static String of(ArchitectureGraph g) {
        StringBuilder out = new StringBuilder();
        write(g, out);
        return out.toString();
    }

    public static void write(ArchitectureGraph g, Appendable out) {
        try {
            row(out, HEADER);
            for (ArchitectureNode n : g.nodes()) {
                row(
                        out,
                        List.of(
                                n.id(),
                                n.rawType(),
                                n.type().name().toLowerCase(Locale.ROOT),
                                n.block(),
                                n.outputShape().toString(),
                                Long.toString(n.trainableParams()),
                                Long.toString(n.nonTrainableParams()),
                                Long.toString(n.multiplyAccumulates()),
                                Long.toString(n.otherOperations()),
                                Long.toString(n.activationBytes())));
            }
            row(
                    out,
                    List.of(
                            TOTAL,
                            "",
                            "",
                            "",
                            "",
                            Long.toString(g.trainableParams()),
                            Long.toString(g.nonTrainableParams()),
                            Long.toString(g.multiplyAccumulates()),
                            Long.toString(g.operations().other()),
                            Long.toString(g.activationBytes())));
            row(out, List.of(PEAK, "", "", "", "", "", "", "", "", Long.toString(g.peakActivationBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** Quotes a field that holds a comma, quote or line break, doubling its quotes. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
