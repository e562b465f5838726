package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.KerasImportTest;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.SharedData;
import io.convscope.network.ClassLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user types it: outputs, JSON shapes, and one clear line with exit code 2 for every mistake. */
class CliTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConvScopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run r, String fragment) {
        assertEquals(ConvScopeCommand.USER_ERROR, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void predictOnADetectorPrintsItsMostConfidentBoxes() throws Exception {
        String image = Path.of("sample-images", "rocket.jpg").toString();
        Run text = run("predict", "--preset", "tiny-yolo", image);
        assertEquals(0, text.code(), text.err());
        Run r = run("predict", "--preset", "tiny-yolo", "--json", image);
        assertEquals(0, r.code(), r.err());
        JsonNode boxes = new ObjectMapper().readTree(r.out()).get(0).get("boxes");
        assertEquals(5 * 13 * 13, boxes.size(), "every anchor of every cell of the 13 x 13 grid");
        JsonNode best = boxes.get(0);
        assertEquals(
                best.get("objectness").asDouble() * best.get("classProbability").asDouble(),
                best.get("score").asDouble(),
                1e-6);
        assertTrue(best.get("score").asDouble() >= boxes.get(1).get("score").asDouble());
        // The text lists the same box first.
        String first = text.out().lines().skip(1).findFirst().orElseThrow();
        String voc = ClassLists.voc().get(best.get("class").asInt()); // Tiny YOLO: VOC's names
        assertTrue(
                first.contains(voc + " ")
                        && first.contains(String.format(
                                Locale.ROOT, "%.2f %%", 100 * best.get("score").asDouble())),
                first);
        assertOneLineError(
                run("evaluate", "--preset", "tiny-yolo", "--data", "sample-images"), "outputs a map, not classes");
    }

    @Test
    void unknownOptionIsOneLine() {
        assertOneLineError(run("predict", "--frobnicate", "x.png"), "--frobnicate");
    }

    @Test
    void unknownCommandIsOneLine() {
        assertOneLineError(run("explode"), "explode");
        assertOneLineError(
                run("frobnicate"),
                "convscope: 'frobnicate' is not a command; the commands are predict, evaluate, train, bench, summary");
    }

    /** Each bad number stops the command while parsing, with the option and its range, before anything is read. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--lr NaN                 | --lr must be a number greater than 0 and at most 1, not NaN",
                "--lr 1e30                | --lr must be a number greater than 0 and at most 1, not 1e30",
                "--lr Infinity            | --lr must be a number greater than 0 and at most 1, not Infinity",
                "--lr 0                   | --lr must be a number greater than 0 and at most 1, not 0",
                "--batch 2147483647       | --batch must be a whole number from 1 to 4096, not 2147483647",
                "--batch 99999999999      | --batch must be a whole number from 1 to 4096, not 99999999999",
                "--batch 0                | --batch must be a whole number from 1 to 4096, not 0",
                "--epochs 0               | --epochs must be a whole number from 1 to 100000, not 0",
                "--epochs 2.5             | --epochs must be a whole number from 1 to 100000, not 2.5",
                "--patience -1            | --patience must be a whole number from 1 to 100000, not -1",
                "--seed seven             | --seed must be a whole number from -9223372036854775808 to 9223372036854775807",
                "--lr                     | --lr needs a value: a number greater than 0 and at most 1",
            })
    void badTrainingNumbersAreRefusedBeforeTraining(String option, String message, @TempDir Path dir) throws Exception {
        Path data = TrainSignalTest.tinyDataset(dir.resolve("data"));
        Path out = dir.resolve("m.zip");
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        if (!option.startsWith("--epochs")) {
            args.addAll(List.of("--epochs", "1")); // before the fix, --lr 1e30 trained its NaN model
        }
        args.addAll(List.of(option.split(" ")));
        assertOneLineError(run(args.toArray(String[]::new)), "convscope: " + message);
        assertFalse(Files.exists(out) || Files.exists(dir.resolve("m.zip.checkpoint")), "nothing written");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--iterations 0  | --iterations must be a whole number from 1 to 1000000, not 0",
                "--iterations -5 | --iterations must be a whole number from 1 to 1000000, not -5",
                "--warmup -1     | --warmup must be a whole number from 0 to 1000000, not -1",
            })
    void badBenchNumbersAreRefused(String option, String message) {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(option.split(" ")));
        assertOneLineError(run(args.toArray(String[]::new)), "convscope: " + message);
    }

    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path data = TrainSignalTest.tinyDataset(dir.resolve("data"));
        Path file = Files.writeString(dir.resolve("notes.txt"), "a file");
        assertOneLineError(
                run("train", "--data", data.toString(), "--out", dir.toString(), "--epochs", "1"),
                "--out: " + dir + " is a folder");
        assertOneLineError(
                run(
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        dir.resolve("no/m.zip").toString()),
                "--out: cannot write " + dir.resolve("no/m.zip") + ": " + dir.resolve("no") + " does not exist");
        assertOneLineError(
                run(
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        file.resolve("m.zip").toString()),
                file + " is a file, not a folder");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "nothing but data/ and notes.txt");
        }
    }

    @Test
    void missingImageIsOneLine(@TempDir Path dir) {
        assertOneLineError(run("predict", dir.resolve("nope.png").toString()), "nope.png");
    }

    @Test
    void textFileNamedJpgIsOneLine(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("notes.jpg");
        Files.writeString(fake, "this is not an image");
        assertOneLineError(run("predict", fake.toString()), "notes.jpg");
    }

    @Test
    void missingModelIsOneLine(@TempDir Path dir) {
        assertOneLineError(run("predict", "--model", dir.resolve("none.zip").toString(), "x.png"), "none.zip");
    }

    @Test
    void unsupportedModelFormatIsOneLine(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("model.onnx");
        Files.writeString(onnx, "not really");
        assertOneLineError(run("predict", "--model", onnx.toString(), "x.png"), "model.onnx");
    }

    @Test
    void corruptZipModelIsOneLine(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("broken.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertOneLineError(run("predict", "--model", zip.toString(), "x.png"), "broken.zip");
    }

    @Test
    void kerasFileWithUnsupportedLayerIsOneLine(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("lstm.json");
        Files.writeString(json, KerasImportTest.UNSUPPORTED_LAYER);
        assertOneLineError(run("predict", "--model", json.toString(), "x.png"), "lstm.json");
    }

    @Test
    void predictJsonWithCnnExplainersModel() throws Exception {
        Path model = SharedData.cnnExplainerModel();
        Path image = SharedData.cnnExplainerImages().resolve("espresso_1.jpeg");
        Run r = run("predict", "--model", model.toString(), "--json", image.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertEquals(1, array.size());
        JsonNode o = array.get(0);
        assertEquals(image.toString(), o.get("image").asText());
        assertEquals("espresso", o.get("label").asText());
        assertEquals(10, o.get("classes").size());
        assertEquals(10, o.get("probabilities").size());
        assertEquals(8.640, o.get("logits").get(6).asDouble(), 0.05);
        double sum = 0;
        for (JsonNode p : o.get("probabilities")) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void predictTextShowsTopClasses() {
        Path image = SharedData.cnnExplainerImages().resolve("bus_1.jpeg");
        Run r = run("predict", "--model", SharedData.cnnExplainerModel().toString(), image.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("school bus") && l.contains("99.")), r.out());
    }

    @Test
    void predictReportsBadImagesButKeepsGoodOnes(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("empty.png");
        Files.write(bad, new byte[0]);
        Path good = SharedData.cnnExplainerImages().resolve("car_1.jpeg");
        Run r = run(
                "predict",
                "--model",
                SharedData.cnnExplainerModel().toString(),
                "--json",
                bad.toString(),
                good.toString());
        assertEquals(ConvScopeCommand.USER_ERROR, r.code());
        assertTrue(r.err().contains("empty.png"), r.err());
        assertEquals(
                "sports car",
                new ObjectMapper().readTree(r.out()).get(0).get("label").asText());
    }

    @Test
    void evaluateJsonOnValidationImages() throws Exception {
        Path val = SharedData.tinyImageNet().resolve("val");
        Run r = run(
                "evaluate", "--model", SharedData.cnnExplainerModel().toString(), "--data", val.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(250, o.get("n").asInt());
        assertEquals(o.get("correct").asInt() / 250.0, o.get("accuracy").asDouble(), 1e-9);
        assertEquals(10, o.get("confusion").size());
        int total = 0;
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                total += o.get("confusion").get(i).get(j).asInt();
            }
            diagonal += o.get("confusion").get(i).get(i).asInt();
        }
        assertEquals(250, total);
        assertEquals(o.get("correct").asInt(), diagonal);
    }

    @Test
    void summaryJsonCountsTinyVggAsDl4jDoes() throws Exception {
        Run r = run("summary", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(13, o.get("layers").size());
        assertEquals(
                ModelLoader.loadBundled().parameterCount(),
                o.get("total_params").asLong());
        assertEquals(19_920, o.get("total_params").asLong());
        // 3*3*3*10*62*62 + 3*3*10*10*60*60 + 3*3*10*10*28*28 + 3*3*10*10*26*26 + 1690*10
        assertEquals(5_608_780, o.get("total_macs").asLong());
        JsonNode conv = o.get("layers").get(3);
        assertEquals("conv_1_2", conv.get("name").asText());
        // channels first, as Caffe and DL4J (NCHW) order them: the same for every source
        assertEquals("[10,60,60]", conv.get("output_shape").toString());
        assertEquals(910, conv.get("params").asLong());
        assertEquals(3_240_000, conv.get("macs").asLong());
        assertEquals(144_000, conv.get("activation_bytes").asLong());
        assertEquals("ActivationLayer", o.get("layers").get(2).get("type").asText());
        assertEquals("activation", o.get("layers").get(2).get("category").asText());
        assertEquals(
                "relu",
                o.get("layers").get(2).get("attributes").get("activation").asText());
        assertEquals(List.of("relu_1_1"), inputs(conv));
        assertEquals(0, o.get("total_non_trainable_params").asLong());
        assertEquals(0, o.get("warnings").size());
    }

    private static List<String> inputs(JsonNode layer) {
        List<String> ids = new ArrayList<>();
        layer.get("inputs").forEach(i -> ids.add(i.asText()));
        return ids;
    }

    @Test
    void summaryOfAPresetAsJson() throws Exception {
        Run r = run("summary", "--preset", "resnet50", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("ResNet-50", o.get("name").asText());
        assertEquals(25_636_712, o.get("total_params").asLong());
        assertEquals(25_636_712 - 53_120, o.get("total_trainable_params").asLong());
        JsonNode add = o.get("layers").get(16);
        assertEquals("short2a_branch", add.get("name").asText());
        assertEquals(List.of("bn2a_branch2c", "bn2a_branch1"), inputs(add));
        assertEquals("merge", add.get("category").asText());
        assertEquals(256L * 28 * 28, add.get("other_ops").asLong(), "one addition per value");
    }

    @Test
    void summaryAtAnotherInputSize() throws Exception {
        JsonNode o = new ObjectMapper()
                .readTree(run("summary", "--preset", "tiny-vgg", "--input", "32x32x1", "--json")
                        .out());
        assertEquals("[1,32,32]", o.get("layers").get(0).get("output_shape").toString());
        assertEquals(
                3 * 3 * 10 + 10 + 3 * (3 * 3 * 10 * 10 + 10) + 250 * 10 + 10,
                o.get("total_params").asLong());
        assertOneLineError(run("summary", "--preset", "vgg16", "--input", "224x224"), "HxWxC");
    }

    @Test
    void unknownPresetListsTheValidOnes() {
        Run r = run("summary", "--preset", "vgg17");
        assertOneLineError(r, "unknown preset vgg17; valid: tiny-vgg, lenet, alexnet, vgg16");
    }

    @Test
    void listPresets() {
        Run r = run("summary", "--list-presets");
        assertEquals(0, r.code(), r.err());
        assertEquals(13, r.out().strip().lines().count());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("inception-resnet-v1 ")), r.out());
    }

    @Test
    void summaryOfAPrototxtFoldsBlocks() throws Exception {
        Path googlenet = SharedData.netscopePresets().resolve("googlenet.prototxt");
        Run folded = run("summary", "--prototxt", googlenet.toString(), "--fold");
        assertEquals(0, folded.code(), folded.err());
        assertTrue(
                folded.out().lines().anyMatch(l -> l.startsWith("inception_3a (") && l.contains("256×28×28")),
                folded.out());
        assertTrue(folded.out().contains("6,998,552"), folded.out());
        Run byExtension = run("summary", "--model", googlenet.toString(), "--json");
        JsonNode o = new ObjectMapper().readTree(byExtension.out());
        assertEquals(6_998_552, o.get("total_params").asLong());
        assertEquals("inception_3a", o.get("layers").get(12).get("block").asText());
    }

    @Test
    void brokenPrototxtIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.prototxt");
        Files.writeString(bad, "name: \"x\"\nlayer {\n  type = 1\n}\n");
        assertOneLineError(run("summary", "--prototxt", bad.toString()), "bad.prototxt: line 3, column 8");
        assertOneLineError(
                run("summary", "--prototxt", dir.resolve("none.prototxt").toString()), "none.prototxt");
        assertOneLineError(run("summary", "--preset", "vgg16", "--prototxt", bad.toString()), "mutually exclusive");
    }

    @Test
    void summaryOfAnotherModel() throws Exception {
        Run r = run("summary", "--model", SharedData.cnnExplainerModel().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("19,920"), r.out());
    }

    @Test
    void benchJsonIsOneLine() throws Exception {
        Run r = run(
                "bench",
                "--model",
                SharedData.cnnExplainerModel().toString(),
                "--json",
                "--iterations",
                "50",
                "--warmup",
                "20");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertTrue(o.get("forward_p50_ms").asDouble() > 0);
        assertTrue(o.get("forward_p90_ms").asDouble() >= o.get("forward_p50_ms").asDouble());
    }

    @Test
    void predictWithRandomWeightsSaysTheResultMeansNothing() throws Exception {
        String image = Path.of("sample-images", "rocket.jpg").toString();
        Run text = run("predict", "--preset", "lenet", image);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("random weights: this prediction means nothing"), text.out());
        Run json = run("predict", "--preset", "lenet", "--json", image);
        assertTrue(
                new ObjectMapper()
                        .readTree(json.out())
                        .get(0)
                        .get("randomWeights")
                        .asBoolean(),
                json.out());
        Run trained = run("predict", image);
        assertFalse(trained.out().contains("random weights"), trained.out());
    }
}
