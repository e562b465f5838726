package io.convscope.network;

import java.util.List;

/**
 * Something ConvScope tells the student that the app says in the language on show: the key of its wording in the
 * app's messages and the arguments that fill it in order ({@code %1$s} ...). An argument that is itself translatable
 * (a block named inside a sentence) is said in the same language first. The exceptions that implement it keep their
 * English sentence as their message, which the CLI prints.
 */
public interface Translatable {

    String messageKey();

    List<?> arguments();
}
