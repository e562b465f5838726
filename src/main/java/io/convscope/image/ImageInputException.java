package io.convscope.image;

import io.convscope.network.Translatable;

import java.util.List;
import java.util.Locale;

/**
 * An image that cannot be opened; the message is one sentence naming the file that a user can act on. The problem
 * and its arguments are kept apart from the English message so the app can say the same in the student's language.
 */
public final class ImageInputException extends Exception implements Translatable {

    /** What went wrong; each has an English sentence whose %s/%d take {@link #arguments()} in order. */
    public enum Problem {
        TOO_LARGE_FOR_MEMORY("%s is too large to open with the memory available"),
        FOLDER("%s is a folder, not an image"),
        NOT_FOUND("%s could not be found"),
        PERMISSION_DENIED("%s could not be read (permission denied)"),
        DISK_ERROR("%s could not be read from disk"),
        EMPTY("%s is empty (0 bytes)"),
        FILE_TOO_BIG("%s is %d MB; ConvScope opens files up to %d MB"),
        TOO_MANY_PIXELS("%s is %d x %d pixels; ConvScope opens images up to %d megapixels"),
        TRUNCATED("%s is not a readable image (truncated %s data)"),
        CORRUPT("%s is not a readable image (corrupt %s data)"),
        UNSUPPORTED("%s is not an image ConvScope can read (supported: %s)"),
        MISSING_FROM_BUILD("%s is missing from this build"),
        NAMED_PIPE("%s is a named pipe, not an image file"),
        DEVICE("%s is a device, not an image file"),
        SPECIAL_FILE("%s is a special file (not a regular file), not an image file");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The key of the sentence in the app's message bundles: {@code error.image.<lower-case name>}. */
        public String messageKey() {
            return "error.image." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String english() {
            return english;
        }
    }

    private final Problem problem;
    private final List<Object> arguments;

    public ImageInputException(Problem problem, Throwable cause, Object... arguments) {
        super(String.format(Locale.ROOT, problem.english, arguments), cause);
        this.problem = problem;
        this.arguments = List.of(arguments);
    }

    public ImageInputException(Problem problem, Object... arguments) {
        this(problem, null, arguments);
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public String messageKey() {
        return problem.messageKey();
    }

    /** The file name first, then the problem's numbers or names. */
    @Override
    public List<Object> arguments() {
        return arguments;
    }
}
