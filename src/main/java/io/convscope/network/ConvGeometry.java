package io.convscope.network;

/**
 * Where a sliding window (a convolution's kernel, a pooling window) fits along one side of its input, and how many
 * outputs that gives. The engine's steps, the hyperparameter playground and the architecture analyzer all need the
 * same formula, {@code floor((input + 2 padding - effective kernel) / stride) + 1}; it lives here once so the three can
 * never disagree about a number a student sees.
 */
public final class ConvGeometry {

    /** How a framework sizes the output when the window does not tile the padded input exactly. */
    public enum Mode {
        /** The last windows that would not fit are dropped (floor); DL4J's Truncate, Caffe's convolution. */
        TRUNCATE,
        /** Padding is chosen so the output is {@code ceil(input / stride)}, the extra row going last. */
        SAME,
        /** Like TRUNCATE, but a stride that does not divide the span is an error. */
        STRICT
    }

    private ConvGeometry() {}

    /** A dilated kernel covers {@code (kernel - 1) * dilation + 1} cells. */
    public static int effectiveKernel(int kernel, int dilation) {
        return (kernel - 1) * dilation + 1;
    }

    /** How far the window can travel: {@code input + 2 padding - effective kernel}; negative when it does not fit. */
    public static int span(int input, int kernel, int padding, int dilation) {
        return input + 2 * padding - effectiveKernel(kernel, dilation);
    }

    /** What the floor drops: the span modulo the stride, 0 when the stride divides it. */
    public static int remainder(int input, int kernel, int stride, int padding, int dilation) {
        return span(input, kernel, padding, dilation) % stride;
    }

    /**
     * Outputs along one side. In SAME mode the padding is implied and {@code padding} is ignored.
     *
     * @throws IllegalArgumentException when the window does not fit, or (STRICT) the stride does not divide the span;
     *                                  callers that face user files check {@link #span} first to name the layer
     */
    public static int outputSize(int input, int kernel, int stride, int padding, int dilation, Mode mode) {
        if (mode == Mode.SAME) {
            return ceilDiv(input, stride);
        }
        int span = span(input, kernel, padding, dilation);
        if (span < 0) {
            throw new IllegalArgumentException("a window of " + kernel + " does not fit an input of " + input);
        }
        if (mode == Mode.STRICT && span % stride != 0) {
            throw new IllegalArgumentException("stride " + stride + " does not divide " + span);
        }
        return span / stride + 1;
    }

    /**
     * Windows along one side in exact {@code long} arithmetic, for sizes read from user files that may be huge:
     * {@code floor} (or, for Caffe's pooling, {@code ceil}) of {@code (input + 2 padding - effective kernel) / stride},
     * plus one. Zero or less when the window does not fit; the caller names the layer.
     */
    public static long windows(long input, long kernel, long stride, long padding, long dilation, boolean ceil) {
        long span = input + 2 * padding - ((kernel - 1) * dilation + 1);
        return (ceil ? -Math.floorDiv(-span, stride) : Math.floorDiv(span, stride)) + 1;
    }

    /** SAME mode's padding before the first cell: half the padding needed, rounded down (the rest goes last). */
    public static int sameLeadingPadding(int input, int kernel, int stride, int dilation) {
        int out = ceilDiv(input, stride);
        return Math.max(0, (out - 1) * stride + effectiveKernel(kernel, dilation) - input) / 2;
    }

    /** The padding after the last cell that the last of {@code output} windows reads, given the leading padding. */
    public static int trailingPadding(int input, int output, int kernel, int stride, int dilation, int leading) {
        return Math.max(0, (output - 1) * stride + effectiveKernel(kernel, dilation) - input - leading);
    }

    /** {@code ceil(a / b)} for a positive {@code b}, negative {@code a} included. */
    public static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
