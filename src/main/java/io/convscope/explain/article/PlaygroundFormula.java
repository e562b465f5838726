package io.convscope.explain.article;

import java.util.Locale;

/** The playground's output-size formula, floor((n + 2p - k) / s) + 1, written out with the current numbers. */
public final class PlaygroundFormula {

    private PlaygroundFormula() {}

    /** LaTeX for the formula and each step of its working. */
    public static String latex(HyperparameterPlayground model) {
        int n = model.input();
        int p = model.padding();
        int k = model.kernel();
        int s = model.stride();
        int top = n + 2 * p - k;
        String quotient = top % s == 0 ? Integer.toString(top / s) : trim((double) top / s);
        return "\\left\\lfloor \\frac{" + n + " + 2 \\cdot " + p + " - " + k + "}{" + s + "} \\right\\rfloor + 1"
                + " = \\left\\lfloor " + quotient + " \\right\\rfloor + 1 = " + model.outputSize();
    }

    /** Rows (and, by symmetry, columns) between windows that no window covers, not counting the remainder. */
    public static int gapRows(HyperparameterPlayground model) {
        int gapRows = 0;
        for (int i : model.uncovered()) {
            if (i < model.paddedSize() - model.remainder()) {
                gapRows++;
            }
        }
        return gapRows;
    }

    private static String trim(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v);
        return t.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
