package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM during {@code train} in its own JVM: training stops after the current batch, the checkpoint is written as
 * a whole set before the JVM exits, and {@code --resume} continues from exactly there with the right epoch count.
 */
class TrainSignalTest {

    /** A few dozen 8 x 8 images in two class folders: reddish and bluish noise. */
    static Path tinyDataset(Path root) throws Exception {
        Random rng = new Random(3);
        for (String split : List.of("train", "val")) {
            for (String label : List.of("blue", "red")) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(label));
                for (int i = 0; i < (split.equals("train") ? 16 : 4); i++) {
                    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            int strong = 150 + rng.nextInt(100);
                            int weak = rng.nextInt(100);
                            img.setRGB(x, y, label.equals("red") ? strong << 16 | weak : weak << 16 | strong);
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a safety net for a hung child, not a timing assertion
    @DisabledOnOs(
            value = OS.WINDOWS,
            disabledReason = "Process.destroy() is TerminateProcess there: no signal, no hooks")
    void sigtermWritesTheCheckpointAndResumeContinuesFromIt(@TempDir Path dir) throws Exception {
        Path data = tinyDataset(dir.resolve("data"));
        Path out = dir.resolve("m.zip");
        Path stderr = dir.resolve("stderr.txt");
        // Batches of one image: the signal lands in the middle of an epoch; epochs and patience that never run out.
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.convscope.Launcher",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--epochs",
                        "100000",
                        "--patience",
                        "100000",
                        "--batch",
                        "1",
                        "--seed",
                        "5")
                .redirectError(stderr.toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("epoch   1 ")) {
                    // SIGTERM once epoch 1's checkpoint is on disk (Process.destroy would also close this stream)
                    child.toHandle().destroy();
                }
            }
        } finally {
            child.waitFor();
        }
        String output = String.join("\n", lines) + "\nstderr: " + Files.readString(stderr);
        Matcher stopped = Pattern.compile("Stopped after (\\d+) epochs(?: and (\\d+) batches)?; --resume continues")
                .matcher(output);
        assertTrue(stopped.find(), output);
        int epochs = Integer.parseInt(stopped.group(1));
        int batches = stopped.group(2) == null ? 0 : Integer.parseInt(stopped.group(2));
        assertTrue(epochs >= 1, output);

        // The checkpoint set: state.json names the epoch and batch, and every file it names is the file it describes.
        Path checkpoint = dir.resolve("m.zip.checkpoint");
        JsonNode state =
                new ObjectMapper().readTree(checkpoint.resolve("state.json").toFile());
        assertEquals(epochs, state.get("epochsDone").asInt(), output);
        assertEquals(batches, state.get("batchesDone").asInt(), output);
        assertEquals(epochs, state.get("history").size());
        for (String file : List.of("last", "best")) {
            JsonNode ref = state.get(file);
            byte[] content =
                    Files.readAllBytes(checkpoint.resolve(ref.get("name").asText()));
            assertEquals(ref.get("bytes").asLong(), content.length);
            assertEquals(
                    ref.get("sha256").asText(),
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
        try (var files = Files.list(checkpoint)) {
            assertEquals(
                    state.get("best")
                                    .get("name")
                                    .asText()
                                    .equals(state.get("last").get("name").asText())
                            ? 2
                            : 3,
                    files.count(),
                    "no leftovers beside the set");
        }
        assertTrue(output.contains("Wrote " + out), "the best model so far is saved too: " + output);
        ModelLoader.load(out);

        // Resume to one more epoch: it starts where the signal stopped it and counts on from there.
        int target = epochs + 1;
        CliTest.Run resumed = CliTest.run(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--resume",
                "--epochs",
                String.valueOf(target),
                "--patience",
                "100000",
                "--batch",
                "1",
                "--seed",
                "5");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(
                resumed.out().contains("Resuming at epoch " + target + (batches > 0 ? ", batch " + (batches + 1) : "")),
                resumed.out());
        List<String> epochLines =
                resumed.out().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(1, epochLines.size(), resumed.out());
        assertTrue(epochLines.get(0).startsWith(String.format("epoch %3d ", target)), resumed.out());
        assertTrue(resumed.out().contains("Done after " + target + " epochs"), resumed.out());
        JsonNode after =
                new ObjectMapper().readTree(checkpoint.resolve("state.json").toFile());
        assertEquals(target, after.get("history").size());
        for (int e = 0; e < target; e++) {
            assertEquals(e + 1, after.get("history").get(e).get("epoch").asInt(), "each epoch once, in order");
        }
    }
}
