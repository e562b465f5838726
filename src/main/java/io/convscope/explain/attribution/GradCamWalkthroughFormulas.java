package io.convscope.explain.attribution;

import io.convscope.explain.ShownSum;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Each step of a {@link GradCamWalkthrough} written out with its real values, in symbols only (the words around
 * them are the view's, in the reader's language). Gradients and weights of a small network are often 0.001 or less,
 * so numbers keep three significant digits ({@link #number}) instead of CNN Explainer's two decimals; sums are
 * printed by {@link ShownSum} so that the printed terms add up to the printed total, or the relation says "≈".
 */
public final class GradCamWalkthroughFormulas {

    /** Terms a cell's sum over channels writes out before summing the others into one. */
    public static final int SUM_TERMS = 4;

    private final GradCamWalkthrough w;

    public GradCamWalkthroughFormulas(GradCamWalkthrough walkthrough) {
        this.w = walkthrough;
    }

    /** {@code v} with three significant digits, at least two decimals and at most eight; "0" for zero. */
    public static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        return fixed(v, decimalsFor(v));
    }

    static int decimalsFor(double v) {
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
        return Math.max(2, Math.min(8, 2 - exponent));
    }

    private static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A negative term in brackets, as the other panels write sums. */
    private static String term(String s) {
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    /** {@code ∂y/∂A_k[i,j] = g}. */
    public String gradient(int k, int cell) {
        return "∂y/∂A" + sub(k) + position(cell) + " = " + number(w.gradient(k, cell));
    }

    /** {@code A_k[i,j] = a}. */
    public String activation(int k, int cell) {
        return "A" + sub(k) + position(cell) + " = " + number(w.activation(k, cell));
    }

    /**
     * {@code α_k = (1/Z) · Σ ∂y/∂A_k = (1/Z) · (g_0 + g_1 + … + g_last) = (1/Z) · Σ = α_k}: Z and the sum with its
     * first terms and last, then the mean.
     */
    public String alpha(int k) {
        int z = w.cells();
        StringBuilder terms = new StringBuilder();
        int written = Math.min(3, z);
        for (int i = 0; i < written; i++) {
            terms.append(i == 0 ? "" : " + ").append(term(number(w.gradient(k, i))));
        }
        if (z > written) {
            terms.append(z > written + 1 ? " + … + " : " + ").append(term(number(w.gradient(k, z - 1))));
        }
        String over = "(1/" + z + ")";
        return "α" + sub(k) + " = " + over + " · Σ ∂y/∂A" + sub(k) + " = " + over + " · (" + terms + ") = " + over
                + " · " + term(significant(w.gradientSum(k), 5)) + " = " + number(w.alpha(k));
    }

    /** {@code α_k · A_k[i,j] = α · a = product}, "≈" where the printed factors do not multiply out to the product. */
    public String weighted(int k, int cell) {
        double product = w.weighted(k, cell);
        String a = number(w.alpha(k));
        String x = number(w.activation(k, cell));
        String p = number(product);
        boolean exact = new BigDecimal(a)
                        .multiply(new BigDecimal(x))
                        .setScale(decimalsFor(product == 0 ? 1 : product), RoundingMode.HALF_UP)
                        .compareTo(new BigDecimal(p))
                == 0;
        return "α" + sub(k) + " · A" + sub(k) + position(cell) + " = " + a + " × " + term(x) + (exact ? " = " : " ≈ ")
                + p;
    }

    /**
     * {@code S[i,j] = Σ_k α_k A_k[i,j]} with the cell's {@value #SUM_TERMS} largest non-zero terms written out and the
     * others as one term named by {@code others} (a format taking their count, in the reader's language):
     * {@code = α₃A₃ + … + Σ(others) = 0.0174 + … = total}. Terms that are exactly 0 (a map the ReLU zeroed there) are
     * among the others.
     */
    public String sum(int cell, String others) {
        int channels = w.channels();
        List<Integer> largest = IntStream.range(0, channels)
                .filter(k -> w.weighted(k, cell) != 0)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(w.weighted(k, cell)))
                        .thenComparingInt(k -> k))
                .limit(SUM_TERMS)
                .sorted()
                .toList();
        List<Double> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k : largest) {
            values.add(w.weighted(k, cell));
            names.add("α" + sub(k) + "A" + sub(k));
        }
        int rest = channels - largest.size();
        if (rest > 0) {
            double restSum = 0;
            for (int k = 0; k < channels; k++) {
                restSum += largest.contains(k) ? 0 : w.weighted(k, cell);
            }
            values.add(restSum);
            names.add(String.format(Locale.ROOT, others, rest));
        }
        double total = w.sum(cell);
        int min = decimalsFor(total == 0 ? 1 : total);
        ShownSum shown = ShownSum.of(
                total,
                min,
                min + 3,
                values.stream().mapToDouble(Double::doubleValue).toArray());
        return "S" + position(cell) + " = Σₖ αₖ·Aₖ" + position(cell) + " = " + String.join(" + ", names) + " = "
                + shown.text();
    }

    /** {@code ReLU(S[i,j]) = max(0, s) = m}. */
    public String relu(int cell) {
        return "ReLU(S" + position(cell) + ") = max(0, " + number(w.sum(cell)) + ") = " + number(w.map(cell));
    }

    /**
     * One pixel of the upsampled map: its source point and the four cells' weights and values,
     * {@code (1-fy)(1-fx)·a + (1-fy)fx·b + fy(1-fx)·c + fy·fx·d = v}.
     */
    public String upsample(int y, int x) {
        GradCamWalkthroughUpsample u = w.upsample(y, x);
        double[] weights = u.weights();
        int[][] cells = {
            {u.rows()[0], u.columns()[0]}, {u.rows()[0], u.columns()[1]},
            {u.rows()[1], u.columns()[0]}, {u.rows()[1], u.columns()[1]}
        };
        StringBuilder s =
                new StringBuilder("(" + y + ", " + x + ") → (" + fixed(u.sy(), 3) + ", " + fixed(u.sx(), 3) + "): ");
        boolean first = true;
        for (int i = 0; i < 4; i++) {
            if (weights[i] == 0) {
                continue; // a cell with no weight (an edge, or a point on a row) adds nothing: leave it out
            }
            s.append(first ? "" : " + ")
                    .append(fixed(weights[i], 4))
                    .append("·M[")
                    .append(cells[i][0])
                    .append(",")
                    .append(cells[i][1])
                    .append("]");
            first = false;
        }
        s.append(" = ");
        first = true;
        for (int i = 0; i < 4; i++) {
            if (weights[i] != 0) {
                s.append(first ? "" : " + ")
                        .append(fixed(weights[i], 4))
                        .append(" × ")
                        .append(number(u.values()[i]));
                first = false;
            }
        }
        return s.append(" = ").append(number(u.value())).toString();
    }

    private String position(int cell) {
        int width = w.shape().width();
        return "[" + cell / width + "," + cell % width + "]";
    }

    /** Channel {@code k} as a subscript. */
    static String sub(int k) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            s.append((char) ('₀' + (c - '0')));
        }
        return s.toString();
    }

    private static String significant(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v)
                .round(new MathContext(digits))
                .stripTrailingZeros()
                .toPlainString();
    }
}
