package io.convscope.explain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A sum printed so that a student who adds the printed numbers gets the printed result. Rounding every term and the
 * total separately breaks that ("5.95 + (-0.11) = 5.8421", or nine 2-decimal products that add up to 0.0019 shown as
 * "= 0.01"), so the decimals are chosen: the fewest, from a minimum up to a maximum, at which the rounded terms add up
 * to the rounded total. Where no such number exists (a total on a rounding boundary) the relation is "≈", never "=".
 *
 * @param terms    the printed terms
 * @param relation "=" when the printed terms add up to the printed total, else "≈"
 * @param total    the printed total
 */
public record ShownSum(List<String> terms, String relation, String total) {

    public static final String EQUALS = "=";
    public static final String APPROXIMATELY = "≈";

    /**
     * {@code terms} and their engine-computed {@code total}, with between {@code minDecimals} and {@code maxDecimals}
     * decimals each; with {@code maxDecimals} and "≈" when no count in between adds up.
     */
    public static ShownSum of(double total, int minDecimals, int maxDecimals, double... terms) {
        for (int d = minDecimals; d <= maxDecimals; d++) {
            BigDecimal printed = BigDecimal.ZERO.setScale(d);
            for (double t : terms) {
                printed = printed.add(rounded(t, d));
            }
            if (printed.compareTo(rounded(total, d)) == 0) {
                return new ShownSum(texts(terms, d), EQUALS, Formulas.fixed(total, d));
            }
        }
        return new ShownSum(texts(terms, maxDecimals), APPROXIMATELY, Formulas.fixed(total, maxDecimals));
    }

    /**
     * Whether products of factors printed with {@code decimals} decimals, multiplied out and added exactly as a student
     * would, give {@code total} printed with the same decimals: "=" if so, "≈" if not.
     */
    public static String productsRelation(float[][] a, float[][] b, double total, int decimals) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[y].length; x++) {
                sum = sum.add(rounded(a[y][x], decimals).multiply(rounded(b[y][x], decimals)));
            }
        }
        return sum.setScale(decimals, RoundingMode.HALF_UP).compareTo(rounded(total, decimals)) == 0
                ? EQUALS
                : APPROXIMATELY;
    }

    /** The printed terms joined by " + ", negative terms after the first in brackets: {@code 5.9521 + (-0.1100)}. */
    public String joined() {
        StringBuilder s = new StringBuilder();
        for (String t : terms) {
            if (!s.isEmpty()) {
                s.append(" + ").append(t.startsWith("-") ? "(" + t + ")" : t);
            } else {
                s.append(t);
            }
        }
        return s.toString();
    }

    /** The whole line: {@code 5.9521 + (-0.1100) = 5.8421}. */
    public String text() {
        return joined() + " " + relation + " " + total;
    }

    private static List<String> texts(double[] terms, int decimals) {
        String[] out = new String[terms.length];
        for (int i = 0; i < terms.length; i++) {
            out[i] = Formulas.fixed(terms[i], decimals);
        }
        return List.of(out);
    }

    /** Rounded as the panels print it ({@link Formulas#fixed}: half up on the shortest decimal form). */
    static BigDecimal rounded(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    }
}
