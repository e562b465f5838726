package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.image.HostileImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model trained on a plain {@code DIR/<label>/} folder keeps its split beside it, and {@code evaluate} on that
 * folder scores only the images held out, never the ones the model learnt from.
 */
class EvaluateSplitTest {

    @Test
    void evaluateOnThePlainFolderAModelWasSplitFromScoresOnlyTheHeldOutImages(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("pets"));
        for (String c : List.of("cats", "dogs", "owls")) {
            Path folder = Files.createDirectories(data.resolve(c));
            for (int i = 0; i < 8; i++) {
                ImageIO.write(
                        HostileImages.noise(64, 64),
                        "png",
                        folder.resolve(i + ".png").toFile());
            }
        }
        Path model = dir.resolve("m.zip");
        CliTest.Run trained = CliTest.run(
                "train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1", "--batch", "8");
        assertEquals(0, trained.code(), trained.err() + trained.out());
        DatasetSplit split = DatasetSplit.read(DatasetSplit.fileOf(model));
        // 15 % of 8, rounded, per class
        assertEquals(3, split.heldOut().size());
        assertEquals(21, split.trainImages());

        CliTest.Run json = CliTest.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertEquals(3, o.get("n").asInt());
        assertEquals("m.split.json", o.get("split").asText());

        CliTest.Run text = CliTest.run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertTrue(
                text.out()
                        .startsWith("Scoring the 3 images held out when the model was trained (listed in "
                                + "m.split.json); the other 21 trained it."),
                text.out());

        // another folder of the same classes: nothing of it trained the model, so all of it is scored
        Path other = Files.createDirectories(dir.resolve("other").resolve("cats"));
        ImageIO.write(HostileImages.noise(64, 64), "png", other.resolve("x.png").toFile());
        CliTest.Run elsewhere = CliTest.run(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                other.getParent().toString(),
                "--json");
        assertEquals(0, elsewhere.code(), elsewhere.err());
        assertEquals(1, new ObjectMapper().readTree(elsewhere.out()).get("n").asInt());
    }

    /**
     * A model trained with a split on {@code DIR/train} (as the bundled one was), evaluated on the train/val root:
     * scored on all of {@code DIR/val}, as the data-set explorer scores that folder, where it used to take train/ and
     * val/ for two class folders and refuse. The files of val/ are named as train/'s are (0.png, 1.png...), so the
     * split of train/ must not be taken to hold out two of them.
     */
    @Test
    void evaluateOnATrainValRootScoresItsValHalf(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pets");
        for (String half : List.of("train", "val")) {
            for (String c : List.of("cats", "dogs")) {
                Path folder = Files.createDirectories(data.resolve(half).resolve(c));
                for (int i = 0; i < (half.equals("train") ? 8 : 3); i++) {
                    ImageIO.write(
                            HostileImages.noise(64, 64),
                            "png",
                            folder.resolve(i + ".png").toFile());
                }
            }
        }
        Path model = dir.resolve("m.zip");
        CliTest.Run trained = CliTest.run(
                "train",
                "--data",
                data.resolve("train").toString(),
                "--out",
                model.toString(),
                "--epochs",
                "1",
                "--batch",
                "8");
        assertEquals(0, trained.code(), trained.err() + trained.out());
        assertTrue(Files.isRegularFile(DatasetSplit.fileOf(model)), "trained with a split");

        CliTest.Run root = CliTest.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, root.code(), root.err());
        JsonNode o = new ObjectMapper().readTree(root.out());
        assertEquals(6, o.get("n").asInt(), "all of val/, none of train/");
        assertTrue(!o.hasNonNull("split"), "no split of train/ applied to val/: " + o.get("split"));
    }
}
