package io.convscope.explain.training;

import io.convscope.explain.ValueColors;
import io.convscope.network.KernelStep;
import io.convscope.network.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * One optimiser step of one kernel, ready to draw: the batch (thumbnails, label names, loss), the kernel as three
 * grids (old weights, gradient, new weights) and, for any weight, the update written out line by line with the
 * real numbers. Each printed result is the recorded value; a line's sign is {@code ≈} instead of {@code =} where the
 * printed (rounded) operands do not give the printed result, as the app's other formulas do.
 */
public final class KernelUpdateExplanation {

    /**
     * One line of the update.
     *
     * @param key     what the line computes, a message key suffix: {@code gradient}, {@code velocity}, {@code m},
     *                {@code v}, {@code mHat}, {@code vHat} or {@code newWeight}
     * @param symbols the formula in symbols ({@code v = μ·v₀ + g + λ·w})
     * @param numbers the same with this weight's numbers and the result
     */
    public record FormulaLine(String key, String symbols, String numbers) {}

    private final KernelStep step;

    public KernelUpdateExplanation(KernelStep step) {
        this.step = step;
    }

    public KernelStep step() {
        return step;
    }

    public int rows() {
        return step.kernelHeight();
    }

    public int columns() {
        return step.kernelWidth();
    }

    public float[][] before() {
        return grid(step.before());
    }

    public float[][] gradient() {
        return grid(step.gradient());
    }

    public float[][] after() {
        return grid(step.after());
    }

    /** The largest magnitude among the old and new weights: both grids share one colour scale. */
    public double weightRange() {
        return 2 * Math.max(maxAbs(step.before()), maxAbs(step.after()));
    }

    public double gradientRange() {
        return 2 * maxAbs(step.gradient());
    }

    /** True when the optimiser is AdamW, false for SGD with momentum. */
    public boolean adam() {
        return step.terms() instanceof KernelStep.Adam;
    }

    /** The batch's mean loss as printed. */
    public String loss() {
        return StepNumbers.format(step.batch().loss());
    }

    public String learningRate() {
        return StepNumbers.format(step.learningRate());
    }

    /** Image {@code i} of the batch as ARGB pixels, row-major (values 0..1 per channel as the network saw them). */
    public int[] thumbnail(int i) {
        Shape s = step.batch().inputShape();
        float[] x = step.batch().images().get(i);
        int plane = s.height() * s.width();
        int[] argb = new int[plane];
        for (int p = 0; p < plane; p++) {
            if (s.channels() >= 3) {
                argb[p] = 0xFF000000 | byteOf(x[p]) << 16 | byteOf(x[plane + p]) << 8 | byteOf(x[2 * plane + p]);
            } else {
                argb[p] = ValueColors.input(x[p]) | 0xFF000000;
            }
        }
        return argb;
    }

    public String labelOf(int i) {
        return step.batch().classes().get(step.batch().labels()[i]);
    }

