package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TensorFlow.js "layers-model" ({@code model.json} + binary weight shards), such as CNN Explainer's Tiny VGG,
 * into an NCHW DL4J network. The topology inside is a Keras Sequential config; weights are little-endian float32
 * in manifest order, kernels HWIO (converted to DL4J's OIHW), dense rows in channels-last flatten order (re-ordered).
 */
final class TfjsModelImporter {

    /** A Keras layer we build, with the manifest names of its parameters. */
    private record Built(Layer layer, String kerasName, String kind) {}

    private TfjsModelImporter() {}

    static boolean isTfjsModel(Path json) {
        try {
            JsonNode root = ModelMetadata.JSON.readTree(json.toFile());
            return root.has("modelTopology") && root.has("weightsManifest");
        } catch (IOException e) {
            return false;
        }
    }

    static ImportedModel load(Path modelJson) throws ModelLoadException {
        String file = modelJson.getFileName().toString();
        JsonNode root;
        try {
            root = ModelMetadata.JSON.readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        String format = root.path("format").asText("layers-model");
        if (!format.equals("layers-model")) {
            throw new ModelLoadException(file + " is a TensorFlow.js " + format
                    + "; ConvScope reads layers-models (tfjs.converters.save_keras_model)");
        }
        JsonNode topology = root.path("modelTopology");
        JsonNode config = topology.has("model_config") ? topology.path("model_config") : topology;
        if (!"Sequential".equals(config.path("class_name").asText())) {
            throw new ModelLoadException(file + " holds a "
                    + config.path("class_name").asText("non-Keras") + " model; ConvScope reads Sequential models");
        }
        JsonNode layerList = config.path("config").isArray()
                ? config.path("config")
                : config.path("config").path("layers");
        if (!layerList.isArray()) {
            throw new ModelLoadException(file + ": modelTopology has no list of layers");
        }
        Map<String, float[]> weights = readWeights(modelJson, root.path("weightsManifest"));
        return build(layerList, weights, file);
    }

    /** Reads every shard of every manifest group; values keyed by weight name. */
    private static Map<String, float[]> readWeights(Path modelJson, JsonNode manifest) throws ModelLoadException {
        Map<String, float[]> out = new HashMap<>();
        String file = ModelLoader.fileName(modelJson);
        if (!manifest.isArray()) {
            throw new ModelLoadException(file + ": weightsManifest is not a list of weight groups");
        }
        for (JsonNode group : manifest) {
            ByteBuffer data = concatShards(modelJson, group.path("paths"));
            if (!group.path("weights").isArray()) {
                throw new ModelLoadException(file + ": a weightsManifest group has no list of weights");
            }
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                if (!w.path("name").isTextual() || name.isEmpty()) {
                    throw new ModelLoadException(file + ": a weight in weightsManifest has no name");
                }
                if (!w.path("dtype").asText("float32").equals("float32") || w.has("quantization")) {
                    throw new ModelLoadException(file + ": weight '" + name + "' is stored as "
                            + w.path("dtype").asText() + (w.has("quantization") ? " (quantized)" : "")
                            + "; ConvScope reads float32 weights");
                }
                if (!w.path("shape").isArray()) {
                    throw new ModelLoadException(file + ": weight '" + name + "': shape is missing");
                }
                long count = 1;
                boolean overflow = false;
                for (JsonNode d : w.path("shape")) {
                    if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                        throw new ModelLoadException(file + ": weight '" + name + "': shape "
                                + ModelChecks.shortText(w.path("shape")) + " is not a list of sizes");
                    }
                    try {
                        count = Math.multiplyExact(count, d.asLong());
                    } catch (ArithmeticException e) {
                        overflow = true;
                    }
                }
                if (overflow || count > data.remaining() / 4) {
                    throw new ModelLoadException("the weight files of " + file
                            + " are shorter than its manifest says (missing " + name + ")");
                }
                float[] values = new float[(int) count];
                data.asFloatBuffer().get(values);
                data.position(data.position() + (int) count * 4);
                out.put(name, values);
            }
        }
        return out;
    }

    private static ByteBuffer concatShards(Path modelJson, JsonNode paths) throws ModelLoadException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        String file = ModelLoader.fileName(modelJson);
        if (!paths.isArray()) {
            throw new ModelLoadException(file + ": a weightsManifest group has no list of paths");
        }
        for (JsonNode p : paths) {
            Path shard;
            try {
                shard = p.isTextual() && !p.asText().isEmpty() ? modelJson.resolveSibling(p.asText()) : null;
            } catch (InvalidPathException e) {
                shard = null;
            }
            if (shard == null) {
                throw new ModelLoadException(
                        file + ": weight file path " + ModelChecks.shortText(p) + " is not a file name");
            }
            if (!Files.isRegularFile(shard)) {
                throw new ModelLoadException("the weight file " + p.asText() + " named by " + file + " is missing");
            }
            try {
                if (Files.size(shard) > Integer.MAX_VALUE - 8 - total) {
                    throw new ModelLoadException(
                            "the weight files of " + file + " are larger than 2 GB, ConvScope's limit");
                }
                byte[] bytes = Files.readAllBytes(shard);
                parts.add(bytes);
                total += bytes.length;
            } catch (IOException e) {
                throw new ModelLoadException("the weight file " + p.asText() + " named by " + file + " cannot be read");
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static ImportedModel build(JsonNode layers, Map<String, float[]> weights, String file)
            throws ModelLoadException {
        Shape input = null;
        List<Built> built = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String type = layer.path("class_name").asText();
            JsonNode c = layer.path("config");
            String name = c.path("name").asText(type + "_" + i);
            if (c.has("batch_input_shape") && input == null) {
                input = KerasLayerConfig.inputShape(c.path("batch_input_shape"), file);
            }
            if (c.has("data_format")
                    && !"channels_last".equals(c.path("data_format").asText())) {
                throw new ModelLoadException(
                        file + ": layer '" + name + "': data_format " + ModelChecks.shortText(c.path("data_format"))
                                + " is not channels_last, which ConvScope reads");
            }
            boolean last = i == layers.size() - 1;
            switch (type) {
                case "InputLayer" -> {}
                case "Conv2D" -> built.add(new Built(
                        new ConvolutionLayer.Builder(KerasLayerConfig.pair(file, name, c, "kernel_size"))
                                .name(name)
                                .nOut(ModelChecks.size(
                                        file, name, "filters", c.path("filters"), ModelChecks.MAX_LAYER_SIZE))
                                .stride(
                                        c.has("strides")
                                                ? KerasLayerConfig.pair(file, name, c, "strides")
                                                : new int[] {1, 1})
                                .dilation(
                                        c.has("dilation_rate")
                                                ? KerasLayerConfig.pair(file, name, c, "dilation_rate")
                                                : new int[] {1, 1})
                                .convolutionMode(mode(c))
                                .hasBias(c.path("use_bias").asBoolean(true))
                                .activation(activation(c, name))
                                .build(),
                        name,
                        "conv"));
                case "Activation" -> built.add(new Built(
                        new ActivationLayer.Builder()
                                .name(name)
                                .activation(activation(c, name))
                                .build(),
                        name,
                        "act"));
                case "ReLU" -> built.add(new Built(
                        new ActivationLayer.Builder()
                                .name(name)
                                .activation(Activation.RELU)
                                .build(),
                        name,
                        "act"));
                case "MaxPooling2D", "AveragePooling2D" -> {
                    int[] pool = KerasLayerConfig.pair(file, name, c, "pool_size");
                    int[] strides = c.path("strides").isNull() || !c.has("strides")
                            ? pool
                            : KerasLayerConfig.pair(file, name, c, "strides");
                    built.add(new Built(
                            new SubsamplingLayer.Builder(type.startsWith("Max") ? PoolingType.MAX : PoolingType.AVG)
                                    .name(name)
                                    .kernelSize(pool)
                                    .stride(strides)
                                    .convolutionMode(mode(c))
                                    .avgPoolIncludePadInDivisor(false)
                                    .build(),
                            name,
                            "pool"));
                }
                case "ZeroPadding2D" -> {
                    int[] tblr = KerasLayerConfig.padding(file, name, c.path("padding"));
                    built.add(new Built(
                            new ZeroPaddingLayer.Builder(tblr).name(name).build(), name, "pad"));
                }
                case "Flatten", "Dropout" -> {} // flatten is DL4J's preprocessor; dropout does nothing at inference
                case "Dense" -> {
                    int units = ModelChecks.size(file, name, "units", c.path("units"), ModelChecks.MAX_LAYER_SIZE);
                    Activation a = activation(c, name);
                    Layer d = last
                            ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                    .name(name)
                                    .nOut(units)
                                    .activation(a)
                                    .hasBias(c.path("use_bias").asBoolean(true))
                                    .build()
                            : new DenseLayer.Builder()
                                    .name(name)
                                    .nOut(units)
                                    .activation(a)
                                    .hasBias(c.path("use_bias").asBoolean(true))
                                    .build();
                    built.add(new Built(d, name, "dense"));
                }
                default -> throw new ModelLoadException(file + ": layer '" + name + "' is a "
                        + ModelChecks.shortText(layer.path("class_name")) + ", which ConvScope cannot load yet "
                        + "(supported: Conv2D, Activation, ReLU, MaxPooling2D, AveragePooling2D, ZeroPadding2D, Flatten, "
                        + "Dropout, Dense)");
            }
        }
        if (input == null) {
            throw new ModelLoadException(file + " does not say its input shape (batch_input_shape)");
        }
        if (built.isEmpty()) {
            throw new ModelLoadException(file + " has no layers");
        }
        var list = new NeuralNetConfiguration.Builder().seed(0).list();
        for (Built b : built) {
            list.layer(b.layer());
        }
        MultiLayerNetwork net;
        try {
            list.setInputType(InputType.convolutional(input.height(), input.width(), input.channels()));
            var conf = list.build();
            ModelChecks.parameterCount(file, conf);
            net = new MultiLayerNetwork(conf);
            net.init();
        } catch (RuntimeException e) {
            // e.g. a kernel larger than the map it slides over, which DL4J finds while it infers the shapes
            throw new ModelLoadException(
                    file + ": the layers do not fit the input " + input.height() + "x" + input.width() + "x"
                            + input.channels() + ": " + ModelChecks.reason(e),
                    e);
        }
        for (int i = 0; i < built.size(); i++) {
            Built b = built.get(i);
            switch (b.kind()) {
                case "conv" -> {
                    ConvolutionLayer conf = (ConvolutionLayer) b.layer();
                    long[] shape = net.getLayer(i).getParam("W").shape(); // [out, in, kh, kw]
                    float[] hwio = weight(weights, b.kerasName(), "kernel", shape[0] * shape[1] * shape[2] * shape[3]);
                    INDArray w = Nd4j.create(hwio, new long[] {shape[2], shape[3], shape[1], shape[0]}, 'c')
                            .permute(3, 2, 0, 1)
                            .dup('c');
                    net.getLayer(i).setParam("W", w);
                    if (conf.hasBias()) {
                        net.getLayer(i)
                                .setParam(
                                        "b",
                                        Nd4j.create(weight(weights, b.kerasName(), "bias", shape[0]), 1, shape[0]));
                    }
                }
                case "dense" -> {
                    long[] shape = net.getLayer(i).getParam("W").shape(); // [in, out]
                    float[] kernel = weight(weights, b.kerasName(), "kernel", shape[0] * shape[1]);
                    if (net.getLayerWiseConfigurations().getInputPreProcess(i)
                            instanceof CnnToFeedForwardPreProcessor p) {
                        kernel = hwcRowsToChw(
                                kernel,
                                (int) p.getNumChannels(),
                                (int) p.getInputHeight(),
                                (int) p.getInputWidth(),
                                (int) shape[1]);
                    }
                    net.getLayer(i).setParam("W", Nd4j.create(kernel, shape, 'c'));
                    boolean hasBias =
                            b.layer() instanceof DenseLayer dl ? dl.hasBias() : ((OutputLayer) b.layer()).hasBias();
                    if (hasBias) {
                        net.getLayer(i)
                                .setParam(
                                        "b",
                                        Nd4j.create(weight(weights, b.kerasName(), "bias", shape[1]), 1, shape[1]));
                    }
                }
                default -> {}
            }
        }
        return new ImportedModel(net, input);
    }

    /** A loaded network and the input it expects. */
    record ImportedModel(MultiLayerNetwork network, Shape input) {}

    /** Keras flattens (h, w, c); DL4J's NCHW flatten is (c, h, w): move each row to its channel-major place. */
    private static float[] hwcRowsToChw(float[] kernel, int c, int h, int w, int units) {
        float[] out = new float[kernel.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    int from = ((y * w + x) * c + ch) * units;
                    int to = ((ch * h + y) * w + x) * units;
                    System.arraycopy(kernel, from, out, to, units);
                }
            }
        }
        return out;
    }

    private static float[] weight(Map<String, float[]> weights, String layer, String param, long expected)
            throws ModelLoadException {
        float[] v = weights.get(layer + "/" + param);
        if (v == null) {
            // Newer converters prefix the model name, e.g. "sequential/conv_1_1/kernel".
            v = weights.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + layer + "/" + param))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
        if (v == null) {
            throw new ModelLoadException("the weights of layer " + layer + " (" + param + ") are missing");
        }
        if (v.length != expected) {
            throw new ModelLoadException("layer " + layer + "'s " + param + " has " + v.length
                    + " values but its configuration needs " + expected);
        }
        return v;
    }

    private static ConvolutionMode mode(JsonNode c) throws ModelLoadException {
        String padding = c.path("padding").asText("valid");
        return switch (padding) {
            case "valid" -> ConvolutionMode.Truncate;
            case "same" -> ConvolutionMode.Same;
            default -> throw new ModelLoadException("padding \"" + padding + "\" is not supported");
        };
    }

    private static Activation activation(JsonNode c, String layer) throws ModelLoadException {
        String a = c.path("activation").asText("linear");
        return switch (a) {
            case "linear" -> Activation.IDENTITY;
            case "relu" -> Activation.RELU;
            case "relu6" -> Activation.RELU6;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "softmax" -> Activation.SOFTMAX;
            default -> throw new ModelLoadException(
                    "layer " + layer + " uses the activation \"" + a + "\", which ConvScope does not support yet");
        };
    }
}
