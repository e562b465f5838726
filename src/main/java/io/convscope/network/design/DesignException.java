package io.convscope.network.design;

/** A description that cannot be built, with one sentence naming the block, the field and the allowed range. */
public final class DesignException extends Exception {

    public DesignException(String message) {
        super(message);
    }
}
