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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        TfjsWeights weights = TfjsWeights.read(modelJson, root.path("weightsManifest"));
        return build(layerList, weights, file);
    }

    private static ImportedModel build(JsonNode layers, TfjsWeights weights, String file) throws ModelLoadException {
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
                    float[] hwio = weights.get(b.kerasName(), "kernel", shape[0] * shape[1] * shape[2] * shape[3]);
                    INDArray w = Nd4j.create(hwio, new long[] {shape[2], shape[3], shape[1], shape[0]}, 'c')
                            .permute(3, 2, 0, 1)
                            .dup('c');
                    net.getLayer(i).setParam("W", w);
                    if (conf.hasBias()) {
                        net.getLayer(i)
                                .setParam("b", Nd4j.create(weights.get(b.kerasName(), "bias", shape[0]), 1, shape[0]));
                    }
                }
                case "dense" -> {
                    long[] shape = net.getLayer(i).getParam("W").shape(); // [in, out]
                    float[] kernel = weights.get(b.kerasName(), "kernel", shape[0] * shape[1]);
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
                                .setParam("b", Nd4j.create(weights.get(b.kerasName(), "bias", shape[1]), 1, shape[1]));
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
