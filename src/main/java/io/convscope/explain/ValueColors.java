package io.convscope.explain;

/**
 * Where CNN Explainer places each kind of number on its colour scales (spec §2.3). Every method returns
 * {@code 0xAARRGGBB} from the scale's lookup table ({@link ColorScale#argbAt(double)}); positions outside a scale
 * are clamped to its ends.
 */
public final class ValueColors {

    /** Gap for convolution kernels and their biases in the elastic view. */
    public static final double KERNEL_GAP = 0.2;
    /** Gap for dense weights and the dense bias in the flatten view. */
    public static final double DENSE_GAP = 0.35;
    /** Gap for weight legends and the hovered edge. */
    public static final double LEGEND_GAP = 0.1;

    private ValueColors() {}

    /** An input channel value in [0, 1]: bright is white, dark is black. */
    public static int input(double value) {
        return ColorScale.GREYS.argbAt(1 - value);
    }

    /**
     * An activation shown on the symmetric interval [-range/2, range/2] (see {@link ColorRanges}):
     * negative is red, zero near-white, positive blue.
     */
    public static int activation(double value, double range) {
        return ColorScale.RDBU.argbAt((value + range / 2) / range);
    }

    /**
     * A weight or bias on [-range/2, range/2], drawn on BrBG with {@code gap} cut from both ends so the extremes
     * never reach its darkest browns and greens.
     */
    public static int weight(double value, double range, double gap) {
        double t = (value + range / 2) / range;
        return ColorScale.BRBG.argbAt(t * (1 - 2 * gap) + gap);
    }

    /**
     * A logit among logits spanning [min, max], mapped linearly to [0.2, 1] on Oranges so the smallest is still
     * tinted. When all logits are equal they all get the lightest tint, as d3 v5's linear scale does.
     */
    public static int logit(double value, double min, double max) {
        double t = max == min ? 0 : (value - min) / (max - min);
        return ColorScale.ORANGES.argbAt(0.2 + 0.8 * t);
    }
}
