package io.convscope.explain;

import java.util.Locale;

/** Numbers as the explanation views print them: fixed decimals, and no minus sign on a value that rounds to zero. */
public final class Decimals {

    private Decimals() {}

    /** {@code decimals} decimals; "-0.00" prints as "0.00" (a sign on nothing only distracts). */
    public static String fixed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** {@code [a, b, c; d, e, f; g, h, i]} with two decimals, as CNN Explainer's pill prints a kernel. */
    public static String kernel(float[][] kernel) {
        StringBuilder s = new StringBuilder("[");
        for (int y = 0; y < kernel.length; y++) {
            for (int x = 0; x < kernel[y].length; x++) {
                s.append(fixed(kernel[y][x], 2));
                s.append(x < kernel[y].length - 1 ? ", " : y < kernel.length - 1 ? "; " : "]");
            }
        }
        return s.toString();
    }
}
