package io.convscope.ui.train;

import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands a training run's events to the FX thread, coalesced: whatever arrives within {@link #PERIOD_MS} becomes one
 * {@link Update} (the batches' losses averaged into one curve point), so the FX thread gets at most a few updates a
 * second however fast the batches go and never falls behind. Nothing is scheduled while nothing happens, so a paused
 * run costs the window nothing (no timer keeps the pulse going).
 */
final class LiveFeed implements TrainingSession.Listener {

    /** At most four updates a second. */
    static final long PERIOD_MS = 250;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "convscope-training-feed");
        t.setDaemon(true);
        return t;
    });

    /**
     * What happened since the last update: the mean loss of the batches in it (at the last one's place, in epochs),
     * the latest batch report, the epochs finished, the phase, and sentences.
     */
    record Update(
            int batches,
            double meanLoss,
            double at,
            TrainingSession.BatchReport last,
            List<Trainer.EpochResult> epochs,
            TrainingSession.Prepared prepared,
            TrainingSession.Phase phase,
            List<String> notes,
            Throwable failure) {}

    private final Consumer<Update> onFx;
    private int batches;
    private double lossSum;
    private double at;
    private TrainingSession.BatchReport last;
    private final List<Trainer.EpochResult> epochs = new ArrayList<>();
    private TrainingSession.Prepared prepared;
    private TrainingSession.Phase phase;
    private final List<String> notes = new ArrayList<>();
    private Throwable failure;
    private boolean scheduled;
    private long lastDrain;

    LiveFeed(Consumer<Update> onFx) {
        this.onFx = onFx;
    }

    @Override
    public synchronized void phaseChanged(TrainingSession.Phase p) {
        phase = p;
        schedule();
    }

    @Override
    public synchronized void prepared(TrainingSession.Prepared p) {
        prepared = p;
        schedule();
    }

    @Override
    public synchronized void batchDone(TrainingSession.BatchReport report) {
        batches++;
        lossSum += report.loss();
        at = report.epoch() - 1 + report.batch() / (double) report.batchesPerEpoch();
        last = report;
        schedule();
    }

    @Override
    public synchronized void epochDone(Trainer.EpochResult result) {
        epochs.add(result);
        schedule();
    }

    @Override
    public synchronized void note(String sentence) {
        notes.add(sentence);
        schedule();
    }

    @Override
    public synchronized void failed(Throwable cause) {
        failure = cause;
        schedule();
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        long wait = Math.max(0, lastDrain + PERIOD_MS * 1_000_000 - System.nanoTime()) / 1_000_000;
        TIMER.schedule(() -> Platform.runLater(this::drain), wait, TimeUnit.MILLISECONDS);
    }

    private void drain() {
        Update u;
        synchronized (this) {
            u = new Update(
                    batches,
                    batches == 0 ? Double.NaN : lossSum / batches,
                    at,
                    last,
                    List.copyOf(epochs),
                    prepared,
                    phase,
                    List.copyOf(notes),
                    failure);
            batches = 0;
            lossSum = 0;
            epochs.clear();
            prepared = null;
            phase = null;
            notes.clear();
            failure = null;
            scheduled = false;
            lastDrain = System.nanoTime();
        }
        onFx.accept(u);
    }
}
