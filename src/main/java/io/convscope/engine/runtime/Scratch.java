package io.convscope.engine.runtime;

import java.util.Arrays;

/**
 * The per-thread scratch arrays of {@link ForwardKernels}, {@link BackwardKernels} and {@link WeightGradients}, in one
 * holder: grown when a layer needs more and then kept, so no image or batch allocates its working space. The forward
 * pass's im2col lines are apart from the backward pass's, so a backward never clobbers what a forward still reads.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

    /** The forward pass's im2col lines ({@code PassMemory} predicts how far they grow). */
    final Lines columns = new Lines();
    /** Every output's partial sums over one chunk of positions ({@link WideKernels}). */
    final Lines accumulators = new Lines();
    /** The forward pass's accumulator line. */
    final Line line = new Line();
    /** The backward pass's unfolded lines (of the input for weight gradients, of the output gradient for dx). */
    final Lines backwardColumns = new Lines();
    /** Copies of output-gradient planes, each starting at index 0 so multiply-adds vectorise. */
    final Lines planes = new Lines();
    /** The backward pass's accumulator line (strided convolutions). */
    final Line backwardLine = new Line();
    /** One image's output gradient in zeros ({@link WideKernels#inputGradient}). */
    final Line padded = new Line();
    /** A layer's weights re-ordered for the input gradient. */
    final Line flipped = new Line();
    /** {@link WeightGradients}: chunk copies of output gradients and unfolded lines, and the partial products. */
    final Lines dyChunks = new Lines();

    final Lines colChunks = new Lines();
    final Lines products = new Lines();
    final Lines biasChunks = new Lines();
    /** {@link WeightGradients}: the unfolded inputs of a group of images, {@code [image][tap][position]}. */
    private float[][][] group = new float[0][][];

    private Scratch() {}

    /** This thread's scratch. */
    static Scratch get() {
        return OF_THREAD.get();
    }

    /** {@code size} images' worth of unfolded lines, each at least {@code taps x plane}. */
    float[][][] group(int size, int taps, int plane) {
        if (group.length < size) {
            group = Arrays.copyOf(group, size);
        }
        for (int j = 0; j < size; j++) {
            if (group[j] == null || group[j].length < taps) {
                group[j] = group[j] == null ? new float[taps][] : Arrays.copyOf(group[j], taps);
            }
            for (int k = 0; k < taps; k++) {
                if (group[j][k] == null || group[j][k].length < plane) {
                    group[j][k] = new float[plane];
                }
            }
        }
        return group;
    }

    /**
     * Lines grown one by one: each only to the longest it was asked for at its index, since a matrix of (most
     * lines) x (longest line) would pair Tiny YOLO's 9,216 taps at 13 x 13 with its 416 x 416 first plane, 6.4 GB.
     */
    static final class Lines {
        private float[][] lines = new float[0][];

        /** At least {@code count} lines of at least {@code length} floats each (contents left as they were). */
        float[][] atLeast(int count, int length) {
            if (lines.length < count) {
                lines = Arrays.copyOf(lines, count);
            }
            for (int k = 0; k < count; k++) {
                if (lines[k] == null || lines[k].length < length) {
                    lines[k] = new float[length];
                }
            }
            return lines;
        }

        /** Floats held. */
        long floats() {
            long n = 0;
            for (float[] line : lines) {
                n += line == null ? 0 : line.length;
            }
            return n;
        }
    }

    /** One line, grown to the longest asked for. */
    static final class Line {
        private float[] line = new float[0];

        /** At least {@code length} floats (contents left as they were). */
        float[] atLeast(int length) {
            if (line.length < length) {
                line = new float[length];
            }
            return line;
        }
    }
}
