package io.convscope.ui.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.DatasetException;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.training.TrainingDivergedException;
import io.convscope.image.ImageInputException;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;
import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Every refusal of a data set folder is told in both languages: the English key is the engine's own sentence, and
     * the Chinese one fills in the same arguments.
     */
    @Test
    void aDataSetFoldersProblemIsToldInTheLanguageOnShow() throws Exception {
        for (DatasetException.Problem p : DatasetException.Problem.values()) {
            Object[] args = {"/data/a", "/data/b", "/data/c", "/data/d"};
            String english = String.format(Locale.ROOT, p.english(), args);
            assertEquals(english, String.format(EN.getString(p.messageKey()), args), p.name());
            assertEquals(placeholders(p.english()), placeholders(ZH.getString(p.messageKey())), p.name());
        }
        Path missing = Path.of("/no/such/koala-folder");
        DatasetException refused = assertThrows(DatasetException.class, () -> ImageFolderDataset.open(missing));
        assertEquals(refused.getMessage(), FailureReason.of(EN, refused));
        assertEquals("数据集文件夹 " + missing + " 不存在", FailureReason.of(ZH, refused));
    }

    /**
     * Every sentence of a design that cannot be laid out is told in both languages (the English key is the engine's
     * wording, the Chinese fills the same arguments), with the blocks and the file it names said in the same language.
     */
    @Test
    void aDesignsProblemIsToldInTheLanguageOnShow() throws Exception {
        for (DesignException.Wording w : DesignException.Wording.values()) {
            assertEquals(w.english(), EN.getString(w.messageKey()), w.name());
            assertEquals(placeholders(w.english()), placeholders(ZH.getString(w.messageKey())), w.name());
        }
        String pools = "{\"type\": \"pool\"}, ".repeat(5) + "{\"type\": \"conv\", \"filters\": 4}";
        DesignException shrunk =
                refusal("{\"inputSize\": 32, \"classes\": 2, \"blocks\": [" + pools + "]}", "net.json");
        assertEquals(shrunk.getMessage(), FailureReason.of(EN, shrunk));
        // Wrapped as the run settings wrap it, with the same message.
        assertEquals(
                "net.json：第 6 块（conv）：它的 3 × 3 卷积核放不进第 5 块（pool）留下的 1 × 1 特征图：到这里特征图已经缩小到没有了。"
                        + "请使用“same”填充、更小的步长、更少的池化块，或者更大的输入尺寸",
                FailureReason.of(ZH, new IOException(shrunk.getMessage(), shrunk)));
        DesignException big = refusal(
                "{\"inputSize\": 224, \"classes\": 2, \"blocks\": [{\"type\": \"conv\", \"filters\": 64, "
                        + "\"padding\": \"same\"}, {\"type\": \"dense\", \"units\": 4096}]}",
                "");
        assertEquals(big.getMessage(), FailureReason.of(EN, big));
        assertTrue(big.getMessage().startsWith("the network would have 13,153,351,426 parameters"), big.getMessage());
        assertEquals(
                "这个网络会有 13,153,351,426 个参数；ConvScope 最多训练 50,000,000 个（请减少滤波器或单元，或者在第一个全连接层之前先池化）",
                FailureReason.of(ZH, big));
        // A description file's syntax is told in English only, as written.
        DesignException syntax = refusal("{\"blocks\": [{\"type\": \"convolution\"}]}", "net.json");
        assertTrue(syntax.wording().isEmpty());
        assertEquals(syntax.getMessage(), FailureReason.of(ZH, syntax));
    }

    private static DesignException refusal(String json, String source) {
        return assertThrows(DesignException.class, () -> DesignFiles.parse(new ObjectMapper().readTree(json), source));
    }

    /** A model file refused as a whole is told in both languages; a library's reason stays as the loader wrote it. */
    @Test
    void aModelFilesProblemIsToldInTheLanguageOnShow() throws Exception {
        for (ModelLoadException.Wording w : ModelLoadException.Wording.values()) {
            assertEquals(w.english(), EN.getString(w.messageKey()), w.name());
            assertEquals(placeholders(w.english()), placeholders(ZH.getString(w.messageKey())), w.name());
        }
        Path missing = Path.of("/no/such/koala.zip");
        ModelLoadException refused = assertThrows(ModelLoadException.class, () -> ModelLoader.load(missing));
        assertEquals("model file " + missing + " does not exist", refused.getMessage());
        assertEquals(refused.getMessage(), FailureReason.of(EN, refused));
        assertEquals("模型文件 " + missing + " 不存在", FailureReason.of(ZH, refused));
        ModelLoadException layer =
                new ModelLoadException("koala.h5: layer 'lstm_1' (LSTM) is not a layer ConvScope runs");
        assertEquals(layer.getMessage(), FailureReason.of(ZH, layer), "a layer's reason is English only");
    }

    @Test
    void aDivergedRunIsToldInTheLanguageOnShow() {
        TrainingDivergedException e = new TrainingDivergedException(3, 7, 0.5);
        assertEquals(TrainingDivergedException.ENGLISH, EN.getString(e.messageKey()));
        assertEquals(e.getMessage(), FailureReason.of(EN, e));
        assertEquals("训练在第 3 轮、第 7 批发散了：损失或权重已不再是有限的数，所以没有写出模型；请用比 0.500 更小的学习率重新训练", FailureReason.of(ZH, e));
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("%\\d\\$[,.\\d]*[a-zA-Z]").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
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
        // A bug in our own code: the JDK's helpful text names our variables, not the student's problem.
        String nothing = null;
        NullPointerException bug = assertThrows(NullPointerException.class, () -> nothing.length());
        assertEquals(EN.getString("reason.unexpected"), FailureReason.of(EN, bug), bug.getMessage());
    }
}
