package io.convscope.ui.train;

import io.convscope.engine.training.Trainer;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Workspace;
import javafx.scene.chart.NumberAxis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The loss chart's axis is ranged by the run's curves, not by the chart: the chart's own ranging measured new tick
 * labels whenever a point moved the range, a layout pass of tens of milliseconds on every update of a training run
 * (issue 17's pulse gaps). The axis spans 0 to a round number above the highest loss, and stays put while it falls.
 */
class RunChartsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    @Test
    void theLossAxisRisesToRoundNumbersAndStaysWhileTheLossFalls() throws Exception {
        RunCharts charts = fx(() -> new RunCharts(new Words(new Workspace(Language.ENGLISH, false))));
        NumberAxis loss = fx(() -> (NumberAxis) charts.lookupAll(".axis").stream()
                .filter(a -> a instanceof NumberAxis n && n.getSide().isVertical())
                .findFirst()
                .orElseThrow());
        assertFalse(loss.isAutoRanging(), "the chart does not range the loss axis itself");
        fx(() -> {
            charts.clear(3);
            charts.batches(0.1, 2.31);
            return null;
        });
        assertEquals(2.5, fx(charts::lossTop), 1e-12, "a round number above ln 10");
        assertEquals(0.5, loss.getTickUnit(), 1e-12);
        assertEquals(0, loss.getLowerBound());
        fx(() -> {
            charts.batches(0.2, 1.2);
            charts.batches(0.3, 0.4);
            charts.batches(0.4, Double.NaN);
            return null;
        });
        assertEquals(2.5, fx(charts::lossTop), 1e-12, "a falling (or diverged) loss leaves the axis");
        fx(() -> {
            charts.epoch(new Trainer.EpochResult(1, 0.4, 0.9, 7.3, 0.5, false, 12));
            return null;
        });
        assertEquals(8, fx(charts::lossTop), 1e-12, "a higher validation loss raises it");
        assertEquals(2, loss.getTickUnit(), 1e-12);
        fx(() -> {
            charts.clear(3);
            return null;
        });
        assertEquals(1, fx(charts::lossTop), 1e-12, "a new run starts from 0 to 1");
    }
}
