package io.convscope.engine.training;

import io.convscope.network.Translatable;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A run whose loss or weights stopped being finite numbers (a learning rate far too large), so no model was written.
 * The app says it in the student's language ({@code training.diverged}); the CLI prints the English message.
 */
public final class TrainingDivergedException extends IOException implements Translatable {

    /** The English sentence; the app's messages fill the same arguments: epoch, batch, learning rate. */
    public static final String ENGLISH = "training diverged in epoch %1$s, batch %2$s: the loss or the weights are no"
            + " longer finite numbers, so no model was written; train again with a smaller learning rate than %3$s";

    private final List<Object> arguments;

    public TrainingDivergedException(int epoch, int batch, double learningRate) {
        this(List.of(epoch, batch, String.format(Locale.ROOT, "%.3g", learningRate)));
    }

    private TrainingDivergedException(List<Object> arguments) {
        super(String.format(Locale.ROOT, ENGLISH, arguments.toArray()));
        this.arguments = arguments;
    }

    @Override
    public String messageKey() {
        return "training.diverged";
    }

    @Override
    public List<Object> arguments() {
        return arguments;
    }
}
