package io.convscope.ui.common;

import io.convscope.image.ImageInputException;
import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures are told as clauses a student reads: our own sentences as they are, file errors named, the rest general. */
class FailureReasonTest {

    private static final ResourceBundle EN = Language.ENGLISH.messages();
    private static final ResourceBundle ZH = Language.CHINESE.messages();

    @Test
    void ourOwnSentencesAreShownAsTheyAre() {
        IOException ours = new IOException("the checkpoint in /runs/a is incomplete: epoch-3.bin is missing");
        assertEquals(ours.getMessage(), FailureReason.of(EN, ours));
        assertEquals(ours.getMessage(), FailureReason.of(EN, new UncheckedIOException(ours)), "unwrapped");
    }

    @Test
    void theJdksFileErrorsBecomeSentencesNamingTheFile() {
        // Their own message is only the file's name.
        assertEquals(
                "/data/koala does not exist (was it moved or deleted?)",
                FailureReason.of(EN, new NoSuchFileException("/data/koala")));
        assertEquals(
                "ConvScope may not read or write /data/koala (permission denied)",
                FailureReason.of(EN, new UncheckedIOException(new AccessDeniedException("/data/koala"))));
        assertEquals(
                "/runs/a.zip: No space left on device",
                FailureReason.of(EN, new FileSystemException("/runs/a.zip", null, "No space left on device")));
        assertTrue(FailureReason.of(ZH, new NoSuchFileException("/data/koala")).startsWith("/data/koala 不存在"));
    }

    @Test
    void anImagesProblemIsToldInTheLanguageOnShow() {
        ImageInputException e = new ImageInputException(ImageInputException.Problem.FOLDER, "photos");
        assertEquals(String.format(EN.getString(e.problem().messageKey()), "photos"), FailureReason.of(EN, e));
        assertEquals(String.format(ZH.getString(e.problem().messageKey()), "photos"), FailureReason.of(ZH, e));
    }

    @Test
    void aLibrarysOrABugsRawTextIsNeverShown() {
        NumberFormatException library = assertThrows(NumberFormatException.class, () -> Integer.parseInt("twelve"));
        String told = FailureReason.of(EN, library);
        assertEquals(EN.getString("reason.unexpected"), told);
        assertFalse(told.contains("twelve") || told.contains("NumberFormat"), told);
        assertEquals(
                ZH.getString("reason.unexpected"),
                FailureReason.of(ZH, new UncheckedIOException(new IOException(library))),
                "wrapped with the library's text as the message");
        assertEquals(EN.getString("reason.memory"), FailureReason.of(EN, new OutOfMemoryError("Java heap space")));
    }
}
