package io.convscope.network.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of an {@link ArchitectureGraph} as one line of JSON: {@code convscope summary --json} prints it and the
 * architecture window exports it, so both always agree. Written with Jackson's streaming generator (compact output):
 * <pre>
 * {"name", "layers": [{name, type, category, block, inputs, output_shape, output_count?, params, params_trainable,
 *   params_non_trainable, macs, other_ops, activation_bytes, in_place?, attributes?}],
 *  total_params, total_trainable_params, total_non_trainable_params, total_macs, total_other_ops,
 *  total_activation_bytes, peak_activation_bytes, param_bytes, "warnings": [...]}
 * </pre>
 */
public final class ArchitectureJson {

    /** The caller owns the writer: the generator never closes it. */
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private ArchitectureJson() {}

    public static String of(ArchitectureGraph g) {
        StringWriter out = new StringWriter(256 + 320 * g.nodes().size());
        write(g, out);
        return out.toString();
    }

    public static void write(ArchitectureGraph g, Writer out) {
        try (JsonGenerator j = JSON.createGenerator(out)) {
            j.writeStartObject();
            j.writeStringField("name", g.name());
            j.writeArrayFieldStart("layers");
            for (ArchitectureNode n : g.nodes()) {
                layer(j, n);
            }
            j.writeEndArray();
            j.writeNumberField("total_params", g.params());
            j.writeNumberField("total_trainable_params", g.trainableParams());
            j.writeNumberField("total_non_trainable_params", g.nonTrainableParams());
            j.writeNumberField("total_macs", g.multiplyAccumulates());
            j.writeNumberField("total_other_ops", g.operations().other());
            j.writeNumberField("total_activation_bytes", g.activationBytes());
            j.writeNumberField("peak_activation_bytes", g.peakActivationBytes());
            j.writeNumberField("param_bytes", g.paramBytes());
            strings(j, "warnings", g.warnings());
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void layer(JsonGenerator j, ArchitectureNode n) throws IOException {
        j.writeStartObject();
        j.writeStringField("name", n.id());
        j.writeStringField("type", n.rawType());
        j.writeStringField("category", n.type().name().toLowerCase(Locale.ROOT));
        j.writeStringField("block", n.block());
        strings(j, "inputs", n.inputIds());
        j.writeArrayFieldStart("output_shape");
        for (int d : n.outputShape().dims()) {
            j.writeNumber(d);
        }
        j.writeEndArray();
        if (n.outputShape().batch() > 1) {
            j.writeNumberField("output_count", n.outputShape().batch());
        }
        j.writeNumberField("params", n.params());
        j.writeNumberField("params_trainable", n.trainableParams());
        j.writeNumberField("params_non_trainable", n.nonTrainableParams());
        j.writeNumberField("macs", n.multiplyAccumulates());
        j.writeNumberField("other_ops", n.otherOperations());
        j.writeNumberField("activation_bytes", n.activationBytes());
        if (n.inPlace()) {
            j.writeBooleanField("in_place", true);
        }
        if (!n.attributes().isEmpty()) {
            j.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : n.attributes().entrySet()) {
                j.writeStringField(a.getKey(), a.getValue());
            }
            j.writeEndObject();
        }
        j.writeEndObject();
    }

    private static void strings(JsonGenerator j, String name, List<String> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }
}
