package io.convscope.ui.workspace;

import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The languages the whole app speaks: its bundles, and the font its text needs. Chinese brings its own font (a subset
 * of Noto Sans CJK SC) because an OS without a CJK font would draw every character as a box.
 */
public enum Language {
    ENGLISH("en", Locale.ENGLISH, null, null),
    // Bold has its own small subset (the characters of our own texts): without it, bold Chinese looked regular.
    CHINESE(
            "zh",
            Locale.SIMPLIFIED_CHINESE,
            "/io/convscope/ui/fonts/NotoSansCJKsc-Subset.otf",
            "/io/convscope/ui/fonts/NotoSansCJKsc-Bold-Subset.otf");

    public static final String MESSAGES = "io.convscope.ui.messages";
    public static final String SAMPLES = "io.convscope.ui.samples";
    /** The bundled CJK font's family name, as JavaFX reports it once loaded. */
    public static final String CJK_FAMILY = "Noto Sans CJK SC";
    /** Never fall back to the JVM's default locale: English must stay English on a Chinese OS. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String tag;
    private final Locale locale;
    private final String fontResource;
    private final String boldResource;
    private String family;

    Language(String tag, Locale locale, String fontResource, String boldResource) {
        this.tag = tag;
        this.locale = locale;
        this.fontResource = fontResource;
        this.boldResource = boldResource;
    }

    /** Short tag stored in the settings: "en", "zh". */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle messages() {
        return ResourceBundle.getBundle(MESSAGES, locale, NO_FALLBACK);
    }

    public ResourceBundle samples() {
        return ResourceBundle.getBundle(SAMPLES, locale, NO_FALLBACK);
    }

    /** The language for a stored tag; an empty or unknown tag follows the OS. */
    public static Language of(String tag, Locale os) {
        for (Language l : values()) {
            if (l.tag.equals(tag)) {
                return l;
            }
        }
        return forLocale(os);
    }

    /** Chinese for any Chinese locale (zh, zh-CN, zh-TW...), English otherwise. */
    static Language forLocale(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    public static List<Language> all() {
        return List.of(values());
    }

    /**
     * The font family the UI's text uses in this language, loading the bundled font on first use; null means the
     * theme's default.
     */
    public synchronized String fontFamily() {
        if (fontResource == null) {
            return null;
        }
        if (family == null) {
            family = load(fontResource).getFamily();
            load(boldResource); // the same family's bold face: CSS's bold weight finds it by the family name
        }
        return family;
    }

    private static Font load(String resource) {
        try (InputStream in = Language.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build");
            }
            Font loaded = Font.loadFont(in, 13);
            if (loaded == null) {
                throw new IllegalStateException("JavaFX could not read " + resource);
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A font of this language's family (the theme's default family when null). */
    Font font(FontWeight weight, FontPosture posture, double size) {
        return Font.font(fontFamily(), weight, posture, size);
    }

    /** The style the scene's root gets so every control inherits the language's font. */
    public String rootStyle() {
        String f = fontFamily();
        return f == null ? "" : "-fx-font-family: \"" + f + "\";";
    }
}
