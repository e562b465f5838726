package io.convscope.network;

/**
 * One trainable (or running-statistics) array of a network, live: an optimiser updates {@link #values()} in place and
 * then tells the network ({@code TrainableNetwork.parametersChanged()}), which reads the same arrays on its next pass.
 * <p>
 * {@code dl4jLayer} and {@code key} name the DL4J layer (or graph vertex) and its parameter-table key the block is
 * written back to: {@code "W"}, {@code "b"} (convolution, dense, output layers), {@code "W"} of a separable
 * convolution's depthwise half and {@code "pW"}, {@code "b"} of its pointwise half, {@code "gamma"}, {@code "beta"},
 * {@code "mean"}, {@code "var"} (batch normalisation). The layout of {@code values} is ConvScope's, the same as
 * {@link LayerWeights}: convolution kernels {@code [out][in][kh][kw]} (as DL4J's), dense weights {@code [out][in]}
 * over channel-major inputs (DL4J stores the transpose, {@code [in][out]}; the engine converts when it writes back),
 * depthwise kernels {@code [in * multiplier][kh][kw]} with output channel {@code c * multiplier + m}, batch-norm
 * arrays one value per channel, {@code var} the variance itself (never DL4J's optional {@code log10stdev}).
 *
 * @param layer     index in the network's description of the step that owns the array
 * @param dl4jLayer name of the DL4J layer or vertex it belongs to
 * @param key       DL4J parameter-table key
 * @param role      what the array is, which decides how an optimiser treats it
 * @param values    the live array
 */
public record ParameterBlock(int layer, String dl4jLayer, String key, Role role, float[] values) {

    /** What a parameter array is. */
    public enum Role {
        /** Convolution or dense weights: trained, and usually the only ones weight decay applies to. */
        WEIGHT,
        /** A bias: trained. */
        BIAS,
        /** Batch normalisation's gamma: trained. */
        SCALE,
        /** Batch normalisation's beta: trained. */
        SHIFT,
        /** Batch normalisation's running mean: updated by training-mode passes, not by gradients. */
        RUNNING_MEAN,
        /** Batch normalisation's running variance: updated by training-mode passes, not by gradients. */
        RUNNING_VARIANCE
    }

    /** True when an optimiser should update the block from its gradient (false for running statistics). */
    public boolean trainable() {
        return role != Role.RUNNING_MEAN && role != Role.RUNNING_VARIANCE;
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return dl4jLayer + "/" + key + " (" + role + ", " + values.length + " values)";
    }
}
