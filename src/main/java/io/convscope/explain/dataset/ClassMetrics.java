package io.convscope.explain.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision, recall and F1 of one class, read from a confusion matrix (rows true, columns predicted). A ratio whose
 * denominator is zero is undefined, not 0: a class the model never predicts has no precision (null here, null in the
 * JSON, "—" in the app), and its F1 is undefined with it.
 *
 * @param support how many images are labelled with this class (its row sum)
 */
public record ClassMetrics(Double precision, Double recall, Double f1, int support) {

    /** One entry per class, in the matrix's order. */
    public static List<ClassMetrics> of(int[][] confusion) {
        List<ClassMetrics> all = new ArrayList<>(confusion.length);
        for (int c = 0; c < confusion.length; c++) {
            int truePositives = confusion[c][c];
            int labelled = 0;
            int predicted = 0;
            for (int k = 0; k < confusion.length; k++) {
                labelled += confusion[c][k];
                predicted += confusion[k][c];
            }
            Double precision = predicted == 0 ? null : truePositives / (double) predicted;
            Double recall = labelled == 0 ? null : truePositives / (double) labelled;
            all.add(new ClassMetrics(precision, recall, f1(precision, recall), labelled));
        }
        return List.copyOf(all);
    }

    private static Double f1(Double precision, Double recall) {
        if (precision == null || recall == null) {
            return null;
        }
        double sum = precision + recall;
        return sum == 0 ? 0.0 : 2 * precision * recall / sum;
    }
}
