package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.convscope.network.Shape;

/**
 * Reads and checks the fields of a Keras 2 layer configuration, as TensorFlow.js {@code model.json} files and Keras
 * {@code .json} files write them: each size positive and within bounds, each pair one number or two, so that a
 * damaged file is refused with "model.json: layer 'conv': kernel_size [3, 3, 3] is not one number or a (height,
 * width) pair" rather than by an exception deep inside DL4J.
 */
final class KerasLayerConfig {

    private KerasLayerConfig() {}

    /**
     * Checks the sizes of every layer of a Keras configuration before DL4J's importer reads it (the importer fails on
     * such fields with internal errors, or allocates what a huge size asks for).
     */
    static void check(String file, JsonNode config) throws ModelLoadException {
        JsonNode layers = config.path("config").isArray()
                ? config.path("config")
                : config.path("config").path("layers");
        if (!layers.isArray()) {
            throw new ModelLoadException(file + ": config has no list of layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            JsonNode c = layer.path("config");
            if (!layer.path("class_name").isTextual() || !c.isObject()) {
                throw new ModelLoadException(file + ": layer " + (i + 1) + " has no class_name and config");
            }
            String name = c.path("name").isTextual() ? c.path("name").asText() : "layer " + (i + 1);
            switch (layer.path("class_name").asText()) {
                case "Conv2D" -> {
                    ModelChecks.size(file, name, "filters", c.path("filters"), ModelChecks.MAX_LAYER_SIZE);
                    pair(file, name, c, "kernel_size");
                    optionalPair(file, name, c, "strides");
                    optionalPair(file, name, c, "dilation_rate");
                }
                case "MaxPooling2D", "AveragePooling2D" -> {
                    pair(file, name, c, "pool_size");
                    optionalPair(file, name, c, "strides");
                }
                case "ZeroPadding2D" -> padding(file, name, c.path("padding"));
                case "Dense" -> ModelChecks.size(file, name, "units", c.path("units"), ModelChecks.MAX_LAYER_SIZE);
                default -> {}
            }
        }
    }

    private static void optionalPair(String file, String layer, JsonNode c, String key) throws ModelLoadException {
        if (c.has(key) && !c.path(key).isNull()) {
            pair(file, layer, c, key);
        }
    }

    static Shape inputShape(JsonNode batchInputShape, String file) throws ModelLoadException {
        if (!batchInputShape.isArray() || batchInputShape.size() != 4) {
            throw new ModelLoadException(file + ": batch_input_shape " + ModelChecks.shortText(batchInputShape)
                    + " is not (batch, height, width, channels); ConvScope explains image models");
        }
        long[] d = new long[4];
        for (int i = 1; i < 4; i++) {
            JsonNode v = batchInputShape.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new ModelLoadException(file + ": batch_input_shape " + ModelChecks.shortText(batchInputShape)
                        + " does not give the input's size as whole numbers");
            }
            d[i] = v.asLong();
        }
        return ModelChecks.input(file, d[1], d[2], d[3]);
    }

    /** Largest kernel, stride, pool or dilation side a configuration may state. */
    private static final int MAX_WINDOW = 4_096;

    /** A Keras (height, width) pair written as one number or a list of two, each positive. */
    static int[] pair(String file, String layer, JsonNode c, String key) throws ModelLoadException {
        JsonNode v = c.path(key);
        if (v.isArray() && v.size() == 2) {
            return new int[] {
                ModelChecks.size(file, layer, key, v.get(0), MAX_WINDOW),
                ModelChecks.size(file, layer, key, v.get(1), MAX_WINDOW)
            };
        }
        if (v.isArray()) {
            throw new ModelLoadException(file + ": layer '" + layer + "': " + key + " " + ModelChecks.shortText(v)
                    + " is not one number or a (height, width) pair");
        }
        int n = ModelChecks.size(file, layer, key, v, MAX_WINDOW);
        return new int[] {n, n};
    }

    /** ZeroPadding2D's padding: n, (rows, columns) or ((top, bottom), (left, right)), as top, bottom, left, right. */
    static int[] padding(String file, String layer, JsonNode p) throws ModelLoadException {
        if (p.isIntegralNumber()) {
            int n = amount(file, layer, p);
            return new int[] {n, n, n, n};
        }
        if (p.isArray()
                && p.size() == 2
                && p.get(0).isIntegralNumber()
                && p.get(1).isIntegralNumber()) {
            int rows = amount(file, layer, p.get(0));
            int columns = amount(file, layer, p.get(1));
            return new int[] {rows, rows, columns, columns};
        }
        if (p.isArray()
                && p.size() == 2
                && p.get(0).isArray()
                && p.get(0).size() == 2
                && p.get(1).isArray()
                && p.get(1).size() == 2) {
            return new int[] {
                amount(file, layer, p.get(0).get(0)),
                amount(file, layer, p.get(0).get(1)),
                amount(file, layer, p.get(1).get(0)),
                amount(file, layer, p.get(1).get(1))
            };
        }
        throw new ModelLoadException(file + ": layer '" + layer + "': padding " + ModelChecks.shortText(p)
                + " is not n, (rows, columns) or ((top, bottom), (left, right))");
    }

    private static int amount(String file, String layer, JsonNode v) throws ModelLoadException {
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() == 0) {
            return 0;
        }
        return ModelChecks.size(file, layer, "padding", v, MAX_WINDOW);
    }
}
