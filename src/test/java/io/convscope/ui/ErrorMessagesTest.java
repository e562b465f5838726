package io.convscope.ui;

import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an image can fail has a sentence in each language, with the same arguments as the engine gives. */
class ErrorMessagesTest {

    @Test
    void everyImageProblemHasASentenceInEveryLanguage() {
        for (Language language : Language.values()) {
            var text = language.messages();
            for (ImageInputException.Problem p : ImageInputException.Problem.values()) {
                assertTrue(text.containsKey(p.messageKey()), language + " " + p);
                assertEquals(
                        LanguageParityTest.arguments(p.english()),
                        LanguageParityTest.arguments(text.getString(p.messageKey())),
                        language + " " + p + " takes the engine's arguments");
            }
        }
    }

    @Test
    void aRealFailureReadsInChinese() {
        ImageInputException e =
                assertThrows(ImageInputException.class, () -> ImagePreprocessor.decode(new byte[0], "\u732b.jpg"));
        assertEquals(ImageInputException.Problem.EMPTY, e.problem());
        assertEquals("\u732b.jpg is empty (0 bytes)", e.getMessage(), "the CLI keeps its English sentence");
        String zh = String.format(
                Locale.ROOT,
                Language.CHINESE.messages().getString(e.problem().messageKey()),
                e.arguments().toArray());
        assertEquals("\u732b.jpg \u662f\u7a7a\u6587\u4ef6\uff080 \u5b57\u8282\uff09\u3002", zh);
    }
}
