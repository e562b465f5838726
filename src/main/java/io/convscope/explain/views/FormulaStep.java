package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;
import io.convscope.explain.ShownSum;

/**
 * One position of the convolution formula panel (spec §2.9): the input window under the kernel, the kernel, their
 * element-wise products and the sum, which is one cell of the channel's intermediate map (no bias).
 * Products are computed in double and stored as float; the sum adds the double products.
 */
public final class FormulaStep {

    private final int channel;
    private final GridPosition output;
    private final GridPosition windowOrigin;
    private final float[][] inputs;
    private final float[][] weights;
    private final float[][] products;
    private final float sum;
    private final String arithmetic;
    private final String relation;

    /** {@code inputs} and {@code weights} become this step's own: the caller passes fresh arrays. */
    public FormulaStep(
            int channel, GridPosition output, GridPosition windowOrigin, float[][] inputs, float[][] weights) {
        this.channel = channel;
        this.output = output;
        this.windowOrigin = windowOrigin;
        this.inputs = inputs;
        this.weights = weights;
        this.products = new float[inputs.length][inputs[0].length];
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (int ky = 0; ky < inputs.length; ky++) {
            for (int kx = 0; kx < inputs[ky].length; kx++) {
                double product = (double) inputs[ky][kx] * weights[ky][kx];
                products[ky][kx] = (float) product;
                total += product;
                if (!text.isEmpty()) {
                    text.append(" + ");
                }
                text.append(Formulas.twoDecimals(inputs[ky][kx]))
                        .append(" × ")
                        .append(Formulas.twoDecimals(weights[ky][kx]));
            }
        }
        this.sum = (float) total;
        // "≈" where the printed factors, multiplied and added, do not give the printed sum (rounding): never a false
        // "=".
        this.relation = ShownSum.productsRelation(inputs, weights, total, 2);
        this.arithmetic = text.append(' ')
                .append(relation)
                .append(' ')
                .append(Formulas.twoDecimals(total))
                .toString();
    }

    /** The input channel whose kernel this is. */
    public int channel() {
        return channel;
    }

    /** The cell of the intermediate (and output) map being computed. */
    public GridPosition output() {
        return output;
    }

    /** Input coordinates of the window's top-left cell; negative where the window starts in the padding. */
    public GridPosition windowOrigin() {
        return windowOrigin;
    }

    /** The input values under the kernel, {@code [ky][kx]}; 0 where the window covers padding. */
    public float[][] inputs() {
        return Formulas.copy(inputs);
    }

    public float[][] weights() {
        return Formulas.copy(weights);
    }

    /** {@code inputs[ky][kx] × weights[ky][kx]}. */
    public float[][] products() {
        return Formulas.copy(products);
    }

    /** Sum of the products: the intermediate map's value at {@link #output()}. */
    public float sum() {
        return sum;
    }

    /** "=" when the two-decimal factors multiply and add up to the two-decimal sum as printed, else "≈". */
    public String relation() {
        return relation;
    }

    /**
     * The panel's equation, terms in row-major kernel order: {@code 0.12 × -0.30 + … = -0.04} (two decimals), with
     * "≈" instead of "=" where the rounded factors do not add up to the rounded sum.
     */
    public String arithmetic() {
        return arithmetic;
    }
}
