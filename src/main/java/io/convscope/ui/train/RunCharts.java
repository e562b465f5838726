package io.convscope.ui.train;

import io.convscope.engine.training.Trainer;
import io.convscope.explain.training.CurvePoints;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.List;

/**
 * The run's curves against epochs: the loss (every batch, averaged over what arrived between two updates, and per
 * epoch for training and validation) and the accuracy per epoch for training and validation. Made once and kept for
 * the whole life of the view, so a change of language only renames the series and axes.
 */
final class RunCharts extends HBox {

    /** Points of the batch-loss curve at most: beyond, neighbours are merged. */
    static final int MAX_BATCH_POINTS = 600;

    private final NumberAxis lossX = new NumberAxis();
    private final NumberAxis lossY = new NumberAxis();
    private final NumberAxis accuracyX = new NumberAxis();
    private final NumberAxis accuracyY = new NumberAxis(0, 100, 10);
    private final LineChart<Number, Number> loss = new LineChart<>(lossX, lossY);
    private final LineChart<Number, Number> accuracy = new LineChart<>(accuracyX, accuracyY);
    private final XYChart.Series<Number, Number> batchLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> trainLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validationLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> trainAccuracy = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> validationAccuracy = new XYChart.Series<>();
    private final CurvePoints batchPoints = new CurvePoints(MAX_BATCH_POINTS);

    RunCharts(Words words) {
        super(8);
        for (LineChart<Number, Number> c : List.of(loss, accuracy)) {
            c.setAnimated(false);
            c.setMinSize(160, 140);
            c.setPrefSize(360, 240);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        loss.setId("train-loss-chart");
        accuracy.setId("train-accuracy-chart");
        loss.setCreateSymbols(false);
        for (NumberAxis x : List.of(lossX, accuracyX)) {
            x.setAutoRanging(false);
            x.setLowerBound(0);
        }
        span(20);
        // Ranged here, not by the chart: its own ranging measures new tick labels whenever a point moves the range,
        // which made every update of a falling loss curve a layout pass of tens of milliseconds.
        lossY.setAutoRanging(false);
        lossY.setLowerBound(0);
        resetLoss();
        loss.getData().setAll(List.of(batchLoss, trainLoss, validationLoss));
        accuracy.getData().setAll(List.of(trainAccuracy, validationAccuracy));
        getChildren().addAll(loss, accuracy);
        words.on(() -> {
            loss.setTitle(words.get("train.chart.loss"));
            accuracy.setTitle(words.get("train.chart.accuracy"));
            lossX.setLabel(words.get("train.chart.epoch"));
            accuracyX.setLabel(words.get("train.chart.epoch"));
            batchLoss.setName(words.get("train.chart.batchLoss"));
            trainLoss.setName(words.get("train.chart.train"));
            validationLoss.setName(words.get("train.chart.validation"));
            trainAccuracy.setName(words.get("train.chart.train"));
            validationAccuracy.setName(words.get("train.chart.validation"));
        });
    }

    /** A new run of {@code epochs} epochs: every curve starts empty, the epoch axes span the whole run. */
    void clear(int epochs) {
        span(epochs);
        resetLoss();
        batchPoints.clear();
        for (XYChart.Series<Number, Number> s :
                List.of(batchLoss, trainLoss, validationLoss, trainAccuracy, validationAccuracy)) {
            s.getData().clear();
        }
    }

    /**
     * The run about to start will have {@code epochs} epochs: while no run has drawn a curve yet, the epoch axes span
     * it already, so Start does not re-lay out the charts with new ticks on the pulses that open the run.
     */
    void plan(int epochs) {
        if (batchLoss.getData().isEmpty() && trainLoss.getData().isEmpty()) {
            span(epochs);
        }
    }

    private void span(int epochs) {
        for (NumberAxis x : List.of(lossX, accuracyX)) {
            x.setUpperBound(epochs);
            x.setTickUnit(Math.max(1, Math.ceil(epochs / 10.0)));
        }
    }

    /** The mean loss of the batches since the last update, at {@code epochs} (fractional). */
    void batches(double epochs, double meanLoss) {
        fitLoss(meanLoss);
        if (batchPoints.add(epochs, meanLoss)) {
            batchLoss
                    .getData()
                    .setAll(batchPoints.points().stream()
                            .map(p -> new XYChart.Data<Number, Number>(p.x(), p.y()))
                            .toList());
        } else {
            batchLoss.getData().add(new XYChart.Data<>(epochs, meanLoss));
        }
    }

    void epoch(Trainer.EpochResult r) {
        fitLoss(Math.max(r.trainLoss(), r.validationLoss()));
        trainLoss.getData().add(new XYChart.Data<>(r.epoch(), r.trainLoss()));
        validationLoss.getData().add(new XYChart.Data<>(r.epoch(), r.validationLoss()));
        trainAccuracy.getData().add(new XYChart.Data<>(r.epoch(), 100 * r.trainAccuracy()));
        validationAccuracy.getData().add(new XYChart.Data<>(r.epoch(), 100 * r.validationAccuracy()));
    }

    /**
     * Raises the loss axis to a round number above {@code loss} when it is higher than the top, in steps of 1, 2 or
     * 5 times a power of ten, about five ticks; a falling loss leaves the axis as it is (0 to the run's highest loss,
     * as the chart's own ranging showed it). A loss that is not a number (a diverged run) changes nothing.
     */
    private void fitLoss(double loss) {
        if (!(loss > lossY.getUpperBound()) || Double.isInfinite(loss)) {
            return;
        }
        double raw = loss / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        double step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
        lossY.setUpperBound(Math.ceil(loss / step) * step);
        lossY.setTickUnit(step);
    }

    /** The loss axis from 0 to 1, as before any loss. */
    private void resetLoss() {
        lossY.setUpperBound(0);
        fitLoss(1);
    }

    /** The loss axis's top (tests). */
    double lossTop() {
        return lossY.getUpperBound();
    }

    /** Points drawn now on the batch-loss curve (tests: it stays bounded). */
    int batchPointCount() {
        return batchLoss.getData().size();
    }
}
