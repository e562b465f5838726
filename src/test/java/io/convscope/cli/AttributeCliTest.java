package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attribute} as a user types it: the JSON equals the engine's map, every mistake is one line and exit 2. */
class AttributeCliTest {

    private static final String COFFEE = Path.of("sample-images", "coffee.png").toString();

    private static JsonNode json(String... args) throws Exception {
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertEquals(1, array.size());
        return array.get(0);
    }

    private static void assertOneLineError(String fragment, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(ConvScopeCommand.USER_ERROR, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void gradCamJsonIsTheEnginesMapWithItsAlphas() throws Exception {
        JsonNode o = json("attribute", "--method", "gradcam", "--class", "koala", "--json", COFFEE);
        Attribution a = Attribution.of(ModelLoader.loadBundled());
        float[] x = ImagePreprocessor.load(Path.of(COFFEE), 64, 64);
        int koala = a.description().classes().indexOf("koala");
        AttributionMap m = a.compute(AttributionMethod.GRAD_CAM, x, a.classTarget(koala), AttributionSettings.DEFAULTS);
        assertEquals("gradcam", o.get("method").asText());
        assertEquals("koala", o.get("class").asText());
        assertEquals(koala, o.get("classIndex").asInt());
        assertEquals("relu_2_2", o.get("layer").asText());
        assertEquals("[26,26]", o.get("shape").toString());
        assertEquals(m.logit(), o.get("logit").floatValue());
        assertEquals(26 * 26, o.get("values").size());
        for (int i = 0; i < m.values().length; i++) {
            assertEquals(m.values()[i], o.get("values").get(i).floatValue());
        }
        assertEquals(10, o.get("alpha").size());
        assertEquals(m.channelWeights()[3], o.get("alpha").get(3).floatValue());
        assertFalse(o.get("randomWeights").asBoolean());
        // By index, the same class.
        assertEquals(
                o.get("values"),
                json("attribute", "--method", "gradcam", "--class", "" + koala, "--json", COFFEE)
                        .get("values"));
    }

    @Test
    void integratedGradientsReportCompleteness() throws Exception {
        JsonNode o = json("attribute", "--method", "ig", "--steps", "16", "--baseline", "mean", "--json", COFFEE);
        assertEquals("espresso", o.get("class").asText(), "the top class by default");
        assertEquals("[3,64,64]", o.get("shape").toString());
        assertEquals(3 * 64 * 64, o.get("values").size());
        assertTrue(o.get("layer").isNull());
        JsonNode c = o.get("completeness");
        assertEquals(
                o.get("logit").asDouble() - o.get("baseline_logit").asDouble(),
                c.get("logitDifference").asDouble(),
                1e-5);
        assertEquals(o.get("sum").asDouble(), c.get("attributionSum").asDouble(), 1e-9);
        assertEquals(16, o.get("parameters").get("steps").asInt());
        assertEquals("mean", o.get("parameters").get("baseline").asText());
    }

    @Test
    void sanityCheckListsEveryRandomisedLayer() throws Exception {
        JsonNode o = json("attribute", "--method", "gradient", "--sanity", "--json", COFFEE);
        JsonNode steps = o.get("sanity");
        assertEquals(5, steps.size(), "output, conv_2_2, conv_2_1, conv_1_2, conv_1_1");
        assertEquals("output", steps.get(0).get("randomisedDownTo").asText());
        assertTrue(
                steps.get(4).get("spearman").asDouble()
                        < steps.get(0).get("spearman").asDouble(),
                "the map moves further from the trained one as more layers are random: " + steps);
        CliTest.Run text = CliTest.run("attribute", "--method", "gradcam", "--sanity", COFFEE);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("conv_1_1") && text.out().contains("Spearman"), text.out());
    }

    @Test
    void occlusionDefaultsGiveFifteenByFifteenWindows() throws Exception {
        JsonNode o = json("attribute", "--method", "occlusion", "--json", COFFEE);
        assertEquals("[15,15]", o.get("shape").toString(), "(64 - 8) / 4 + 1");
        assertEquals(0.5, o.get("parameters").get("fill").asDouble());
    }

    @Test
    void outWritesTheOverlayAtomically(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("map.png");
        CliTest.Run r = CliTest.run("attribute", "--method", "hirescam", "--out", png.toString(), COFFEE);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hirescam of espresso"), r.out());
        BufferedImage picture = ImageIO.read(png.toFile());
        assertEquals(256, picture.getWidth());
        assertEquals(256, picture.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void mapOutputsTakeACell() throws Exception {
        JsonNode o =
                json("attribute", "--preset", "tiny-yolo", "--method", "gradient", "--cell", "4,6,6", "--json", COFFEE);
        assertTrue(o.get("randomWeights").asBoolean());
        assertEquals("channel 4, row 6, column 6", o.get("class").asText());
        assertOneLineError(
                "--cell CHANNEL,ROW,COLUMN", "attribute", "--preset", "tiny-yolo", "--method", "gradient", COFFEE);
        assertOneLineError(
                "no cell", "attribute", "--preset", "tiny-yolo", "--method", "gradient", "--cell", "4,13,0", COFFEE);
    }

    @Test
    void everyMistakeIsOneLine(@TempDir Path dir) {
        assertOneLineError("--method saliency is not a method", "attribute", "--method", "saliency", COFFEE);
        assertOneLineError("--baseline grey", "attribute", "--method", "ig", "--baseline", "grey", COFFEE);
        assertOneLineError("--class koalas", "attribute", "--method", "gradient", "--class", "koalas", COFFEE);
        assertOneLineError("--class 10", "attribute", "--method", "gradient", "--class", "10", COFFEE);
        assertOneLineError(
                "--layer applies to gradcam", "attribute", "--method", "gradient", "--layer", "conv_1_1", COFFEE);
        assertOneLineError(
                "--layer conv_9: no layer named conv_9",
                "attribute",
                "--method",
                "gradcam",
                "--layer",
                "conv_9",
                COFFEE);
        assertOneLineError(
                "--layer flatten: layer flatten has no spatial maps",
                "attribute",
                "--method",
                "gradcam",
                "--layer",
                "flatten",
                COFFEE);
        assertOneLineError("window (65) is larger", "attribute", "--method", "occlusion", "--window", "65", COFFEE);
        assertOneLineError(
                "--steps must be a whole number from 1", "attribute", "--method", "ig", "--steps", "0", COFFEE);
        assertOneLineError(
                "--sigma must be a number from 0", "attribute", "--method", "smoothgrad", "--sigma", "NaN", COFFEE);
        assertOneLineError(
                "--cell is for a network whose output is a map",
                "attribute",
                "--method",
                "gradient",
                "--cell",
                "0,0,0",
                COFFEE);
        assertOneLineError(
                "give one IMAGE",
                "attribute",
                "--method",
                "gradient",
                "--out",
                dir.resolve("a.png").toString(),
                COFFEE,
                COFFEE);
        assertOneLineError(
                "must name a .png",
                "attribute",
                "--method",
                "gradient",
                "--out",
                dir.resolve("a.jpg").toString(),
                COFFEE);
        assertOneLineError("--method", "attribute", COFFEE);
    }
}
