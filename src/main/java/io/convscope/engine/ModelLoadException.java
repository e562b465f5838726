package io.convscope.engine;

/** A model file that cannot be opened; the message is one sentence a user can act on. */
public class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
