package io.convscope.engine.training;

import io.convscope.network.KernelStep;
import io.convscope.network.ParameterBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A watched session: a step armed as the run starts records its first batch (the first convolution's first
 * kernel), the watcher hears every batch and every epoch's validation confusion matrix (whose diagonal is the epoch's
 * validation accuracy), and watching changes nothing: the weights equal an unwatched run's.
 */
class RunInsightTest {

    static final class Watcher implements RunWatcher {
        final AtomicInteger batches = new AtomicInteger();
        final Map<Integer, int[][]> confusions = new ConcurrentHashMap<>();

        @Override
        public void batchTrained(int epoch, int batch, Supplier<float[][]> parameters) {
            batches.incrementAndGet();
            if (batches.get() % 5 == 0) {
                parameters.get(); // a copy, as the app takes one: it must not disturb the run
            }
        }

        @Override
        public void epochValidated(int epoch, int[][] confusion, Supplier<float[][]> parameters) {
            confusions.put(epoch, confusion);
            parameters.get();
        }
    }

    @Test
    void aWatchedRunRecordsItsStepAndConfusionAndTrainsAsAnUnwatchedOne(@TempDir Path dir) throws Exception {
        Path data = TrainerTest.makeDataset(Files.createDirectories(dir.resolve("data")));
        List<ParameterBlock> unwatched;
        try (TrainingSession s = TrainingSession.start(
                TrainingSessionTest.settings(data, 2), null, new TrainingSessionTest.Recorder(), false)) {
            s.awaitEnd();
            unwatched = s.weightsOf(2);
        }

        TrainingSessionTest.Recorder r = new TrainingSessionTest.Recorder();
        Watcher w = new Watcher();
        AtomicReference<KernelStep> recorded = new AtomicReference<>();
        try (TrainingSession s = TrainingSession.start(TrainingSessionTest.settings(data, 2), null, r, true)) {
            s.insight().watch(w);
            s.insight().arm(null, recorded::set); // maybe before the network exists: then armed once it does
            r.await(TrainingSession.Phase.PAUSED);
            s.step();
            r.await(TrainingSession.Phase.RUNNING);
            r.await(TrainingSession.Phase.PAUSED);
            KernelStep step = recorded.get();
            assertNotNull(step, "the step before the run was recorded");
            assertEquals(0, step.filter());
            assertEquals(0, step.channel());
            assertEquals(8, step.batch().images().size());
            assertEquals(1, w.batches.get());
            float[] now = s.whilePaused(blocks -> {
                for (ParameterBlock b : blocks) {
                    if (b.layer() == step.layer() && b.role() == ParameterBlock.Role.WEIGHT) {
                        return Arrays.copyOf(b.values(), step.after().length);
                    }
                }
                return null;
            });
            assertArrayEquals(now, step.after(), "the record's new weights are the network's");
            assertNotNull(s.insight().probe());

            s.resume();
            s.awaitEnd();
            assertEquals(TrainingSession.Phase.FINISHED, s.phase(), r.failure);
            assertEquals(18, w.batches.get());
            List<Trainer.EpochResult> history = s.history();
            for (Trainer.EpochResult e : history) {
                int[][] counts = w.confusions.get(e.epoch());
                int total = 0;
                int diagonal = 0;
                for (int t = 0; t < counts.length; t++) {
                    diagonal += counts[t][t];
                    total += Arrays.stream(counts[t]).sum();
                }
                assertEquals(s.validation().size(), total);
                assertEquals(e.validationAccuracy(), diagonal / (double) total, 1e-12);
                ProbeNetwork p = s.insight().probe();
                List<float[]> values = new ArrayList<>();
                s.weightsOf(e.epoch()).forEach(b -> values.add(b.values()));
                float[][] params = values.toArray(float[][]::new);
                for (int t = 0; t < counts.length; t++) {
                    assertArrayEquals(p.confusion(params, s.validation())[t], counts[t], "a second, separate count");
                }
            }
            List<ParameterBlock> watched = s.weightsOf(2);
            for (int i = 0; i < unwatched.size(); i++) {
                assertArrayEquals(
                        unwatched.get(i).values(),
                        watched.get(i).values(),
                        unwatched.get(i).toString());
            }
        }
    }
}
