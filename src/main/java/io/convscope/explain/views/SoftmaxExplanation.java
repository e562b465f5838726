package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.network.ActivationSnapshot;

import java.util.Objects;

/**
 * What the softmax view and its panel (spec §2.11) show for one class: every class's logit, its exponential, their
 * sum and the class probability exp(logit_k) / Σ exp(logit).
 * <p>
 * The panel prints the formula, not the exponentials' values: a numerator {@code exp(8.64)} over the terms
 * {@code exp(-4.28)}, … of the raw logits (two decimals), then {@code = 0.8798}. Raw exponentials are kept in double
 * for a view that wants them (they overflow only for logits above 709); the probability is computed from the
 * exponentials of logit − max, which are the same fractions without that risk.
 */
public final class SoftmaxExplanation {

    /** How many denominator terms the panel puts on one row. */
    public static final int TERMS_PER_ROW = 4;

    private final int classIndex;
    private final String className;
    private final float[] logits;
    private final double[] shiftedExponentials;
    private final double shiftedSum;

    public SoftmaxExplanation(ActivationSnapshot snapshot, int classIndex) {
        this.logits = snapshot.logits();
        Objects.checkIndex(classIndex, logits.length);
        this.classIndex = classIndex;
        this.className = snapshot.network().classes().get(classIndex);
        this.shiftedExponentials = new double[logits.length];
        double max = maxLogit();
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            shiftedExponentials[c] = Math.exp(logits[c] - max);
            sum += shiftedExponentials[c];
        }
        this.shiftedSum = sum;
    }

    public int classIndex() {
        return classIndex;
    }

    /** For the title: Softmax Score for "⟨class name⟩". */
    public String className() {
        return className;
    }

    public int classes() {
        return logits.length;
    }

    public float logit(int classIndex) {
        return logits[classIndex];
    }

    /** Smallest logit: the light end of the Oranges scale the circles and terms are coloured with. */
    public float minLogit() {
        float min = Float.POSITIVE_INFINITY;
        for (float l : logits) {
            min = Math.min(min, l);
        }
        return min;
    }

    /** Largest logit: the dark end of the Oranges scale. */
    public float maxLogit() {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        return max;
    }

    /** e^logit of the raw logit. */
    public double exponential(int classIndex) {
        return Math.exp(logits[classIndex]);
    }

    /** Σ e^logit over all classes: the denominator. */
    public double exponentialSum() {
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            sum += exponential(c);
        }
        return sum;
    }

    /** e^(logit − max logit), the numerically safe exponential. */
    public double shiftedExponential(int classIndex) {
        return shiftedExponentials[classIndex];
    }

    /** Σ e^(logit − max logit). */
    public double shiftedExponentialSum() {
        return shiftedSum;
    }

    /** The selected class's probability: e^(logit_k − max) / Σ e^(logit − max), which equals e^logit_k / Σ e^logit. */
    public double probability() {
        return shiftedExponentials[classIndex] / shiftedSum;
    }

    /** One term as the panel prints it: {@code exp(-4.28)}; the numerator is {@code term(classIndex())}. */
    public String term(int classIndex) {
        return "exp(" + Formulas.twoDecimals(logits[classIndex]) + ")";
    }

    /** The result after the "=": the probability with four decimals. */
    public String probabilityText() {
        return Formulas.fourDecimals(probability());
    }
}
