package io.convscope.network.graph;

/**
 * Operations one node performs for one input image, split the way Netscope's analyzer lists them.
 * FLOPs are usually quoted as about {@code 2 * multiplyAccumulates} (one multiply plus one add each).
 *
 * @param multiplyAccumulates {@code a += w * x} steps (convolutions, dense layers, scaling)
 * @param comparisons         max-pooling, ReLU and max-merge comparisons
 * @param additions           additions outside multiply-accumulates (average pooling, element-wise sums, softmax sums)
 * @param divisions           divisions (softmax, batch-norm, LRN)
 * @param exponentials        exponentials and powers (softmax, sigmoid, LRN)
 */
public record Operations(
        long multiplyAccumulates, long comparisons, long additions, long divisions, long exponentials) {

    /** Sums and products are exact: a count too large for 64 bits throws {@link ArithmeticException}, never wraps. */
    public Operations {
        if (multiplyAccumulates < 0 || comparisons < 0 || additions < 0 || divisions < 0 || exponentials < 0) {
            throw new IllegalArgumentException("operation counts cannot be negative");
        }
    }

    public static final Operations NONE = new Operations(0, 0, 0, 0, 0);

    public static Operations macs(long n) {
        return new Operations(n, 0, 0, 0, 0);
    }

    public static Operations comparisons(long n) {
        return new Operations(0, n, 0, 0, 0);
    }

    public static Operations additions(long n) {
        return new Operations(0, 0, n, 0, 0);
    }

    /** Everything but multiply-accumulates: comparisons + additions + divisions + exponentials. */
    public long other() {
        return Math.addExact(Math.addExact(comparisons, additions), Math.addExact(divisions, exponentials));
    }

    public Operations plus(Operations o) {
        return new Operations(
                Math.addExact(multiplyAccumulates, o.multiplyAccumulates),
                Math.addExact(comparisons, o.comparisons),
                Math.addExact(additions, o.additions),
                Math.addExact(divisions, o.divisions),
                Math.addExact(exponentials, o.exponentials));
    }

    public Operations times(long factor) {
        return new Operations(
                Math.multiplyExact(multiplyAccumulates, factor),
                Math.multiplyExact(comparisons, factor),
                Math.multiplyExact(additions, factor),
                Math.multiplyExact(divisions, factor),
                Math.multiplyExact(exponentials, factor));
    }
}
