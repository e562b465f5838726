package io.convscope.ui;

/**
 * The characters JavaFX lays out through Pango on Linux instead of its own simple layout (its ScriptMapper's ranges:
 * combining marks, Hebrew and Arabic, the Indic and South-East Asian scripts, Tibetan, Hangul jamo, Khmer,
 * joiners and bidirectional controls, and surrogate pairs). With the combining hat of Adam's m̂ in the Train
 * workspace, that path corrupted native memory: test JVMs crashed in pango_itemize and in free(), 4 times in about 130
 * runs. Our own strings keep out of it.
 */
public final class ComplexText {

    private ComplexText() {}

    public static boolean needsPango(char c) {
        return (c >= 0x0300 && c <= 0x036f)
                || (c >= 0x0590 && c <= 0x06ff)
                || (c >= 0x0900 && c <= 0x0e7f)
                || (c >= 0x0f00 && c <= 0x0fff)
                || (c >= 0x1100 && c <= 0x11ff)
                || (c >= 0x1780 && c <= 0x17ff)
                || (c >= 0x200c && c <= 0x200d)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x206a && c <= 0x206f)
                || Character.isSurrogate(c);
    }

    /** The first such character of {@code s} as {@code U+XXXX in "…its surroundings…"}, or null. */
    public static String firstIn(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (needsPango(s.charAt(i))) {
                String around = s.substring(Math.max(0, i - 30), Math.min(s.length(), i + 30));
                return String.format("U+%04X in \"%s\"", (int) s.charAt(i), around);
            }
        }
        return null;
    }
}
