package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TensorFlow.js importer on a layers-model of our own, written by this test (so a fresh clone tests it without
 * ../shared): conv (2 x 2, 3 -> 2 channels, bias) -> relu -> 2 x 2 max-pool -> flatten -> dense 3 + softmax on a
 * 5 x 5 x 3 input, seeded weights, the conv's weights split over two shards in the middle of a float and the dense
 * layer's in a second manifest group. Every activation is compared with a forward pass written out here in Keras's
 * own layout (HWC, HWIO kernels, channels-last flatten), so the importer's re-orderings are checked, not repeated.
 */
class TfjsFixtureTest {

    static final int H = 5;
    static final int W = 5;
    static final int C = 3;
    static final int K = 2;
    static final int FILTERS = 2;
    static final int UNITS = 3;
    /** Conv output is 4 x 4, pooled 2 x 2: 8 values flattened. */
    static final int CONV = H - K + 1;

    static final int POOLED = CONV / 2;
    static final int FLAT = POOLED * POOLED * FILTERS;

    static final String MODEL_JSON =
            """
            {"format": "layers-model", "generatedBy": "ConvScope TfjsFixtureTest",
             "modelTopology": {"class_name": "Sequential", "keras_version": "2.4.0", "backend": "tensorflow",
              "config": {"name": "sequential", "layers": [
               {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [2, 2],
                "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
                "activation": "linear", "use_bias": true, "batch_input_shape": [null, 5, 5, 3]}},
               {"class_name": "Activation", "config": {"name": "relu", "activation": "relu"}},
               {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2],
                "padding": "valid", "data_format": "channels_last"}},
               {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
               {"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": "softmax",
                "use_bias": true}}]}},
             "weightsManifest": [
              {"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
               {"name": "conv/kernel", "shape": [2, 2, 3, 2], "dtype": "float32"},
               {"name": "conv/bias", "shape": [2], "dtype": "float32"}]},
              {"paths": ["group2-shard1of1.bin"], "weights": [
               {"name": "dense/kernel", "shape": [8, 3], "dtype": "float32"},
               {"name": "dense/bias", "shape": [3], "dtype": "float32"}]}]}
            """;

    /** Keras layouts: kernel[ky][kx][in][out] flattened row-major (HWIO), dense[in][out]. */
    final float[] convKernel = seeded(1, K * K * C * FILTERS);

    final float[] convBias = seeded(2, FILTERS);
    final float[] denseKernel = seeded(3, FLAT * UNITS);
    final float[] denseBias = seeded(4, UNITS);
    /** The input in Keras's layout, [y][x][c]. */
    final float[] inputHwc = seeded(5, H * W * C);

    @TempDir
    Path dir;

    Path modelJson;

    @BeforeEach
    void writeFixture() throws IOException {
        modelJson = dir.resolve("model.json");
        Files.writeString(modelJson, MODEL_JSON);
        byte[] group1 = littleEndian(convKernel, convBias);
        int cut = 4 * 5 + 2; // inside the sixth float: shards are byte ranges, not tensors
        Files.write(dir.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(group1, 0, cut));
        Files.write(dir.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(group1, cut, group1.length));
        Files.write(dir.resolve("group2-shard1of1.bin"), littleEndian(denseKernel, denseBias));
        Files.write(dir.resolve("labels.txt"), List.of("circle", "square", "triangle"));
    }

    @Test
    void loadsAsTheSequentialNetworkItDescribes() throws Exception {
        assertTrue(TfjsModelImporter.isTfjsModel(modelJson));
        LoadedModel model = ModelLoader.load(modelJson);
        assertEquals(
                List.of("circle", "square", "triangle"), model.description().classes());
        assertEquals(H, model.inputHeight());
        assertEquals(W, model.inputWidth());
        assertEquals(
                convKernel.length + convBias.length + denseKernel.length + denseBias.length,
                model.description().parameterCount());
    }

