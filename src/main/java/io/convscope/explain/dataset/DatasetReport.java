package io.convscope.explain.dataset;

import io.convscope.network.ImageOutcome;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the explorer shows about a model on a labelled folder, computed once from the evaluation's confusion
 * matrix and per-image outcomes; {@code evaluate --json} prints the same figures.
 *
 * @param classes   the model's classes, in its order
 * @param confusion rows true classes, columns predicted
 * @param images    every image's outcome
 */
public record DatasetReport(List<String> classes, int[][] confusion, List<ImageOutcome> images) {

    /** Most confident first: a confident mistake is the one worth looking at. */
    private static final Comparator<ImageOutcome> MOST_CONFIDENT = Comparator.comparingDouble(
                    (ImageOutcome o) -> o.pPredicted())
            .reversed()
            .thenComparing(ImageOutcome::path);

    private static final Comparator<ImageOutcome> HIGHEST_LOSS =
            Comparator.comparingDouble((ImageOutcome o) -> o.loss()).reversed().thenComparing(ImageOutcome::path);

    public DatasetReport {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
    }

    /** The report of {@code images}' outcomes alone: the confusion matrix is counted from them. */
    public static DatasetReport of(List<String> classes, List<ImageOutcome> images) {
        int[][] confusion = new int[classes.size()][classes.size()];
        for (ImageOutcome o : images) {
            confusion[o.truth()][o.predicted()]++;
        }
        return new DatasetReport(classes, confusion, images);
    }

    public int total() {
        return images.size();
    }

    public int correct() {
        int n = 0;
        for (int c = 0; c < confusion.length; c++) {
            n += confusion[c][c];
        }
        return n;
    }

    public double accuracy() {
        return total() == 0 ? 0 : correct() / (double) total();
    }

    public List<ClassMetrics> metrics() {
        return ClassMetrics.of(confusion);
    }

    /** The share of its row a cell holds (0 for an empty row), which colours the matrix. */
    public double rowShare(int truth, int predicted) {
        int row = 0;
        for (int v : confusion[truth]) {
            row += v;
        }
        return row == 0 ? 0 : confusion[truth][predicted] / (double) row;
    }

    /** The images of one cell, most confident first. */
    public List<ImageOutcome> cell(int truth, int predicted) {
        return images.stream()
                .filter(o -> o.truth() == truth && o.predicted() == predicted)
                .sorted(MOST_CONFIDENT)
                .toList();
    }

    /** Every wrongly classified image, most confident mistakes first. */
    public List<ImageOutcome> mistakes() {
        return images.stream().filter(o -> !o.correct()).sorted(MOST_CONFIDENT).toList();
    }

    /**
     * The images this model gets wrong that {@code other} (scored on the same folder) gets right, this model's most
     * confident mistakes first; images {@code other} did not score are left out.
     */
    public List<ImageOutcome> wrongWhereRight(DatasetReport other) {
        Map<String, ImageOutcome> theirs = new HashMap<>();
        for (ImageOutcome o : other.images) {
            theirs.put(o.path(), o);
        }
        return images.stream()
                .filter(o -> !o.correct())
                .filter(o -> {
                    ImageOutcome t = theirs.get(o.path());
                    return t != null && other.classes.get(t.predicted()).equals(classes.get(o.truth()));
                })
                .sorted(MOST_CONFIDENT)
                .toList();
    }

    /** The {@code n} images with the highest cross-entropy, highest first. */
    public List<ImageOutcome> topLosses(int n) {
        return images.stream().sorted(HIGHEST_LOSS).limit(Math.max(0, n)).toList();
    }
}
