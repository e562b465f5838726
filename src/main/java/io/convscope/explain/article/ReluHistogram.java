package io.convscope.explain.article;

import io.convscope.network.LayerActivation;

/**
 * How this image's values before a ReLU spread over [lo, hi] (at least [-0.5, 0.5], so zero is always on the axis),
 * in {@code bins.length} equal bins; {@code most} is the fullest bin's count (at least 1).
 */
public record ReluHistogram(double lo, double hi, int[] bins, int most) {

    public static ReluHistogram of(LayerActivation before, int binCount) {
        double lo = Math.min(-0.5, before.min());
        double hi = Math.max(0.5, before.max());
        int[] bins = new int[binCount];
        for (int i = 0; i < before.size(); i++) {
            int b = (int) Math.min(binCount - 1, (before.value(i) - lo) / (hi - lo) * binCount);
            bins[b]++;
        }
        int most = 1;
        for (int b : bins) {
            most = Math.max(most, b);
        }
        return new ReluHistogram(lo, hi, bins, most);
    }
}
