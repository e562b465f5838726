package io.convscope.engine;

import io.convscope.network.Phrase;
import io.convscope.network.Worded;

import java.util.List;
import java.util.Optional;

/**
 * A model file that cannot be opened; the message is one sentence a user can act on. The refusals of a whole file
 * (missing, a folder, not a model format, a damaged zip) also carry their {@link #wording()}, so the app says them in
 * the language on show; those that quote a library's reason or name a layer are English only.
 */
public class ModelLoadException extends Exception implements Worded {

    /** The sentences of a file refused as a whole; the first argument is always the file. */
    public enum Wording {
        FOLDER_WITHOUT_MODEL("%1$s is a folder without a model.json; give a model file (DL4J .zip, TensorFlow.js"
                + " model.json, Keras 2 .h5 or .json)"),
        MISSING("model file %1$s does not exist"),
        NOT_A_FILE("%1$s is not a regular file; give a model file (DL4J .zip, TensorFlow.js model.json, Keras 2 .h5"
                + " or .json)"),
        NOT_A_MODEL_FORMAT("%1$s is not a model format ConvScope reads (DL4J .zip, TensorFlow.js model.json, Keras 2"
                + " .h5 or .json)"),
        NOT_A_ZIP("%1$s is not a zip archive (or a damaged one), so it is not a DL4J model"),
        ZIP_WITHOUT_MODEL("%1$s is a zip without configuration.json and coefficients.bin, so it is not a DL4J model"),
        UNREADABLE("%1$s cannot be read"),
        WITHOUT_LAYERS("%1$s holds a network without layers");

        private final String english;

        Wording(String english) {
            this.english = english;
        }

        /** {@code model.} and the name in lower camel case, the key of its sentence in the app's messages. */
        public String messageKey() {
            return Phrase.key("model.", this);
        }

        public String english() {
            return english;
        }

        Phrase of(Object... arguments) {
            return new Phrase(messageKey(), english, List.of(arguments));
        }
    }

    private final transient Phrase wording;

    public ModelLoadException(String message) {
        super(message);
        this.wording = null;
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
        this.wording = null;
    }

    /** {@code problem} of {@code file}, said in any language. */
    ModelLoadException(Wording problem, Object file) {
        this(problem.of(file));
    }

    private ModelLoadException(Phrase wording) {
        super(wording.toString());
        this.wording = wording;
    }

    @Override
    public Optional<Phrase> wording() {
        return Optional.ofNullable(wording);
    }
}
