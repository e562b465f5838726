package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras 2 JSON configurations go through DL4J's importer; our forward pass must agree with the imported network. */
public class KerasImportTest {

    static final String SMALL_CNN =
            """
            {"class_name": "Sequential", "keras_version": "2.2.4", "backend": "tensorflow",
             "config": {"name": "small", "layers": [
               {"class_name": "Conv2D", "config": {"name": "conv_a", "batch_input_shape": [null, 20, 24, 3],
                 "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                 "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu", "use_bias": true,
                 "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 1}},
                 "bias_initializer": {"class_name": "Zeros", "config": {}}}},
               {"class_name": "MaxPooling2D", "config": {"name": "pool_a", "pool_size": [2, 2], "strides": [2, 2],
                 "padding": "valid", "data_format": "channels_last"}},
               {"class_name": "Conv2D", "config": {"name": "conv_b", "filters": 5, "kernel_size": [3, 3],
                 "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
                 "activation": "linear", "use_bias": true,
                 "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 2}},
                 "bias_initializer": {"class_name": "Zeros", "config": {}}}},
               {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
               {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax", "use_bias": true,
                 "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": 3}},
                 "bias_initializer": {"class_name": "Zeros", "config": {}}}}]}}""";

    @Test
    void kerasJsonConfigLoadsAndMatchesDl4j(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("small.json");
        Files.writeString(json, SMALL_CNN);
        LoadedModel model = ModelLoader.load(json);
        assertEquals(20, model.inputHeight());
        assertEquals(24, model.inputWidth());
        assertEquals(LayerKind.CONVOLUTION, model.description().layer(1).kind());
        assertEquals("conv_a_relu", model.description().layer(2).name());
        assertEquals(3, model.description().classes().size());

        float[] x = new float[3 * 20 * 24];
        Random rng = new Random(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        ActivationSnapshot s = model.compiled().forward(x);
        INDArray nchw = Nd4j.create(x, new long[] {1, 3, 20, 24}, 'c');
        INDArray out;
        try {
            out = model.referenceOutput(nchw);
        } catch (RuntimeException channelsLast) {
            out = model.referenceOutput(nchw.permute(0, 2, 3, 1).dup('c'));
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(out.getFloat(0, c), s.probability(c), 1e-5, "probability " + c);
        }
    }

    /** A Keras model whose only layer DL4J cannot import. */
    public static final String UNSUPPORTED_LAYER =
            """
            {"class_name": "Sequential", "keras_version": "2.2.4", "backend": "tensorflow",
             "config": {"name": "s", "layers": [
               {"class_name": "ConvLSTM2D", "config": {"name": "weird", "batch_input_shape": [null, 5, 8, 8, 1],
                "filters": 2, "kernel_size": [3, 3]}}]}}""";

    @Test
    void unsupportedKerasLayerNamesTheFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("rnn.json");
        Files.writeString(json, UNSUPPORTED_LAYER);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(json));
        assertTrue(e.getMessage().contains("rnn.json"), e.getMessage());
    }

    @Test
    void brokenJsonIsReported(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("half.json");
        Files.writeString(json, "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(json));
        assertTrue(e.getMessage().contains("half.json"), e.getMessage());
    }
}
