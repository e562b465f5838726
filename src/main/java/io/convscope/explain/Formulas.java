package io.convscope.explain;

import java.util.Locale;

/**
 * How the formula panels print numbers: fixed decimals, a dot as separator whatever the user's locale, and a plain
 * ASCII '-' for negatives (CNN Explainer draws a full-width minus; swapping the glyph is the view's choice).
 */
public final class Formulas {

    private Formulas() {}

    /** {@code value} with two decimals, as every panel cell shows it. */
    public static String twoDecimals(double value) {
        return fixed(value, 2);
    }

    /** {@code value} with four decimals, as probabilities are shown. */
    public static String fourDecimals(double value) {
        return fixed(value, 4);
    }

    /**
     * Rounds to {@code decimals}; a value that rounds to zero prints without sign, so a panel never shows "-0.00".
     * Finite values are rounded by {@link ShownSum#rounded}, so the numbers a sum is checked with are the ones printed.
     */
    static String fixed(double value, int decimals) {
        String text = Double.isFinite(value)
                ? ShownSum.rounded(value, decimals).toPlainString()
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0\\.0*") ? text.substring(1) : text;
    }

    /** A deep copy, so callers cannot change an explanation through the arrays it hands out. */
    public static float[][] copy(float[][] grid) {
        float[][] copy = new float[grid.length][];
        for (int i = 0; i < grid.length; i++) {
            copy[i] = grid[i].clone();
        }
        return copy;
    }
}
