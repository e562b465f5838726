package io.convscope.ui;

import io.convscope.ui.workspace.Language;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chinese renders with real glyphs even where the OS has no CJK font: the bundled font loads, and characters come
 * out as distinct shapes, not as the same missing-glyph box.
 */
class ChineseFontTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static int[] render(String s, Font font) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    Text t = new Text(s);
                    t.setFont(font);
                    t.setFill(Color.BLACK);
                    SnapshotParameters p = new SnapshotParameters();
                    p.setFill(Color.WHITE);
                    WritableImage img = t.snapshot(p, new WritableImage(40, 40));
                    int[] argb = new int[40 * 40];
                    img.getPixelReader().getPixels(0, 0, 40, 40, PixelFormat.getIntArgbInstance(), argb, 0, 40);
                    return argb;
                })
                .get();
    }

    static int ink(int[] argb) {
        int n = 0;
        for (int p : argb) {
            n += (p & 0xff) < 128 ? 1 : 0;
        }
        return n;
    }

    @Test
    void theBundledFontDrawsChineseGlyphs() throws Exception {
        String family = WaitForAsyncUtils.asyncFx(Language.CHINESE::fontFamily).get();
        assertEquals(Language.CJK_FAMILY, family);
        Font font = WaitForAsyncUtils.asyncFx(() -> Font.font(family, 28)).get();
        assertEquals(family, font.getFamily(), "JavaFX resolves the family to our font, not a fallback");
        int[] juan = render("\u5377", font); // 卷
        int[] ji = render("\u79ef", font); // 积
        int[] missing = render("\uE000", font); // private use: not in the font
        assertTrue(ink(juan) > 60 && ink(ji) > 60, "glyphs have ink: " + ink(juan) + ", " + ink(ji));
        assertFalse(Arrays.equals(juan, ji), "two characters, two shapes");
        assertFalse(Arrays.equals(juan, missing), "not the missing-glyph box");
        assertTrue(Language.CHINESE.rootStyle().contains(family));
        assertEquals("", Language.ENGLISH.rootStyle(), "English keeps the theme's font");
    }

    @Test
    void theOsLocalePicksTheLanguageAndAStoredChoiceWins() {
        assertEquals(Language.CHINESE, Language.of("", Locale.SIMPLIFIED_CHINESE));
        assertEquals(Language.CHINESE, Language.of("", Locale.TRADITIONAL_CHINESE));
        assertEquals(Language.ENGLISH, Language.of("", Locale.GERMANY));
        assertEquals(Language.ENGLISH, Language.of("en", Locale.SIMPLIFIED_CHINESE));
        assertEquals(Language.CHINESE, Language.of("zh", Locale.US));
        assertEquals(Language.ENGLISH, Language.of("klingon", Locale.US));
    }
}
