package io.convscope.engine;

/** An image that cannot be opened; the message is one sentence naming the file that a user can act on. */
public final class ImageInputException extends Exception {

    public ImageInputException(String message) {
        super(message);
    }

    public ImageInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
