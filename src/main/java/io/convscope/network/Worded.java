package io.convscope.network;

import java.util.Optional;

/**
 * A refusal whose sentence the app may say in the language on show: its wording, or empty when only the English
 * message exists (a library's reason, a file's syntax).
 */
public interface Worded {

    Optional<Phrase> wording();
}
