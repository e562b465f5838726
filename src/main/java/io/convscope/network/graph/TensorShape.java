package io.convscope.network.graph;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one blob (tensor) flowing along an edge, without the batch axis: {@code C x H x W} for feature maps,
 * {@code [n]} for vectors, anything else a framework produces (Caffe's Reshape/Permute can make 4-D or 2-D blobs).
 * <p>
 * {@code batch} is how many such items one input image produces: 1 almost everywhere, but e.g. 300 after Faster
 * R-CNN's proposal layer (each region of interest is one item for the layers that follow), which multiplies every cost
 * downstream. A shape that could not be inferred is {@link #UNKNOWN}.
 *
 * @param batch items per input image, at least 1 (0 only for {@link #UNKNOWN})
 * @param dims  sizes per axis, outermost first (channels, height, width for images)
 */
public record TensorShape(int batch, List<Integer> dims) {

    /** A shape the analyzer could not infer (an unknown layer type, an undefined input blob). */
    public static final TensorShape UNKNOWN = new TensorShape(0, List.of());

    public TensorShape {
        dims = List.copyOf(dims);
        if (batch < 0 || (batch == 0 && !dims.isEmpty())) {
            throw new IllegalArgumentException("bad batch " + batch + " for " + dims);
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + dims);
            }
        }
    }

    public static TensorShape chw(int channels, int height, int width) {
        return new TensorShape(1, List.of(channels, height, width));
    }

    public static TensorShape vector(int length) {
        return new TensorShape(1, List.of(length));
    }

    public static TensorShape of(int... dims) {
        return new TensorShape(1, Arrays.stream(dims).boxed().toList());
    }

    public TensorShape withBatch(int newBatch) {
        return known() ? new TensorShape(newBatch, dims) : this;
    }

    public boolean known() {
        return batch > 0;
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int axis) {
        return dims.get(axis);
    }

    /** The first axis (channels of a feature map, length of a vector), 1 for a scalar. */
    public int channels() {
        return rank() >= 1 ? dims.get(0) : 1;
    }

    /** The second axis of a rank-3 (or higher) blob, else 1. */
    public int height() {
        return rank() >= 3 ? dims.get(1) : 1;
    }

    /** The third axis of a rank-3 (or higher) blob, else 1. */
    public int width() {
        return rank() >= 3 ? dims.get(2) : 1;
    }

    /** Values in one item: the product of {@link #dims()} (0 when unknown). */
    public long elements() {
        if (!known()) {
            return 0;
        }
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Values for one input image: {@code batch * elements()}; exact (throws rather than wraps). */
    public long totalElements() {
        return Math.multiplyExact(batch, elements());
    }

    /** {@code 64×56×56}, {@code 1000}, {@code 256×6×6 (×300)}, or {@code ?}. */
    @Override
    public String toString() {
        if (!known()) {
            return "?";
        }
        String s = dims.isEmpty() ? "1" : dims.stream().map(String::valueOf).collect(Collectors.joining("×"));
        return batch == 1 ? s : s + " (×" + batch + ")";
    }
}
