package io.convscope.explain.training;

import io.convscope.explain.dataset.DatasetReport;

import java.util.List;

/**
 * The validation split's confusion matrix after one epoch ({@code [true class][predicted class]} counts), with its
 * accuracy. Kept per epoch by the Train workspace: {@code classes²} ints each (200 classes: 160 KB an epoch).
 */
public record ConfusionAtEpoch(int epoch, List<String> classes, int[][] counts) {

    public ConfusionAtEpoch {
        classes = List.copyOf(classes);
        if (counts.length != classes.size()) {
            throw new IllegalArgumentException(counts.length + " rows for " + classes.size() + " classes");
        }
        for (int[] row : counts) {
            if (row.length != classes.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " for " + classes.size() + " classes");
            }
        }
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public int correct() {
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            n += counts[c][c];
        }
        return n;
    }

    public double accuracy() {
        int total = total();
        return total == 0 ? 0 : correct() / (double) total;
    }

    /** The matrix as the data-set explorer's grid draws it (no per-image outcomes: counts only). */
    public DatasetReport report() {
        return new DatasetReport(classes, counts, List.of());
    }
}
