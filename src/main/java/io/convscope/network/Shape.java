package io.convscope.network;

/**
 * The shape of one layer's output for a single input: {@code channels x height x width}.
 * Vectors (flatten, dense) have height = width = 1.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public static Shape vector(int length) {
        return new Shape(length, 1, 1);
    }

    public boolean isVector() {
        return height == 1 && width == 1;
    }

    /** Values in the map; exact (a shape too large for an int throws {@link ArithmeticException}, never wraps). */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** CNN Explainer's notation: (height, width, channels) for maps, (length) for vectors. */
    @Override
    public String toString() {
        return isVector() ? "(" + channels + ")" : "(" + height + ", " + width + ", " + channels + ")";
    }
}
