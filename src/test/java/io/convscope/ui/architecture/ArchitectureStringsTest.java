package io.convscope.ui.architecture;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The architecture window's text: every key in both bundles, every key the code names exists, no literals. */
class ArchitectureStringsTest {

    static final List<String> SOURCES = List.of(
            "ArchitectureWindow",
            "ArchitectureView",
            "ArchitectureTable",
            "ArchitecturePainter",
            "NodeCard",
            "FormulaHelpPanel",
            "Figures",
            "ArchitectureBenchmarkHarness",
            "ArchitectureSourceChooser",
            "ArchitectureToolbar",
            "ArchitectureExporter",
            "ArchitectureSearch",
            "ArchitectureLegend",
            "ArchitectureStatusBar",
            "ArchitectureLoadingOverlay",
            "ArchitectureLoadTask",
            "ArchitectureViewGestures",
            "GraphSearch");
    static final List<String> SOURCE_DIRS = List.of(
            "src/main/java/io/convscope/ui/architecture",
            "src/main/java/io/convscope/ui/architecture/graph",
            "src/main/java/io/convscope/ui/architecture/details",
            "src/main/java/io/convscope/ui/architecture/paint",
            "src/main/java/io/convscope/ui/architecture/tiles",
            "src/test/java/io/convscope/ui/architecture");
    static final Pattern LITERAL_UI_TEXT = Pattern.compile(
            "(new (Label|Button|Tooltip|MenuItem|MenuButton|ToggleButton|CheckBox|Text)|\\.set(Text|PromptText|Title))"
                    + "\\(\"[^\"]*\\p{L}");
    static final Pattern KEY = Pattern.compile("\"(architecture\\.[A-Za-z.]+[A-Za-z])\"");

    static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ArchitectureStringsTest.class.getResourceAsStream("/io/convscope/ui/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The analyzer's classes, or the benchmark harness, which lives with the tests. */
    static Path source(String name) {
        return SOURCE_DIRS.stream()
                .map(d -> Path.of(d, name + ".java"))
                .filter(Files::exists)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no source for " + name));
    }

    static Set<String> architectureKeys(Properties p) {
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().stream()
                .filter(k -> k.startsWith("architecture."))
                .forEach(keys::add);
        return keys;
    }

    @Test
    void englishAndChineseHaveTheSameKeysAndChineseIsNative() throws Exception {
        Properties en = bundle("messages.properties");
        Properties zh = bundle("messages_zh.properties");
        assertEquals(architectureKeys(en), architectureKeys(zh));
        assertTrue(zh.getProperty("architecture.column.trainable").contains("可训练"));
        assertTrue(zh.getProperty("architecture.column.macs").contains("乘加"));
        for (String k : architectureKeys(en)) {
            assertEquals(
                    en.getProperty(k).split("%", -1).length,
                    zh.getProperty(k).split("%", -1).length,
                    "same placeholders in " + k);
        }
    }

    @Test
    void noUserVisibleLiteralsAndEveryNamedKeyExists() throws Exception {
        Properties en = bundle("messages.properties");
        List<String> problems = new ArrayList<>();
        for (String name : SOURCES) {
            String src = Files.readString(source(name));
            Matcher m = LITERAL_UI_TEXT.matcher(src);
            while (m.find()) {
                problems.add(name + ": " + m.group());
            }
            Matcher k = KEY.matcher(src);
            while (k.find()) {
                String key = k.group(1);
                if (!key.endsWith(".") && !en.containsKey(key) && !en.containsKey(key + ".tooltip")) {
                    problems.add(name + ": missing key " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
