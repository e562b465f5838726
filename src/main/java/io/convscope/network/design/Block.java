package io.convscope.network.design;

import java.util.List;

/** One block of a designed network, as the student wrote it (defaults filled in). */
public sealed interface Block {

    /** The word the description uses for this kind of block ({@code "conv"}, {@code "pool"}, ...). */
    String type();

    /** Activations a block may name: the functions the compiled forward pass evaluates exactly as DL4J does. */
    List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "relu6", "tanh", "sigmoid", "identity");

    /**
     * A convolution: {@code filters} kernels of {@code kernel x kernel}, moved by {@code stride}, over the input
     * padded as {@code padding} says; then batch normalisation when asked, then the activation.
     */
    record Conv(int filters, int kernel, int stride, Padding padding, String activation, boolean batchNorm)
            implements Block {
        @Override
        public String type() {
            return "conv";
        }
    }

    /** Max or average pooling over {@code size x size} windows moved by {@code stride}, without padding. */
    record Pool(PoolMode mode, int size, int stride) implements Block {
        @Override
        public String type() {
            return "pool";
        }
    }

    /** Each map reduced to one number (its maximum or mean): a vector with one value per channel. */
    record GlobalPool(PoolMode mode) implements Block {
        @Override
        public String type() {
            return "globalPool";
        }
    }

    /** A fully connected hidden layer; the output layer (one unit per class, softmax) is always added last. */
    record Dense(int units, String activation) implements Block {
        @Override
        public String type() {
            return "dense";
        }
    }

    /** While training, each value is zeroed with probability {@code rate} (and the rest scaled up); off when run. */
    record Dropout(double rate) implements Block {
        @Override
        public String type() {
            return "dropout";
        }
    }

    /** Max or average. */
    enum PoolMode {
        MAX,
        AVG;

        public String word() {
            return this == MAX ? "max" : "avg";
        }
    }

    /**
     * Zeros around a convolution's input: {@code same} keeps the size (at stride 1; {@code ceil(input / stride)}
     * otherwise), {@code valid} adds none, a number adds that many on every side.
     */
    record Padding(boolean same, int cells) {
        public static final Padding SAME = new Padding(true, 0);
        public static final Padding VALID = new Padding(false, 0);

        public static Padding of(int cells) {
            return new Padding(false, cells);
        }

        /** As a description writes it: "same", "valid" or the number. */
        public Object written() {
            return same ? "same" : cells == 0 ? "valid" : (Object) cells;
        }
    }
}