    private static int byteOf(float v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** The update of weight (ky, kx), line by line. */
    public List<FormulaLine> formula(int ky, int kx) {
        int i = step.index(ky, kx);
        double w = step.before()[i];
        double g = step.gradient()[i];
        double lr = step.learningRate();
        List<FormulaLine> lines = new ArrayList<>();
        lines.add(new FormulaLine("gradient", "g = ∂L/∂w", "g = " + StepNumbers.format(g)));
        if (step.terms() instanceof KernelStep.Sgd sgd) {
            sgdLines(lines, sgd, i, w, g, lr);
        } else {
            adamLines(lines, (KernelStep.Adam) step.terms(), i, w, g, lr);
        }
        return lines;
    }

    private void sgdLines(List<FormulaLine> lines, KernelStep.Sgd t, int i, double w, double g, double lr) {
        double v0 = t.velocityBefore()[i];
        double v = t.velocityAfter()[i];
        StringBuilder symbols = new StringBuilder("v = ");
        StringBuilder numbers = new StringBuilder("v = ");
        double fromShown = StepNumbers.shown(g);
        if (t.momentum() != 0) {
            symbols.append("μ·v₀ + ");
            numbers.append(StepNumbers.format(t.momentum())).append(" × ").append(StepNumbers.factor(v0));
            numbers.append(" + ");
            fromShown += t.momentum() * StepNumbers.shown(v0);
        }
        symbols.append("g");
        numbers.append(StepNumbers.factor(g));
        if (t.weightDecay() != 0) {
            symbols.append(" + λ·w");
            numbers.append(" + ")
                    .append(StepNumbers.format(t.weightDecay()))
                    .append(" × ")
                    .append(StepNumbers.factor(w));
            fromShown += t.weightDecay() * StepNumbers.shown(w);
        }
        lines.add(new FormulaLine("velocity", symbols.toString(), result(numbers, fromShown, v)));
        double after = step.after()[i];
        String update =
                "w′ = " + StepNumbers.format(w) + " − " + StepNumbers.format(lr) + " × " + StepNumbers.factor(v);
        lines.add(new FormulaLine(
                "newWeight",
                "w′ = w − η·v",
                result(new StringBuilder(update), StepNumbers.shown(w) - lr * StepNumbers.shown(v), after)));
    }

    private void adamLines(List<FormulaLine> lines, KernelStep.Adam t, int i, double w, double g, double lr) {
        double m0 = t.mBefore()[i];
        double m = t.mAfter()[i];
        double v0 = t.vBefore()[i];
        double v = t.vAfter()[i];
        String b1 = StepNumbers.format(t.beta1());
        String b2 = StepNumbers.format(t.beta2());
        String oneMinusB1 = StepNumbers.format(1 - t.beta1());
        String oneMinusB2 = StepNumbers.format(1 - t.beta2());
        lines.add(new FormulaLine(
                "m",
                "m = β₁·m₀ + (1 − β₁)·g",
                result(
                        new StringBuilder("m = " + b1 + " × " + StepNumbers.factor(m0) + " + " + oneMinusB1 + " × "
                                + StepNumbers.factor(g)),
                        t.beta1() * StepNumbers.shown(m0) + (1 - t.beta1()) * StepNumbers.shown(g),
                        m)));
        lines.add(new FormulaLine(
                "v",
                "v = β₂·v₀ + (1 − β₂)·g²",
                result(
                        new StringBuilder("v = " + b2 + " × " + StepNumbers.factor(v0) + " + " + oneMinusB2 + " × "
                                + StepNumbers.factor(g) + "²"),
                        t.beta2() * StepNumbers.shown(v0) + (1 - t.beta2()) * square(StepNumbers.shown(g)),
                        v)));
        // The hat is the spacing ˆ (U+02C6), not the combining one (U+0302): JavaFX lays out a combining mark through
        // Pango, whose layout corrupted native memory here (test JVMs crashed in pango_itemize).
        double mHat = m / t.biasCorrection1();
        double vHat = v / t.biasCorrection2();
        lines.add(new FormulaLine(
                "mHat",
                "mˆ = m / (1 − β₁ᵗ)",
                result(
                        new StringBuilder("mˆ = " + StepNumbers.factor(m) + " / (1 − " + b1 + "^" + t.step() + ") = "
                                + StepNumbers.factor(m) + " / " + StepNumbers.format(t.biasCorrection1())),
                        StepNumbers.shown(m) / StepNumbers.shown(t.biasCorrection1()),
                        mHat)));
        lines.add(new FormulaLine(
                "vHat",
                "vˆ = v / (1 − β₂ᵗ)",
                result(
                        new StringBuilder("vˆ = " + StepNumbers.format(v) + " / (1 − " + b2 + "^" + t.step() + ") = "
                                + StepNumbers.format(v) + " / " + StepNumbers.format(t.biasCorrection2())),
                        StepNumbers.shown(v) / StepNumbers.shown(t.biasCorrection2()),
                        vHat)));
        String eps = StepNumbers.format(t.epsilon());
        StringBuilder update = new StringBuilder("w′ = " + StepNumbers.format(w));
        double fromShown = StepNumbers.shown(w);
        String symbols = "w′ = w − η·mˆ / (√vˆ + ε)";
        if (t.weightDecay() != 0) {
            symbols = "w′ = w·(1 − η·λ) − η·mˆ / (√vˆ + ε)";
            update.append(" × (1 − ")
                    .append(StepNumbers.format(lr))
                    .append(" × ")
                    .append(StepNumbers.format(t.weightDecay()))
                    .append(")");
            fromShown *= 1 - lr * t.weightDecay();
        }
        update.append(" − ")
                .append(StepNumbers.format(lr))
                .append(" × ")
                .append(StepNumbers.factor(mHat))
                .append(" / (√")
                .append(StepNumbers.format(vHat))
                .append(" + ")
                .append(eps)
                .append(")");
        fromShown -= lr * StepNumbers.shown(mHat) / (Math.sqrt(StepNumbers.shown(vHat)) + t.epsilon());
        lines.add(new FormulaLine("newWeight", symbols, result(update, fromShown, step.after()[i])));
    }

    private static double square(double x) {
        return x * x;
    }

    /** {@code = result} when the printed operands give the printed result, {@code ≈ result} when rounding shows. */
    private static String result(StringBuilder numbers, double fromShown, double actual) {
        String shown = StepNumbers.format(actual);
        String sign = StepNumbers.format(fromShown).equals(shown) ? " = " : " ≈ ";
        return numbers.append(sign).append(shown).toString();
    }

    private float[][] grid(float[] values) {
        float[][] g = new float[rows()][columns()];
        for (int y = 0; y < rows(); y++) {
            System.arraycopy(values, y * columns(), g[y], 0, columns());
        }
        return g;
    }

    private static double maxAbs(float[] values) {
        double m = 1e-12;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
