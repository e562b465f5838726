package io.convscope.network;

/**
 * One layer's output for one input: a read-only {@code channels x height x width} tensor,
 * stored channel-major (index {@code (c * height + y) * width + x}).
 */
public final class LayerActivation {

    private final Shape shape;
    private final float[] values;
    /** Extremes, computed on first use: most layers' are never asked for during a forward pass. */
    private volatile float[] extremes;

    /** Takes ownership of {@code values}: the caller must not change the array afterwards. */
    public LayerActivation(Shape shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill " + shape);
        }
        this.shape = shape;
        this.values = values;
    }

    private float[] extremes() {
        float[] e = extremes;
        if (e == null) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            e = new float[] {lo, hi};
            extremes = e;
        }
        return e;
    }

    public Shape shape() {
        return shape;
    }

    public float value(int channel, int y, int x) {
        return values[(channel * shape.height() + y) * shape.width() + x];
    }

    /** The i-th value in flatten (channel-major) order. */
    public float value(int index) {
        return values[index];
    }

    public int size() {
        return values.length;
    }

    /** One channel as {@code [y][x]}, a copy. */
    public float[][] channel(int channel) {
        float[][] map = new float[shape.height()][shape.width()];
        int base = channel * shape.height() * shape.width();
        for (int y = 0; y < shape.height(); y++) {
            System.arraycopy(values, base + y * shape.width(), map[y], 0, shape.width());
        }
        return map;
    }

    /** Copies one channel into {@code target} (length height*width), row-major; avoids allocation when redrawing. */
    public void copyChannel(int channel, float[] target) {
        int n = shape.height() * shape.width();
        System.arraycopy(values, channel * n, target, 0, n);
    }

    /** A copy of every value in channel-major order. */
    public float[] toArray() {
        return values.clone();
    }

    public float min() {
        return extremes()[0];
    }

    public float max() {
        return extremes()[1];
    }

    /** Smallest value of one channel. */
    public float min(int channel) {
        int n = shape.height() * shape.width();
        float m = Float.POSITIVE_INFINITY;
        for (int i = channel * n; i < (channel + 1) * n; i++) {
            m = Math.min(m, values[i]);
        }
        return m;
    }

    /** Largest value of one channel. */
    public float max(int channel) {
        int n = shape.height() * shape.width();
        float m = Float.NEGATIVE_INFINITY;
        for (int i = channel * n; i < (channel + 1) * n; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }
}
