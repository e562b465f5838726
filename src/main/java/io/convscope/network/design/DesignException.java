package io.convscope.network.design;

import io.convscope.network.Phrase;
import io.convscope.network.Worded;

import java.util.List;
import java.util.Optional;

/**
 * A description that cannot be built, with one sentence naming the block, the field and the allowed range. A design
 * that cannot be laid out (a window the maps have shrunk below, too many parameters ...) also carries its
 * {@link #wording()}, so the app says it in the student's language; a file's syntax problems are English only.
 */
public final class DesignException extends Exception implements Worded {

    /** The sentences of a design that cannot be laid out, and the parts they name; arguments fill them in order. */
    public enum Wording {
        IN_BLOCK("block %1$s (%2$s): %3$s"),
        IN_SOURCE("%1$s: %2$s"),
        THE_INPUT("the %1$s x %1$s input"),
        THE_BLOCK("block %1$s (%2$s)"),
        CHANNELS("channels %1$s must be 3 (colour) or 1 (grey)"),
        NO_CLASSES("classes is missing: give the number of classes, %1$s to %2$s (the data set's folders)"),
        BLOCK_COUNT("blocks: a network needs 1 to %1$s blocks, this one has %2$s"),
        DROPOUT_RATE("rate %1$s is outside 0 to %2$s (the share of values zeroed while training; 0 itself is no"
                + " dropout)"),
        TOO_MANY_PARAMETERS("the network would have %1$,d parameters; ConvScope trains up to %2$,d (use fewer filters"
                + " or units, or pool before the first dense layer)"),
        NOTHING_TO_POOL("the maps %1$s leaves are already 1 x 1, so there is nothing to pool; remove this block (a"
                + " dense block reads the maps as they are)"),
        KERNEL_DOES_NOT_FIT("its %1$s x %1$s kernel does not fit the %2$s x %3$s maps %4$s leaves%5$s: the maps have"
                + " shrunk to nothing by here. Use padding \"same\", smaller strides, fewer pooling blocks or a larger"
                + " input size"),
        WINDOW_DOES_NOT_FIT("its %1$s x %1$s window does not fit the %2$s x %3$s maps %4$s leaves%5$s: the maps have"
                + " shrunk to nothing by here. Use padding \"same\", smaller strides, fewer pooling blocks or a larger"
                + " input size"),
        /** The fifth argument of a window that does not fit, when it has padding (an empty text when not). */
        WITH_PADDING(" (with padding %1$s)"),
        AFTER_VECTOR("comes after %1$s, which turned the maps into a vector; convolution and pooling blocks must come"
                + " before the first dense or global pooling block"),
        ACTIVATION("activation \"%1$s\" is not one of %2$s"),
        OUT_OF_RANGE("%1$s %2$s is outside %3$s to %4$s");

        private final String english;

        Wording(String english) {
            this.english = english;
        }

        /** {@code design.} and the name in lower camel case, the key of its wording in the app's messages. */
        public String messageKey() {
            return Phrase.key("design.", this);
        }

        public String english() {
            return english;
        }

        public Phrase of(Object... arguments) {
            return new Phrase(messageKey(), english, List.of(arguments));
        }
    }

    private final transient Phrase wording;
    private final Wording problem;
    private final int block;

    /** A problem said in English only (a description file's syntax). */
    public DesignException(String message) {
        super(message);
        this.wording = null;
        this.problem = null;
        this.block = 0;
    }

    /**
     * {@code problem} of {@code block} (from 1; 0 for the design as a whole), said as {@code wording} (the problem's
     * phrase, perhaps inside a block's or a file's).
     */
    DesignException(Wording problem, int block, Phrase wording) {
        super(wording.toString());
        this.wording = wording;
        this.problem = problem;
        this.block = block;
    }

    /** The sentence as the app says it in any language; empty for a file's syntax problems. */
    @Override
    public Optional<Phrase> wording() {
        return Optional.ofNullable(wording);
    }

    /** What is wrong with the layout, whichever block or file it is in; empty for a file's syntax problems. */
    public Optional<Wording> problem() {
        return Optional.ofNullable(problem);
    }

    /** The block (from 1) the layout failed at; 0 for the design as a whole or a file's syntax. */
    public int block() {
        return block;
    }

    /** The same problem, found in {@code source} (a file, or a part of one): "source: sentence". */
    DesignException in(String source) {
        return wording == null
                ? new DesignException(source + ": " + getMessage())
                : new DesignException(problem, block, Wording.IN_SOURCE.of(source, wording));
    }
}
