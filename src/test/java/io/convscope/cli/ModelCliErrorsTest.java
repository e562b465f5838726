package io.convscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad models, prototxt files and --input values: one line on stderr in the user's terms, exit code 2. */
class ModelCliErrorsTest {

    private static void assertError(CliTest.Run r, String line) {
        assertEquals(ConvScopeCommand.USER_ERROR, r.code(), r.err());
        assertEquals("convscope: " + line, r.err().strip());
        assertFalse(r.out().contains("-"), "no (negative) figures printed: " + r.out());
    }

    @Test
    void anInputTooLargeForTheAnalyzerIsRefusedWithItsLimit() {
        // before: "vgg16 cannot be built for input 200000x200000x3: dimensions must be positive: [-1474836480]"
        assertError(
                CliTest.run("summary", "--preset", "vgg16", "--input", "200000x200000x3"),
                "--input 200000x200000x3 is too large: height and width go up to 16,384 and channels up to 4,096");
    }

    @Test
    void aBinaryFileGivenAsPrototxtIsSaidToBeNoTextPrototxt() {
        // before: "screenshot.png cannot be read: Input length = 1"
        assertError(
                CliTest.run("summary", "--prototxt", "docs/screenshot.png"),
                "screenshot.png: this file holds "
                        + "binary data, not a text prototxt (a Caffe network definition in protobuf text format)");
    }

    @Test
    void aFolderIsCalledAFolder(@TempDir Path dir) {
        // before: "model file ... does not exist", and for "/" a NullPointerException's text
        assertError(
                CliTest.run("summary", "--prototxt", dir.toString()),
                dir + " is a folder; give a Caffe .prototxt file");
        assertError(
                CliTest.run("summary", "--model", "/"),
                "/ is a folder without a model.json; give a model file "
                        + "(DL4J .zip, TensorFlow.js model.json, Keras 2 .h5 or .json)");
    }

    @Test
    void aPrototxtValueThatMakesNoSenseNamesFileLayerAndField(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("net.prototxt");
        Files.writeString(
                p,
                "input: \"data\" input_dim: 1 input_dim: 3 input_dim: 224 input_dim: 224\n"
                        + "layer { name: \"conv\" type: \"Convolution\" bottom: \"data\" top: \"conv\" "
                        + "convolution_param { num_output: -5 kernel_size: 3 } }\n");
        // before: "negative count in node conv"
        assertError(
                CliTest.run("summary", "--prototxt", p.toString()),
                "net.prototxt: layer 'conv': num_output -5 is not a positive number");
    }
}
