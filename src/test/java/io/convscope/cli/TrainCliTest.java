package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train}'s JSON lines, its recipe options and its one-line refusals. */
class TrainCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonPrintsOneObjectPerEpochAndALastLineWithTheModel(@TempDir Path dir) throws Exception {
        Path data = TrainSignalTest.tinyDataset(dir.resolve("data"));
        Path out = dir.resolve("m.zip");
        CliTest.Run r = CliTest.run(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--epochs",
                "2",
                "--batch",
                "8",
                "--optimizer",
                "SGD",
                "--lr",
                "0.05",
                "--schedule",
                "step",
                "--step-every",
                "1",
                "--label-smoothing",
                "0.1",
                "--ema",
                "0.5",
                "--json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), r.out());
        for (int e = 0; e < 2; e++) {
            JsonNode epoch = JSON.readTree(lines.get(e));
            List<String> fields = new ArrayList<>();
            for (Iterator<String> it = epoch.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            assertEquals(List.of("epoch", "loss", "train_accuracy", "val_loss", "val_accuracy", "seconds"), fields);
            assertEquals(e + 1, epoch.get("epoch").asInt());
        }
        JsonNode last = JSON.readTree(lines.get(2));
        assertEquals(out.toString(), last.get("model").asText());
        assertTrue(last.get("best_epoch").asInt() >= 1, lines.get(2));
        assertTrue(Files.isRegularFile(out));
        String command = Files.readString(dir.resolve("m.json"));
        assertTrue(command.contains("--optimizer SGD"), "the exact command is recorded: " + command);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--optimizer adam         | Invalid value for option '--optimizer'",
                "--schedule linear        | Invalid value for option '--schedule'",
                "--input 16               | --input must be a whole number from 32 to 224, not 16",
                "--label-smoothing 0.7    | --label-smoothing must be a number from 0 to 0.5, not 0.7",
                "--ema 1                  | --ema must be a number from 0 to 0.9999, not 1",
                "--warmup -1              | --warmup must be a number from 0 to 1000, not -1",
                "--weight-decay NaN       | --weight-decay must be a number from 0 to 0.1, not NaN",
                "--step-factor 0          | --step-factor must be a number greater than 0 and at most 1, not 0",
                "--arch nope.yaml         | nope.yaml does not exist",
            })
    void badOptionsAreOneLineBeforeTraining(String option, String message, @TempDir Path dir) throws Exception {
        Path data = TrainSignalTest.tinyDataset(dir.resolve("data"));
        Path out = dir.resolve("m.zip");
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(option.split(" ")));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(ConvScopeCommand.USER_ERROR, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out) || Files.exists(dir.resolve("m.zip.checkpoint")), "nothing written");
    }
}
