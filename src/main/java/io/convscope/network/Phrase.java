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

    /**
     * The message key of an enum constant naming a problem: {@code prefix} and the name in lower camel case
     * ({@code dataset.} and {@code HALF_SPLIT} give {@code dataset.halfSplit}).
     */
    public static String key(String prefix, Enum<?> constant) {
        StringBuilder key = new StringBuilder(prefix);
        boolean upper = false;
        for (char c : constant.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, english, arguments.toArray());
    }
}
