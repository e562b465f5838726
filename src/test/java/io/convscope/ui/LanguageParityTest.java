package io.convscope.ui;

import io.convscope.ui.workspace.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * English and Chinese stay in step: the same keys with the same format arguments, every key the code asks for
 * exists, and no user-visible string is written into the UI code instead of a bundle.
 */
class LanguageParityTest {

    static final Path UI_SOURCES = Path.of("src/main/java/io/convscope/ui");
    /** printf conversions, with an optional argument index: %s, %2$s, %.4f, %d, %% ... */
    static final Pattern FORMAT = Pattern.compile("%(\\d+\\$)?[-#+0,(]*\\d*(\\.\\d+)?([a-zA-Z%])");
    /**
     * Text set straight into a control or a text node. Literals must come from a bundle; symbols and numbers (no
     * letters) are fine, and so is a string built from bundle values.
     */
    static final Pattern HARD_CODED = Pattern.compile(
            "(new (Label|Button|ToggleButton|Tooltip|MenuItem|RadioMenuItem|CheckBox|Hyperlink|Text|MenuButton|Tab)"
                    + "|\\.set(Text|PromptText|Title|HeaderText|ContentText))\\(\\s*\"([^\"]*)\"");

    /** Each argument as the formatter sees it: explicit index or position, and conversion. */
    static List<String> arguments(String pattern) {
        List<String> args = new ArrayList<>();
        Matcher m = FORMAT.matcher(pattern);
        int ordinary = 0;
        while (m.find()) {
            String conversion = m.group(3);
            if (conversion.equals("%") || conversion.equals("n")) {
                continue;
            }
            String index = m.group(1) != null ? m.group(1).replace("$", "") : Integer.toString(++ordinary);
            args.add(index + ":" + conversion);
        }
        args.sort(null);
        return new ArrayList<>(new TreeSet<>(args));
    }

    /** A bundle file on its own, without the base bundle's keys a ResourceBundle would fall back to. */
    static Properties file(String base, String suffix) throws IOException {
        String resource = "/" + base.replace('.', '/') + suffix + ".properties";
        Properties p = new Properties();
        try (var in = LanguageParityTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " exists");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyIsInBothLanguagesWithTheSameArguments() throws IOException {
        for (String base : List.of(Language.MESSAGES, Language.SAMPLES)) {
            Properties en = file(base, "");
            Properties zh = file(base, "_zh");
            assertEquals(
                    new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()), base + " keys");
            for (String key : en.stringPropertyNames()) {
                assertEquals(
                        arguments(en.getProperty(key)), arguments(zh.getProperty(key)), base + " arguments of " + key);
                assertTrue(!zh.getProperty(key).isBlank(), key);
            }
        }
        assertEquals("zh", Language.CHINESE.messages().getLocale().getLanguage());
        assertEquals(Locale.ROOT, Language.ENGLISH.messages().getLocale(), "English is the base bundle, on any OS");
    }

    /** Strings that are the same in both languages on purpose: names, symbols and formulas. */
    static final Set<String> SAME_IN_BOTH = Set.of(
            "app.title",
            "design.inSource", // "file: sentence", with a full-width colon in Chinese
            "language.en",
            "flatten.logit",
            "flatten.softmax",
            "learn.softmax.logit",
            "learn.softmax.exp",
            "learn.softmax.probability",
            "learn.softmax.plain",
            "status.prediction",
            "flatten.logit.tooltip",
            "conv.column.output",
            "softmax.readout",
            "conv.column.input");

    /** Formulas, units and layer-type names of the architecture view: the same symbols in every language. */
    static final Pattern LANGUAGE_NEUTRAL =
            Pattern.compile("architecture\\.(help\\.[a-z]+\\.(macs|params|other|name)|unit\\.[a-z]+|type\\.[A-Z_]+)");

    @Test
    void chineseIsReallyChinese() throws IOException {
        Properties zh = file(Language.MESSAGES, "_zh");
        Properties samples = file(Language.SAMPLES, "_zh");
        List<String> notChinese = new ArrayList<>();
        for (Properties p : List.of(zh, samples)) {
            for (String key : p.stringPropertyNames()) {
                boolean han = p.getProperty(key)
                        .codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
                if (!han
                        && !SAME_IN_BOTH.contains(key)
                        && !LANGUAGE_NEUTRAL.matcher(key).matches()) {
                    notChinese.add(key + "=" + p.getProperty(key));
                }
            }
        }
        assertTrue(notChinese.isEmpty(), "untranslated: " + notChinese);
    }

    /** No string of ours makes JavaFX lay text out through Pango (see {@link ComplexText}). */
    @Test
    void noStringNeedsComplexTextLayout() throws IOException {
        List<String> complex = new ArrayList<>();
        for (String base : List.of(Language.MESSAGES, Language.SAMPLES)) {
            for (String suffix : List.of("", "_zh")) {
                Properties p = file(base, suffix);
                for (String key : p.stringPropertyNames()) {
                    String found = ComplexText.firstIn(p.getProperty(key));
                    if (found != null) {
                        complex.add(key + ": " + found);
                    }
                }
            }
        }
        assertTrue(complex.isEmpty(), complex.toString());
        // The code and the article too: a formula written in Java or Markdown reaches a label as it is.
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.(java|md|properties|css)"))
                    .toList()) {
                String found = ComplexText.firstIn(Files.readString(f, StandardCharsets.UTF_8));
                if (found != null) {
                    complex.add(f + ": " + found);
                }
            }
        }
        assertTrue(complex.isEmpty(), complex.toString());
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        ResourceBundle en = Language.ENGLISH.messages();
        Pattern get = Pattern.compile("getString\\(\"([a-zA-Z0-9_.]+)\"\\)");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(UI_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = get.matcher(Files.readString(f));
                while (m.find()) {
                    if (!en.containsKey(m.group(1)) && !m.group(1).startsWith("sample.")) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "keys used but not defined: " + missing);
    }

    @Test
    void noUserVisibleStringIsHardCodedInTheUi() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(UI_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = HARD_CODED.matcher(lines.get(i));
                    while (m.find()) {
                        String literal = unescape(m.group(4));
                        if (literal.codePoints().anyMatch(Character::isLetter)) {
                            found.add(f.getFileName() + ":" + (i + 1) + " \"" + literal + "\"");
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "UI text must come from messages*.properties: " + found);
    }

    /** Java's unicode escapes, so "\\u2192" counts as the arrow it is, not as letters. */
    static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void theScannerWouldCatchAHardCodedString() {
        assertEquals("\u2192", unescape("\\u2192"));
        assertTrue(HARD_CODED.matcher("Label l = new Label(\"Open image\");").find());
        assertTrue(HARD_CODED.matcher("button.setText(\"Play\")").find());
        assertTrue(HARD_CODED.matcher("t.setTooltip(new Tooltip(\"Zoom\"))").find());
        assertEquals(List.of("1:s", "2:d"), arguments("%s has %d"));
        assertEquals(List.of("1:s", "2:s"), arguments("%2$s then %1$s"));
        assertEquals(List.of("1:f"), arguments("%.1f %%"));
    }
}
