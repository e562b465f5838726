package io.convscope.ui.explorer;

import io.convscope.engine.dataset.EvaluationScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which folder the explorer scores for the one chosen: the rule evaluate applies too. */
class ExplorerRunTest {

    @Test
    void aTrainValFolderIsScoredOnItsValHalfAndAPlainOneAsItIs(@TempDir Path dir) throws Exception {
        Path both = dir.resolve("both");
        Files.createDirectories(both.resolve("train").resolve("cats"));
        Files.createDirectories(both.resolve("val").resolve("cats"));
        assertEquals(both.resolve("val"), EvaluationScope.scoredFolder(both));

        Path plain = dir.resolve("plain");
        Files.createDirectories(plain.resolve("cats"));
        Files.createDirectories(plain.resolve("val")); // a class called "val", with no train/ beside it
        assertEquals(plain, EvaluationScope.scoredFolder(plain));
    }
}
