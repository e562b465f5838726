package io.convscope.bench;

import com.sun.management.OperatingSystemMXBean;
import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The training benchmarks' stopwatch: wall and process CPU seconds from a run's first batch to its epoch's result,
 * for a {@link TrainingSession} (timing starts when it reports RUNNING) and for the train command's
 * {@link Trainer} (timing starts when it reports started), two of them alternated in pairs, and medians.
 */
final class TimedEpoch {

    private static final OperatingSystemMXBean OS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    /** Seconds of wall clock and of the process's CPU. */
    record Timing(double wall, double cpu) {}

    /** One side of a comparison: one timed epoch, in pair {@code pair} (from 0). */
    interface Side {
        Timing run(int pair) throws Exception;
    }

    /** Both sides' timings, pair by pair. */
    record Pairs(List<Timing> a, List<Timing> b) {}

    /**
     * {@code pairs} pairs of runs of {@code a} and {@code b} back to back, {@code a} first in even pairs and {@code b}
     * first in odd ones, so a machine shared with other work loads both alike; each run is printed as it ends.
     */
    static Pairs alternate(int pairs, String aName, Side a, String bName, Side b) throws Exception {
        Pairs out = new Pairs(new ArrayList<>(), new ArrayList<>());
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < 2; k++) {
                boolean second = (p + k) % 2 == 1;
                Timing t = second ? b.run(p) : a.run(p);
                (second ? out.b() : out.a()).add(t);
                System.out.printf(
                        Locale.ROOT,
                        "%-9s pair %d: %6.1f s wall, %6.1f s CPU%n",
                        second ? bName : aName,
                        p + 1,
                        t.wall(),
                        t.cpu());
            }
        }
        return out;
    }

    private final double[] start = new double[2];
    private final double[] end = new double[2];

    private TimedEpoch() {}

    /**
     * One run of {@code settings} (one epoch) in a session, timed from RUNNING to the epoch's result; it fails unless
     * the session finishes. {@code watch}, when not null, is given the session before its first batch (it starts
     * paused, is watched, then resumed); null starts it running straight away.
     */
    static Timing session(RunSettings settings, Consumer<TrainingSession> watch) throws Exception {
        TimedEpoch clock = new TimedEpoch();
        try (TrainingSession s = TrainingSession.start(
                settings,
                null,
                new TrainingSession.Listener() {
                    @Override
                    public void phaseChanged(TrainingSession.Phase phase) {
                        if (phase == TrainingSession.Phase.RUNNING) {
                            mark(clock.start);
                        }
                    }

                    @Override
                    public void epochDone(Trainer.EpochResult result) {
                        mark(clock.end);
                    }
                },
                watch != null)) {
            if (watch != null) {
                watch.accept(s);
                s.resume();
            }
            s.awaitEnd();
            if (s.phase() != TrainingSession.Phase.FINISHED) {
                throw new IllegalStateException("the session ended " + s.phase());
            }
        }
        return clock.timing();
    }

    /** One epoch of the train command's {@link Trainer} with {@code options}, timed from its start to the epoch's result. */
    static Timing command(Trainer.Options options) throws Exception {
        TimedEpoch clock = new TimedEpoch();
        new Trainer(options)
                .train(
                        new Trainer.Listener() {
                            @Override
                            public void started(int e, int b, int max, int images, int batch) {
                                mark(clock.start);
                            }

                            @Override
                            public void epochDone(Trainer.EpochResult result) {
                                mark(clock.end);
                            }
                        },
                        () -> false);
        return clock.timing();
    }

    private Timing timing() {
        return new Timing(end[0] - start[0], end[1] - start[1]);
    }

    private static void mark(double[] at) {
        at[0] = System.nanoTime() / 1e9;
        at[1] = OS.getProcessCpuTime() / 1e9;
    }

    /** The median wall and the median CPU seconds (each on its own; for an even count, the mean of the middle two). */
    static Timing median(List<Timing> ts) {
        return new Timing(
                median(ts.stream().mapToDouble(Timing::wall).sorted().toArray()),
                median(ts.stream().mapToDouble(Timing::cpu).sorted().toArray()));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
