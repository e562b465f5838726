package io.convscope.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.convscope.network.Shape;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What ModelLoader checks before and after DL4J builds a network, so that a damaged or hostile file is refused with
 * a sentence naming the file, the layer and the field ("model.json: layer 'conv_1_1': filters -3 is not a positive
 * number") rather than DL4J's or the JVM's internal text, a native allocation failure, or NaN predictions.
 */
final class ModelChecks {

    /**
     * Most parameters a model may have: 1.2 GB of float32 weights. VGG-19 has 144 million; without a bound, a
     * configuration that says {@code filters: 2000000000} makes DL4J try to allocate it natively and fail.
     */
    static final long MAX_PARAMETERS = 300_000_000L;
    /** Largest input height, width and channel count: a 4,096² RGB image is 50 M values, as far as the views go. */
    static final int MAX_INPUT_SIDE = 4_096;

    static final int MAX_INPUT_CHANNELS = 4_096;
    /** Largest layer size (filters, units) a configuration may ask for before its parameters are counted. */
    static final long MAX_LAYER_SIZE = 1_000_000L;

    private ModelChecks() {}

    /** The input size a model file or its metadata states: every side positive and within bounds. */
    static Shape input(String file, long height, long width, long channels) throws ModelLoadException {
        side(file, "input height", height, MAX_INPUT_SIDE);
        side(file, "input width", width, MAX_INPUT_SIDE);
        side(file, "input channels", channels, MAX_INPUT_CHANNELS);
        return new Shape((int) channels, (int) height, (int) width);
    }

    private static void side(String file, String field, long v, int max) throws ModelLoadException {
        if (v <= 0) {
            throw new ModelLoadException(file + ": " + field + " " + v + " is not a positive number");
        }
        if (v > max) {
            throw new ModelLoadException(String.format(
                    Locale.ROOT, "%s: %s %,d is larger than ConvScope's limit of %,d", file, field, v, max));
        }
    }

    /** The metadata beside a zip, or a ModelLoadException saying which field of which file is wrong. */
    static ModelMetadata metadata(Path json) throws ModelLoadException {
        return metadata(json, null);
    }

    /** As {@link #metadata(Path)}, from the JSON already read as {@code tree} when it is not null. */
    static ModelMetadata metadata(Path json, JsonNode tree) throws ModelLoadException {
        String file = ModelLoader.fileName(json);
        ModelMetadata m;
        try {
            m = tree == null ? ModelMetadata.read(json) : ModelMetadata.JSON.treeToValue(tree, ModelMetadata.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new ModelLoadException(
                    file + ": " + (field.isEmpty() ? "the model metadata" : "field " + field)
                            + " is missing or has the wrong type (expected name, classes, inputHeight, inputWidth, inputChannels)");
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(
                    file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ModelLoadException(file + " cannot be read");
        }
        if (m == null || m.classes() == null) {
            throw new ModelLoadException(file + ": classes is missing (a list of class names)");
        }
        input(file, m.inputHeight(), m.inputWidth(), m.inputChannels());
        return m;
    }

    /** A positive layer size (filters, units, kernel side) from a Keras/TF.js config, with its field named. */
    static int size(String file, String layer, String field, JsonNode v, long max) throws ModelLoadException {
        if (v.isMissingNode() || v.isNull()) {
            throw new ModelLoadException(file + ": layer '" + layer + "': " + field + " is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ModelLoadException(file + ": layer '" + layer + "': " + field + " "
                    + (v.isMissingNode() ? "is missing" : shortText(v) + " is not a whole number"));
        }
        long n = v.asLong();
        if (n <= 0) {
            throw new ModelLoadException(
                    file + ": layer '" + layer + "': " + field + " " + n + " is not a positive number");
        }
        if (n > max) {
            throw new ModelLoadException(String.format(
                    Locale.ROOT,
                    "%s: layer '%s': %s %,d is larger than ConvScope's limit of %,d",
                    file,
                    layer,
                    field,
                    n,
                    max));
        }
        return (int) n;
    }

    /** A JSON value as the user wrote it, cut short. */
    static String shortText(JsonNode v) {
        // Keras users write None where JSON has null
        String s = v.isTextual() ? "\"" + v.asText() + "\"" : v.toString().replace("null", "None");
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** Refuses a configuration whose parameters would not fit, before DL4J allocates them. */
    static void parameterCount(String file, MultiLayerConfiguration conf) throws ModelLoadException {
        long total = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            long n;
            try {
                n = c.getLayer().initializer().numParams(c);
            } catch (ArithmeticException | IllegalStateException e) {
                n = Long.MAX_VALUE;
            }
            if (n < 0 || n > MAX_PARAMETERS - total) {
                throw new ModelLoadException(String.format(
                        Locale.ROOT,
                        "%s: layer '%s' would bring the model to more " + "than %,d parameters, ConvScope's limit",
                        file,
                        layerName(c, i),
                        MAX_PARAMETERS));
            }
            total += n;
        }
    }

    private static String layerName(NeuralNetConfiguration c, int i) {
        String name = c.getLayer().getLayerName();
        return name != null ? name : "layer_" + i;
    }

    /** Refuses weights that are NaN or infinite: every prediction would be NaN. */
    static void finiteWeights(String file, MultiLayerNetwork net) throws ModelLoadException {
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            for (Map.Entry<String, INDArray> p : layers[i].paramTable().entrySet()) {
                if (p.getValue().length() > 0 && BooleanIndexing.or(p.getValue(), Conditions.notFinite())) {
                    String name = layers[i].conf().getLayer().getLayerName();
                    throw new ModelLoadException(file + ": layer '" + (name != null ? name : "layer_" + i) + "': "
                            + (p.getKey().equals("b")
                                    ? "its bias includes"
                                    : p.getKey().equals("W")
                                            ? "its weights include"
                                            : "parameter " + p.getKey() + " includes")
                            + " NaN or infinite values; such a model cannot predict anything");
                }
            }
        }
    }

    /**
     * The reason to give when DL4J refuses a file: its Keras importer's own sentences are meant for users; anything
     * else (a NullPointerException deep inside, an index out of range) says only that the file is damaged.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            boolean meantForUsers = t instanceof InvalidKerasConfigurationException
                    || t instanceof UnsupportedKerasConfigurationException
                    || t instanceof DL4JException;
            if (meantForUsers && t.getMessage() != null && !t.getMessage().isBlank()) {
                String m = t.getMessage().lines().findFirst().orElse("").strip();
                // DL4J appends a link to its docs and sometimes the exception's own name
                m = m.replaceAll("\\s*(For more information|See|Please file an issue)\\b.*$", "");
                if (!m.isEmpty() && !looksRaw(m)) {
                    return "DL4J says: " + m;
                }
            }
        }
        if (e instanceof OutOfMemoryError || String.valueOf(e.getMessage()).contains("alloc")) {
            return "it needs more memory than is available";
        }
        return "its contents are damaged or use something ConvScope cannot read";
    }

    /** Text that reads like a program's internals rather than a sentence for the user. */
    static boolean looksRaw(String m) {
        return m.matches(
                        "(?s).*(Exception|Error\\b|Cannot invoke|\\bnull\\b|Index \\d|fromIndex|std::|\\bat [a-z]+\\.).*")
                || m.strip().matches("-?\\d+");
    }
}
