package io.convscope.engine.dataset;

import io.convscope.image.ImageInputException;
import io.convscope.network.Shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The images one training run reads: both splits of its data set checked
 * once (unreadable files skipped and listed) and kept in a cache bounded by bytes, shared in proportion to their size.
 */
public record TrainingData(ImageFolderDataset dataset, TrainingImages train, TrainingImages validation, int skipped) {

    /** The first unreadable files named in the note about skipped images. */
    private static final int NAMED_SKIPS = 3;

    /** Opens and checks the data set; {@code note} hears the memory estimate and the skipped files, in sentences. */
    public static TrainingData load(ImageFolderDataset dataset, Shape input, Consumer<String> note) throws IOException {
        int all = dataset.train().size() + dataset.validation().size();
        long budget = TrainingImages.defaultCacheBudget();
        note.accept(TrainingImages.estimate(all, input, budget).sentence());
        long trainBudget = (long) (budget * (dataset.train().size() / (double) all));
        TrainingImages.Checked train =
                TrainingImages.check(dataset.train(), input, trainBudget, TrainingImages.Progress.NONE);
        TrainingImages.Checked val =
                TrainingImages.check(dataset.validation(), input, budget - trainBudget, TrainingImages.Progress.NONE);
        List<TrainingImages.Skipped> skipped = new ArrayList<>(train.skipped());
        skipped.addAll(val.skipped());
        if (!skipped.isEmpty()) {
            note.accept(TrainingImages.skippedSentence(skipped, all, NAMED_SKIPS));
        }
        int[] perClass = train.images().countsPerClass(dataset.classes().size());
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] == 0) {
                throw new IOException("the class " + dataset.classes().get(c) + " of " + dataset.root()
                        + " has no training image that could be read, so the network could never learn it");
            }
        }
        if (val.images().size() == 0) {
            throw new IOException("none of the validation images of " + dataset.root() + " could be read");
        }
        return new TrainingData(dataset, train.images(), val.images(), skipped.size());
    }

    /** Image {@code index} of {@code images}; it decoded when checked, so a failure now is the disk's, not the file's. */
    public static float[] image(TrainingImages images, int index) {
        try {
            return images.image(index);
        } catch (ImageInputException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Images {@code from} to {@code to} (exclusive) of {@code images}. */
    public static float[][] slice(TrainingImages images, int from, int to) {
        float[][] out = new float[to - from][];
        Arrays.setAll(out, i -> image(images, from + i));
        return out;
    }
}
