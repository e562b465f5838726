package io.convscope.network.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of an {@link ArchitectureGraph} as one line of JSON: {@code convscope summary --json} prints it and the
 * architecture window exports it, so both always agree. Plain Java (no JSON library), compact like Jackson's default
 * output:
 * <pre>
 * {"name", "layers": [{name, type, category, block, inputs, output_shape, output_count?, params, params_trainable,
 *   params_non_trainable, macs, other_ops, activation_bytes, in_place?, attributes?}],
 *  total_params, total_trainable_params, total_non_trainable_params, total_macs, total_other_ops,
 *  total_activation_bytes, peak_activation_bytes, param_bytes, "warnings": [...]}
 * </pre>
 */
public final class ArchitectureJson {

    private ArchitectureJson() {
    }

    public static String of(ArchitectureGraph g) {
        StringBuilder out = new StringBuilder(256 + 320 * g.nodes().size());
        write(g, out);
        return out.toString();
    }

    public static void write(ArchitectureGraph g, Appendable out) {
        try {
            Json j = new Json(out);
            j.open('{');
            j.field("name").string(g.name());
            j.field("layers").open('[');
            for (ArchitectureNode n : g.nodes()) {
                j.element().open('{');
                j.field("name").string(n.id());
                j.field("type").string(n.rawType());
                j.field("category").string(n.type().name().toLowerCase(Locale.ROOT));
                j.field("block").string(n.block());
                j.field("inputs").strings(n.inputIds());
                j.field("output_shape").open('[');
                for (int d : n.outputShape().dims()) {
                    j.element().number(d);
                }
                j.close(']');
                if (n.outputShape().batch() > 1) {
                    j.field("output_count").number(n.outputShape().batch());
                }
                j.field("params").number(n.params());
                j.field("params_trainable").number(n.trainableParams());
                j.field("params_non_trainable").number(n.nonTrainableParams());
                j.field("macs").number(n.multiplyAccumulates());
                j.field("other_ops").number(n.otherOperations());
                j.field("activation_bytes").number(n.activationBytes());
                if (n.inPlace()) {
                    j.field("in_place").raw("true");
                }
                if (!n.attributes().isEmpty()) {
                    j.field("attributes").open('{');
                    for (Map.Entry<String, String> a : n.attributes().entrySet()) {
                        j.field(a.getKey()).string(a.getValue());
                    }
                    j.close('}');
                }
                j.close('}');
            }
            j.close(']');
            j.field("total_params").number(g.params());
            j.field("total_trainable_params").number(g.trainableParams());
            j.field("total_non_trainable_params").number(g.nonTrainableParams());
            j.field("total_macs").number(g.multiplyAccumulates());
            j.field("total_other_ops").number(g.operations().other());
            j.field("total_activation_bytes").number(g.activationBytes());
            j.field("peak_activation_bytes").number(g.peakActivationBytes());
            j.field("param_bytes").number(g.paramBytes());
            j.field("warnings").strings(g.warnings());
            j.close('}');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal streaming writer: tracks whether a comma is due before the next member or element. */
    private static final class Json {
        private final Appendable out;
        private boolean first = true;

        Json(Appendable out) {
            this.out = out;
        }

        Json open(char bracket) throws IOException {
            out.append(bracket);
            first = true;
            return this;
        }

        void close(char bracket) throws IOException {
            out.append(bracket);
            first = false;
        }

        Json element() throws IOException {
            if (!first) {
                out.append(',');
            }
            first = false;
            return this;
        }

        Json field(String name) throws IOException {
            element();
            quote(name);
            out.append(':');
            return this;
        }

        void number(long value) throws IOException {
            out.append(Long.toString(value));
            first = false;
        }

        void raw(String literal) throws IOException {
            out.append(literal);
            first = false;
        }

        void string(String value) throws IOException {
            quote(value);
            first = false;
        }

        void strings(List<String> values) throws IOException {
            open('[');
            for (Iterator<String> it = values.iterator(); it.hasNext(); ) {
                element().string(it.next());
            }
            close(']');
        }

        /** RFC 8259 escaping: quote, backslash and control characters; everything else as is (UTF-8 output). */
        private void quote(String s) throws IOException {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
