package io.convscope.network.caffe;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads the numbers of a layer's parameters with their meaning checked (a size is positive, a padding not negative,
 * everything fits the integers Caffe stores it in), and multiplies counts exactly: a product that does not fit in
 * 64 bits is an error, never a wrapped negative total. Problems are thrown as {@link BadValue}, which the importer
 * turns into "layer 'conv1': num_output -5 is not a positive number".
 */
final class CaffeValues {

    private CaffeValues() {}

    /**
     * A field whose value makes no sense, or a count too large to hold. The message is "<field> <value> is
     * <problem>"; the importer puts the layer in front and the CLI the file.
     */
    static final class BadValue extends RuntimeException {
        BadValue(String message) {
            super(message);
        }
    }

    /** A size that must be at least 1 (num_output, kernel_size, stride, group, a dimension), or the fallback. */
    static int positive(ProtoMessage m, String field, int fallback) {
        int v = integer(m, field, fallback);
        if (v <= 0) {
            throw new BadValue(field + " " + v + " is not a positive number");
        }
        return v;
    }

    /** A positive size the layer cannot do without. */
    static int required(ProtoMessage m, String field) {
        if (!m.has(field)) {
            throw new BadValue(field + " is missing");
        }
        return positive(m, field, 1);
    }

    /** A count that may be 0 but not negative (pad, crop_size). */
    static int nonNegative(ProtoMessage m, String field, int fallback) {
        int v = integer(m, field, fallback);
        if (v < 0) {
            throw new BadValue(field + " " + v + " is negative");
        }
        return v;
    }

    /** Any 32-bit integer (axis numbers, which may count from the end). */
    static int integer(ProtoMessage m, String field, int fallback) {
        return toInt(field, m.longValue(field, fallback));
    }

    static int toInt(String field, long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new BadValue(field + " " + v + " is too large");
        }
        return (int) v;
    }

    /** A finite number (coefficients, ratios). */
    static double finite(String field, String text) {
        double v = ProtoMessage.parseDouble(field, text);
        if (!Double.isFinite(v)) {
            throw new BadValue(field + " " + text + " is not a finite number");
        }
        return v;
    }

    /** An axis number, negative counting from the end, checked against the blob's rank. */
    static int axis(String field, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new BadValue(field + " " + axis + " is outside the " + rank + " axes of the input (batch included)");
        }
        return a;
    }

    /** The exact product of {@code factors}; {@code what} names it when it does not fit in 64 bits. */
    static long product(String what, long... factors) {
        long p = 1;
        try {
            for (long f : factors) {
                p = Math.multiplyExact(p, f);
            }
            return p;
        } catch (ArithmeticException e) {
            throw tooLarge(what, factors);
        }
    }

    /** {@code a + b}, exactly. */
    static long sum(String what, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new BadValue(what + " " + a + " + " + b + " is too large to count in 64 bits");
        }
    }

    /** A size computed from the parameters, which must fit a blob dimension (a 32-bit integer). */
    static int dimension(String what, long v) {
        if (v > Integer.MAX_VALUE) {
            throw new BadValue(what + " " + v + " is too large for a blob dimension");
        }
        return (int) v;
    }

    private static BadValue tooLarge(String what, long... factors) {
        String terms = Arrays.stream(factors).mapToObj(String::valueOf).collect(Collectors.joining(" × "));
        return new BadValue(what + " " + terms + " is too large to count in 64 bits");
    }
}
