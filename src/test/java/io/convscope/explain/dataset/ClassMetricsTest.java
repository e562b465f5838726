package io.convscope.explain.dataset;

import io.convscope.network.ImageOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Precision, recall and F1 worked out by hand from small confusion matrices. */
class ClassMetricsTest {

    /** Rows true, columns predicted; class 2 is never predicted. */
    private static final int[][] CONFUSION = {{2, 1, 0}, {0, 3, 0}, {1, 1, 0}};

    @Test
    void precisionRecallAndF1ComeFromTheColumnAndRowSums() {
        List<ClassMetrics> m = ClassMetrics.of(CONFUSION);
        // class 0: 2 right of 3 predicted, 2 right of 3 labelled
        assertEquals(2 / 3.0, m.get(0).precision(), 1e-15);
        assertEquals(2 / 3.0, m.get(0).recall(), 1e-15);
        assertEquals(2 / 3.0, m.get(0).f1(), 1e-15);
        assertEquals(3, m.get(0).support());
        // class 1: 3 right of 5 predicted, all 3 labelled found; F1 = 2 * 0.6 * 1 / 1.6
        assertEquals(0.6, m.get(1).precision(), 1e-15);
        assertEquals(1.0, m.get(1).recall(), 1e-15);
        assertEquals(0.75, m.get(1).f1(), 1e-15);
    }

    @Test
    void aClassNeverPredictedHasNoPrecisionAndNoF1ButARecallOfZero() {
        ClassMetrics never = ClassMetrics.of(CONFUSION).get(2);
        assertNull(never.precision());
        assertEquals(0.0, never.recall());
        assertNull(never.f1());
        assertEquals(2, never.support());
    }

    @Test
    void aClassPredictedButNeverRightHasAnF1OfZero() {
        ClassMetrics wrong = ClassMetrics.of(new int[][] {{0, 1}, {1, 0}}).get(0);
        assertEquals(0.0, wrong.precision());
        assertEquals(0.0, wrong.recall());
        assertEquals(0.0, wrong.f1());
    }

    @Test
    void aClassWithNoImagesHasNoRecall() {
        ClassMetrics empty = ClassMetrics.of(new int[][] {{2, 0}, {0, 0}}).get(1);
        assertNull(empty.recall());
        assertNull(empty.precision());
        assertEquals(0, empty.support());
    }

    @Test
    void theReportSortsACellByConfidenceAndTheLossesHighestFirst() {
        List<ImageOutcome> images = List.of(
                new ImageOutcome("a/1.png", 0, 1, 0.3f, 0.6f, 1.2f),
                new ImageOutcome("a/2.png", 0, 1, 0.05f, 0.9f, 3.0f),
                new ImageOutcome("a/3.png", 0, 0, 0.8f, 0.8f, 0.22f),
                new ImageOutcome("b/1.png", 1, 1, 0.7f, 0.7f, 0.36f));
        DatasetReport r = new DatasetReport(List.of("a", "b"), new int[][] {{1, 2}, {0, 1}}, images);
        assertEquals(0.5, r.accuracy());
        assertEquals(
                List.of("a/2.png", "a/1.png"),
                r.cell(0, 1).stream().map(ImageOutcome::path).toList());
        assertEquals(
                List.of("a/2.png", "a/1.png"),
                r.mistakes().stream().map(ImageOutcome::path).toList());
        assertEquals(
                List.of("a/2.png", "a/1.png", "b/1.png"),
                r.topLosses(3).stream().map(ImageOutcome::path).toList());
        assertEquals(2 / 3.0, r.rowShare(0, 1), 1e-15);
        assertEquals(0.0, new DatasetReport(List.of("a"), new int[][] {{0}}, List.of()).rowShare(0, 0));
    }

    @Test
    void comparingTwoModelsListsWhatOnlyTheFirstGetsWrong() {
        List<String> classes = List.of("a", "b");
        DatasetReport first = new DatasetReport(
                classes,
                new int[][] {{0, 2}, {1, 0}},
                List.of(
                        new ImageOutcome("a/1.png", 0, 1, 0.3f, 0.6f, 1.2f),
                        new ImageOutcome("a/2.png", 0, 1, 0.1f, 0.9f, 2.3f),
                        new ImageOutcome("b/1.png", 1, 0, 0.2f, 0.8f, 1.6f)));
        DatasetReport second = new DatasetReport(
                classes,
                new int[][] {{1, 1}, {0, 1}},
                List.of(
                        new ImageOutcome("a/1.png", 0, 0, 0.7f, 0.7f, 0.36f),
                        new ImageOutcome("a/2.png", 0, 1, 0.4f, 0.6f, 0.9f),
                        new ImageOutcome("b/1.png", 1, 1, 0.9f, 0.9f, 0.1f)));
        // a/2 both get wrong; b/1 (more confident) before a/1
        assertEquals(
                List.of("b/1.png", "a/1.png"),
                first.wrongWhereRight(second).stream().map(ImageOutcome::path).toList());
        assertEquals(List.of(), second.wrongWhereRight(first));
    }
}
