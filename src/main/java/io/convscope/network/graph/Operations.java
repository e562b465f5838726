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
public record Operations(long multiplyAccumulates, long comparisons, long additions, long divisions, long exponentials) {

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
        return comparisons + additions + divisions + exponentials;
    }

    public Operations plus(Operations o) {
        return new Operations(multiplyAccumulates + o.multiplyAccumulates, comparisons + o.comparisons,
                additions + o.additions, divisions + o.divisions, exponentials + o.exponentials);
    }

    public Operations times(long factor) {
        return new Operations(multiplyAccumulates * factor, comparisons * factor, additions * factor,
                divisions * factor, exponentials * factor);
    }
}
