package io.convscope.network;

import java.util.List;
import java.util.Locale;

/**
 * One sentence or part of one: its message key, its English wording and its arguments, which may be phrases in
 * turn. {@link #toString()} is the English, as the CLI prints it.
 */
public record Phrase(String messageKey, String english, List<Object> arguments) implements Translatable {

    public Phrase {
        arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, english, arguments.toArray());
    }
}
