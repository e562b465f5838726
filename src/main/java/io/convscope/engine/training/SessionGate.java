package io.convscope.engine.training;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Where a {@link TrainingSession}'s thread stops before every batch: it passes while running, waits (on this
 * object's monitor, so a paused run costs no CPU) while paused, lets exactly one batch through per {@link #step()}
 * while paused, and says "cancelled" once stopped. {@link TrainingEpoch} asks it through its cancel check, so the
 * trainer's own loop runs unchanged.
 */
final class SessionGate implements BooleanSupplier {

    /** Told (on the training thread) when the thread starts and stops waiting. */
    interface Waiting {
        void changed(boolean waiting);
    }

    private final Waiting waiting;
    private boolean paused;
    private int steps;
    private boolean stopped;
    private boolean parked;
    private long passedAt;

    SessionGate(boolean startPaused, Waiting waiting) {
        this.paused = startPaused;
        this.waiting = waiting;
    }

    synchronized void pause() {
        paused = true;
        notifyAll();
    }

    synchronized void resume() {
        paused = false;
        steps = 0;
        notifyAll();
    }

    /** Paused: one more batch runs, then the run waits again. Running: the run pauses before its next batch. */
    synchronized void step() {
        if (paused) {
            steps++;
        }
        paused = true;
        notifyAll();
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized boolean paused() {
        return paused;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** When the last batch was let through ({@link System#nanoTime()}): its time excludes any pause before it. */
    synchronized long passedAt() {
        return passedAt;
    }

    /**
     * Runs {@code look} while the training thread waits at the gate (it cannot leave while this holds the monitor),
     * so the live parameters are not changing; returns null when the run is not waiting.
     */
    synchronized <T> T whileParked(Supplier<T> look) {
        return parked ? look.get() : null;
    }

    /** Before every batch: true when the run is stopped; waits while paused. An interrupt stops the run. */
    @Override
    public synchronized boolean getAsBoolean() {
        boolean waited = false;
        try {
            while (!stopped && paused && steps == 0) {
                if (!waited) {
                    waited = true;
                    parked = true;
                    waiting.changed(true);
                }
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            parked = false;
        }
        if (waited && !stopped) {
            waiting.changed(false);
        }
        if (!stopped && steps > 0) {
            steps--;
        }
        passedAt = System.nanoTime();
        return stopped;
    }
}
