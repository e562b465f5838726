package io.convscope.engine.dataset;

import io.convscope.network.Phrase;
import io.convscope.network.Translatable;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A data set folder refused, with the problem and its arguments (folders, files, counts), so that the app can say it
 * in the student's language ({@code dataset.<key>} in its messages) while the CLI prints the English sentence.
 */
public final class DatasetException extends IOException implements Translatable {

    /** What is wrong, with its English sentence; arguments are filled in order ({@code %1$s}, {@code %2$s} ...). */
    public enum Problem {
        IS_A_FILE("the data set folder %1$s is a file"),
        MISSING("the data set folder %1$s does not exist"),
        HALF_SPLIT("%1$s has a %2$s/ folder but no %3$s/: give both train/<label>/ and val/<label>/, or put one folder"
                + " per class directly in %1$s to have it split"),
        VAL_LACKS_CLASS("%1$s has no folder %2$s: val/ needs one folder per class, as train/ has"),
        CLASS_WITHOUT_IMAGES("the class folder %1$s holds no images (%2$s)"),
        CLASS_WITH_ONE_IMAGE("the class folder %1$s holds only 1 image; every class needs at least 2, one to train on"
                + " and one to hold out"),
        VAL_WITHOUT_IMAGES("the folders in %1$s hold no images (%2$s)"),
        NO_TRAIN_VAL("%1$s has no train/ and val/ folders to keep val/ apart from; open it as it is"),
        SPLIT_OF_TRAIN_VAL("%1$s has train/ and val/ folders; a split applies to a folder of class folders"),
        HELD_OUT_GONE("the split held out %1$s, which is no longer in %2$s; the folder changed since the model was"
                + " trained"),
        BAD_FRACTION("the share of images held out for validation, %1$s, must be between %2$s and %3$s"),
        NOT_A_CLASS_OF_MODEL("folder %1$s of %2$s names no class of the model %3$s"),
        NO_LABELLED_IMAGES("%1$s holds no images in <label>/ folders"),
        FOLDER_ONE_CLASS("%1$s holds 1 class; ConvScope trains on %3$s to %4$s classes, one folder of images each"),
        FOLDER_CLASS_COUNT(
                "%1$s holds %2$s classes; ConvScope trains on %3$s to %4$s classes, one folder of images each"),
        LIST_ONE_CLASS("%1$s lists 1 class; ConvScope trains on %3$s to %4$s classes, one folder of images each"),
        LIST_CLASS_COUNT(
                "%1$s lists %2$s classes; ConvScope trains on %3$s to %4$s classes, one folder of images each"),
        LISTED_CLASS_MISSING("%1$s lists the class %2$s, but %3$s has no folder of that name"),
        FOLDER_NOT_LISTED("the folder %1$s is not a class listed in %2$s; add it there or move it out of %3$s"),
        LISTED_TWICE("%1$s lists the class %2$s twice"),
        DENIED("%1$s cannot be read: permission denied"),
        UNREADABLE("%1$s cannot be read");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The key of its sentence in the app's messages: {@code dataset.} and the name in lower camel case. */
        public String messageKey() {
            return Phrase.key("dataset.", this);
        }

        public String english() {
            return english;
        }
    }

    private final Problem problem;
    private final List<String> arguments;

    DatasetException(Problem problem, Object... arguments) {
        this(problem, null, arguments);
    }

    DatasetException(Problem problem, Throwable cause, Object... arguments) {
        super(String.format(Locale.ROOT, problem.english, arguments), cause);
        this.problem = problem;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toList();
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public String messageKey() {
        return problem.messageKey();
    }

    /** The arguments as written into the sentence. */
    @Override
    public List<String> arguments() {
        return arguments;
    }
}
