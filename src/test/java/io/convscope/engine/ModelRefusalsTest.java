package io.convscope.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files that are damaged, nonsensical or hostile are refused with a sentence naming the file, the layer and
 * the field, never with internal text ("-1", "NullPointerException", "fromIndex(1) > toIndex(0)", "std::bad_alloc"),
 * and NaN or infinite weights are refused at load instead of predicting "NaN %". Each case was found by
 * ModelFuzzTest or reported in the issue.
 */
class ModelRefusalsTest {

    private static String refusal(Path model) {
        return assertThrows(ModelLoadException.class, () -> ModelLoader.load(model))
                .getMessage();
    }

    @Test
    void aFolderIsCalledAFolderAndTheRootToo(@TempDir Path dir) {
        // before: "model file ... does not exist", and for "/" a NullPointerException
        assertEquals(
                dir + " is a folder without a model.json; give a model file (DL4J .zip, TensorFlow.js model.json, "
                        + "Keras 2 .h5 or .json)",
                refusal(dir));
        assertTrue(refusal(Path.of("/")).startsWith("/ is a folder without a model.json"));
    }

    @Test
    void anEmptyClassesTsvFallsBackToNumberedClasses(@TempDir Path dir) throws Exception {
        // before: "model.json cannot be loaded: fromIndex(1) > toIndex(0)"
        Path model = SmallModels.writeTfjs(dir, SmallModels.TFJS, SmallModels.tfjsWeights());
        Files.writeString(dir.resolve("classes.tsv"), "");
        assertEquals(
                List.of("class 0", "class 1", "class 2"),
                ModelLoader.load(model).metadata().classes());
    }

    @Test
    void aNegativeWeightShapeNamesTheWeight(@TempDir Path dir) throws Exception {
        // before: "model.json cannot be loaded: -1" (a NegativeArraySizeException's message)
        Path model = SmallModels.writeTfjs(
                dir, SmallModels.TFJS.replace("\"shape\": [2]", "\"shape\": [-1]"), SmallModels.tfjsWeights());
        assertEquals("model.json: weight 'conv/bias': shape [-1] is not a list of sizes", refusal(model));
    }

    @Test
    void aKernelSizeOfOneNumberInAListNamesLayerAndField(@TempDir Path dir) throws Exception {
        // before: Cannot invoke "com.fasterxml.jackson.databind.JsonNode.asInt()" because the return value ... is null
        Path model = SmallModels.writeTfjs(
                dir,
                SmallModels.TFJS.replace("\"kernel_size\": [3, 3]", "\"kernel_size\": [3]"),
                SmallModels.tfjsWeights());
        assertEquals(
                "model.json: layer 'conv': kernel_size [3] is not one number or a (height, width) pair",
                refusal(model));
    }

    @Test
    void hugeLayersAreRefusedBeforeDl4jAllocatesThem(@TempDir Path dir) throws Exception {
        // before: DL4J tried to allocate them: "Allocation failed: [std::bad_alloc]" or an OutOfMemoryError
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, SmallModels.KERAS.replace("\"filters\": 4", "\"filters\": 2000000000"));
        assertEquals(
                "huge.json: layer 'conv': filters 2,000,000,000 is larger than ConvScope's limit of 1,000,000",
                refusal(huge));
        Path many = dir.resolve("many.json");
        Files.writeString(
                many,
                SmallModels.KERAS
                        .replace("\"filters\": 4", "\"filters\": 100000")
                        .replace("\"units\": 3", "\"units\": 100000"));
        assertEquals(
                "many.json: layer 'out' would bring the model to more than 300,000,000 parameters, ConvScope's limit",
                refusal(many));
    }

    @Test
    void nanOrInfiniteWeightsAreRefusedAtLoad(@TempDir Path dir) throws Exception {
        // before: the model loaded and predict printed "NaN %" with exit 0
        float[] w = SmallModels.tfjsWeights();
        w[60] = Float.NaN; // in out/kernel
        Path tfjs = SmallModels.writeTfjs(Files.createDirectories(dir.resolve("tfjs")), SmallModels.TFJS, w);
        assertEquals(
                "tfjs/model.json: layer 'out': its weights include NaN or infinite values; such a model cannot predict "
                        + "anything",
                refusal(tfjs));

        MultiLayerNetwork net = SmallModels.network();
        net.getLayer(0).getParam("b").putScalar(1, Float.POSITIVE_INFINITY);
        Path zip = dir.resolve("inf.zip");
        ModelStore.save(net, new ModelMetadata("inf", List.of("a", "b", "c"), 8, 8, 3, null), zip);
        assertEquals(
                "inf.zip: layer 'conv': its bias includes NaN or infinite values; such a model cannot predict anything",
                refusal(zip));
    }

    @Test
    void aDamagedZipOrSidecarSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("net.zip");
        ModelStore.save(SmallModels.network(), new ModelMetadata("net", List.of("a", "b", "c"), 8, 8, 3, null), zip);
        Files.writeString(
                dir.resolve("net.json"),
                "{\"name\": \"net\", \"classes\": [\"a\", \"b\", \"c\"], "
                        + "\"inputHeight\": \"tall\", \"inputWidth\": 8, \"inputChannels\": 3}");
        // before: a line of Jackson's internals (Cannot deserialize value of type `int` from String "tall"...)
        assertTrue(
                refusal(zip).startsWith("net.json: field inputHeight is missing or has the wrong type"), refusal(zip));
        Files.writeString(
                dir.resolve("net.json"),
                "{\"name\": \"net\", \"classes\": [\"a\", \"b\", \"c\"], "
                        + "\"inputHeight\": -8, \"inputWidth\": 8, \"inputChannels\": 3}");
        assertEquals("net.json: input height -8 is not a positive number", refusal(zip));

        Path notZip = dir.resolve("photo.zip");
        Files.write(notZip, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        assertEquals("photo.zip is not a zip archive (or a damaged one), so it is not a DL4J model", refusal(notZip));
    }
}
