package io.convscope.ui.common;

import io.convscope.network.Translatable;
import io.convscope.network.Worded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why some work failed, as a clause the student can read after "Cannot train on X:" or "Could not score Y:".
 * ConvScope's own code throws sentences: those with a wording (an image's, a data set's, a design's, a model file's
 * problem) are said in the language on show, the others ("the checkpoint in … is incomplete") as they are. The JDK's
 * file errors carry only the file's name as their message, so they get a sentence here. Anything else (a library's
 * internal error, a bug) gets a general clause instead of its raw text, and its stack trace goes to the log.
 */
public final class FailureReason {

    private static final String OURS = "io.convscope.";

    private FailureReason() {}

    public static String of(ResourceBundle text, Throwable failure) {
        Throwable t = unwrapped(failure);
        Translatable said = t instanceof Worded w ? w.wording().orElse(null) : t instanceof Translatable w ? w : null;
        if (said != null) {
            return say(text, said);
        }
        if (t instanceof OutOfMemoryError) {
            return text.getString("reason.memory");
        }
        if (t instanceof NoSuchFileException e) {
            return String.format(text.getString("reason.missing"), e.getFile());
        }
        if (t instanceof AccessDeniedException e) {
            return String.format(text.getString("reason.denied"), e.getFile());
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            return String.format(text.getString("reason.file"), e.getFile(), e.getReason());
        }
        if (t.getMessage() != null && !t.getMessage().isBlank() && thrownByUs(t)) {
            return t.getMessage();
        }
        System.err.println("ConvScope: unexpected failure, shown to the student as a general sentence");
        t.printStackTrace();
        return text.getString("reason.unexpected");
    }

    /** {@code said} in the language of {@code text}, the phrases among its arguments first. */
    public static String say(ResourceBundle text, Translatable said) {
        Object[] arguments = said.arguments().stream()
                .map(a -> a instanceof Translatable part ? say(text, part) : a)
                .toArray();
        return String.format(text.getString(said.messageKey()), arguments);
    }

    /**
     * The failure inside the wrappers that only carry it: across threads, made with {@code new X(cause)}, whose
     * message is then the cause's raw text, or with the cause's own message.
     */
    static Throwable unwrapped(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && (t instanceof UncheckedIOException
                        || t instanceof ExecutionException
                        || t instanceof CompletionException
                        || t.getCause().toString().equals(t.getMessage())
                        || Objects.equals(t.getCause().getMessage(), t.getMessage()))) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Thrown by ConvScope's own code as a refusal, whose message is written as a sentence for the student: one of our
     * exception types, or an I/O, argument or state exception raised by our code. A null pointer or an index out of
     * range raised inside our code is a bug, and the JDK's text for it is not for the student.
     */
    private static boolean thrownByUs(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        boolean sentenceType = t.getClass().getName().startsWith(OURS)
                || t instanceof IOException
                || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException;
        return sentenceType && at.length > 0 && at[0].getClassName().startsWith(OURS);
    }
}