    @Test
    void forwardPassEqualsKerasArithmetic() throws Exception {
        LoadedModel model = ModelLoader.load(modelJson);
        ActivationSnapshot s = model.compiled().forward(chw(inputHwc, H, W, C));

        float[] conv = new float[CONV * CONV * FILTERS]; // [y][x][o]
        for (int y = 0; y < CONV; y++) {
            for (int x = 0; x < CONV; x++) {
                for (int o = 0; o < FILTERS; o++) {
                    double sum = convBias[o];
                    for (int ky = 0; ky < K; ky++) {
                        for (int kx = 0; kx < K; kx++) {
                            for (int i = 0; i < C; i++) {
                                sum += inputHwc[((y + ky) * W + x + kx) * C + i]
                                        * convKernel[((ky * K + kx) * C + i) * FILTERS + o];
                            }
                        }
                    }
                    conv[(y * CONV + x) * FILTERS + o] = (float) sum;
                }
            }
        }
        float[] relu = new float[conv.length];
        for (int i = 0; i < conv.length; i++) {
            relu[i] = Math.max(0, conv[i]);
        }
        float[] pooled = new float[FLAT]; // [y][x][o]: also Keras's flatten order
        for (int y = 0; y < POOLED; y++) {
            for (int x = 0; x < POOLED; x++) {
                for (int o = 0; o < FILTERS; o++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            max = Math.max(max, relu[((2 * y + dy) * CONV + 2 * x + dx) * FILTERS + o]);
                        }
                    }
                    pooled[(y * POOLED + x) * FILTERS + o] = max;
                }
            }
        }
        double[] logits = new double[UNITS];
        double expSum = 0;
        for (int u = 0; u < UNITS; u++) {
            logits[u] = denseBias[u];
            for (int j = 0; j < FLAT; j++) {
                logits[u] += pooled[j] * denseKernel[j * UNITS + u];
            }
            expSum += Math.exp(logits[u]);
        }

        assertActivation(conv, s.layer("conv"), CONV, FILTERS, "conv");
        assertActivation(relu, s.layer("relu"), CONV, FILTERS, "relu");
        assertActivation(pooled, s.layer("pool"), POOLED, FILTERS, "pool");
        assertTrue(
                IntStream.range(0, conv.length).anyMatch(i -> conv[i] < 0),
                "the seeded weights give negative conv values, so relu is really exercised");
        for (int u = 0; u < UNITS; u++) {
            assertEquals(logits[u], s.logit(u), 1e-5, "logit " + u);
            assertEquals(Math.exp(logits[u]) / expSum, s.probability(u), 1e-6, "probability " + u);
        }
    }

    @Test
    void aMissingShardIsNamed() throws Exception {
        Files.delete(dir.resolve("group1-shard2of2.bin"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(modelJson));
        assertTrue(e.getMessage().contains("group1-shard2of2.bin"), e.getMessage());
    }

    @Test
    void aShortShardIsRefused() throws Exception {
        Path shard = dir.resolve("group2-shard1of1.bin");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 4));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(modelJson));
        assertTrue(e.getMessage().contains("dense/bias"), e.getMessage());
    }

    /** An activation compared value by value with a Keras-layout [y][x][c] array. */
    private static void assertActivation(float[] hwc, LayerActivation a, int size, int channels, String name) {
        assertEquals(channels, a.shape().channels(), name + " channels");
        assertEquals(size, a.shape().height(), name + " height");
        float[] actual = new float[hwc.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    actual[(y * size + x) * channels + c] = a.value(c, y, x);
                }
            }
        }
        assertArrayEquals(hwc, actual, 1e-5f, name);
    }

    /** Keras's [y][x][c] input as ConvScope's [c][y][x]. */
    static float[] chw(float[] hwc, int h, int w, int c) {
        float[] out = new float[hwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(ch * h + y) * w + x] = hwc[(y * w + x) * c + ch];
                }
            }
        }
        return out;
    }

    static float[] seeded(long seed, int count) {
        Random r = new Random(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextGaussian() * 0.5f;
        }
        return v;
    }

    static byte[] littleEndian(float[]... arrays) {
        int n = Arrays.stream(arrays).mapToInt(a -> a.length).sum();
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : arrays) {
            for (float v : a) {
                b.putFloat(v);
            }
        }
        return b.array();
    }
}
