package io.convscope.explain.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How a training step's numbers are written: four significant digits, because a gradient is often 0.0003 where a
 * weight is 0.2 and fixed decimals would print one of them as 0.00. Plain decimals from 0.0001 up to 100,000,
 * scientific notation outside ({@code 3.2e-6}).
 */
public final class StepNumbers {

    static final int DIGITS = 4;

    private StepNumbers() {}

    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e5) {
            BigDecimal rounded =
                    new BigDecimal(value).round(new MathContext(DIGITS)).stripTrailingZeros();
            return rounded.toPlainString();
        }
        String s = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", value);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** The value as the reader sees it: {@link #format} read back. */
    static double shown(double value) {
        return Double.parseDouble(format(value));
    }

    /** A factor in a product: negative numbers in brackets, as the app's other formulas write them. */
    static String factor(double value) {
        String s = format(value);
        return value < 0 ? "(" + s + ")" : s;
    }
}
