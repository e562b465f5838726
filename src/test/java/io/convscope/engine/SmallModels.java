package io.convscope.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Tiny models of every format ModelLoader reads, built in code: for the refusal tests and the fuzz harness's seeds. */
public final class SmallModels {

    private SmallModels() {}

    /** A DL4J network on 8 x 8 x 3: conv 3x3 → 4 (relu), 2x2 max pooling, dense → 3 softmax. */
    public static MultiLayerNetwork network() {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv")
                        .nOut(4)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .name("pool")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A TF.js layers-model: conv 3x3x3→2 (relu), 2x2 max pooling, flatten, dense 18→3 softmax, on 8 x 8 x 3. */
    public static final String TFJS =
            """
            {"format": "layers-model", "generatedBy": "fuzz", "convertedBy": "fuzz",
             "modelTopology": {"class_name": "Sequential", "config": {"name": "s", "layers": [
               {"class_name": "Conv2D", "config": {"name": "conv", "batch_input_shape": [null, 8, 8, 3], "filters": 2,
                 "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last",
                 "dilation_rate": [1, 1], "activation": "relu", "use_bias": true}},
               {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2],
                 "padding": "valid", "data_format": "channels_last"}},
               {"class_name": "Flatten", "config": {"name": "flat"}},
               {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax", "use_bias": true}}]}},
             "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
               {"name": "conv/kernel", "shape": [3, 3, 3, 2], "dtype": "float32"},
               {"name": "conv/bias", "shape": [2], "dtype": "float32"},
               {"name": "out/kernel", "shape": [18, 3], "dtype": "float32"},
               {"name": "out/bias", "shape": [3], "dtype": "float32"}]}]}""";

    public static float[] tfjsWeights() {
        float[] w = new float[54 + 2 + 54 + 3];
        Random r = new Random(7);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.3f;
        }
        return w;
    }

    /** A Keras 2 Sequential configuration, as model.to_json() writes it. */
    public static final String KERAS =
            """
            {"class_name": "Sequential", "keras_version": "2.2.4", "backend": "tensorflow",
             "config": {"name": "k", "layers": [
               {"class_name": "Conv2D", "config": {"name": "conv", "batch_input_shape": [null, 10, 10, 3],
                 "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                 "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu", "use_bias": true,
                 "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 1}},
                 "bias_initializer": {"class_name": "Zeros", "config": {}}}},
               {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2],
                 "padding": "valid", "data_format": "channels_last"}},
               {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
               {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax", "use_bias": true,
                 "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 3}},
                 "bias_initializer": {"class_name": "Zeros", "config": {}}}}]}}""";

    /** Writes the TF.js model (its JSON as given) with its weight shard into {@code dir}; returns model.json. */
    public static Path writeTfjs(Path dir, String json, float[] weights) throws IOException {
        Files.writeString(dir.resolve("model.json"), json);
        Files.write(dir.resolve("group1-shard1of1.bin"), littleEndian(weights));
        return dir.resolve("model.json");
    }

    /** float32 values as TF.js stores them. */
    public static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
