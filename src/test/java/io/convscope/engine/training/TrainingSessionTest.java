package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.DatasetException;
import io.convscope.network.ParameterBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's training session: a step runs exactly one batch, a run paused, stepped and resumed ends with the same
 * weights as an unbroken one and as the {@code train} command's, finished epochs are kept and exported.
 */
class TrainingSessionTest {

    /** Records what a session tells, in order, and lets the test wait for a phase without sleeping. */
    static final class Recorder implements TrainingSession.Listener {
        final BlockingQueue<TrainingSession.Phase> phases = new LinkedBlockingQueue<>();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger epochs = new AtomicInteger();
        volatile String failure;
        volatile Throwable cause;

        @Override
        public void phaseChanged(TrainingSession.Phase phase) {
            phases.add(phase);
        }

        @Override
        public void batchDone(TrainingSession.BatchReport report) {
            batches.incrementAndGet();
            assertTrue(Double.isFinite(report.loss()));
            assertTrue(report.imagesPerSecond() > 0);
        }

        @Override
        public void epochDone(Trainer.EpochResult result) {
            epochs.incrementAndGet();
        }

        @Override
        public void failed(Throwable cause) {
            this.cause = cause;
            failure = String.valueOf(cause);
        }

        void await(TrainingSession.Phase wanted) throws InterruptedException {
            while (true) {
                TrainingSession.Phase p = phases.poll(120, TimeUnit.SECONDS);
                assertNotNull(p, "no phase change while waiting for " + wanted);
                if (p == wanted) {
                    return;
                }
                assertTrue(!p.ended(), "the run ended (" + p + ", " + failure + ") while waiting for " + wanted);
            }
        }
    }

    static RunSettings settings(Path data, int epochs) {
        return RunSettings.defaults(data).withEpochs(epochs, 8);
    }

    @Test
    void aStepRunsExactlyOneBatch(@TempDir Path dir) throws Exception {
        Path data = TrainerTest.makeDataset(Files.createDirectories(dir.resolve("data")));
        Recorder r = new Recorder();
        try (TrainingSession s = TrainingSession.start(settings(data, 2), null, r, true)) {
            r.await(TrainingSession.Phase.PAUSED);
            assertEquals(0, r.batches.get());
            for (int step = 1; step <= 3; step++) {
                s.step();
                r.await(TrainingSession.Phase.RUNNING);
                r.await(TrainingSession.Phase.PAUSED);
                assertEquals(step, r.batches.get());
            }
            // paused, the live parameters can be read and do not move
            assertNotNull(s.whilePaused(blocks -> blocks.get(0).values().clone()));
            s.stop();
            s.awaitEnd();
            assertEquals(TrainingSession.Phase.STOPPED, s.phase());
            assertEquals(3, r.batches.get());
            assertEquals(0, r.epochs.get());
            assertThrows(java.io.IOException.class, () -> s.export(0, dir.resolve("none.zip")));
        }
    }

    @Test
    void pausedSteppedAndResumedEndsWithTheWeightsOfAnUnbrokenRunAndOfTheTrainCommand(@TempDir Path dir)
            throws Exception {
        Path data = TrainerTest.makeDataset(Files.createDirectories(dir.resolve("data")));
        Recorder plain = new Recorder();
        List<ParameterBlock> unbroken;
        Path plainExport = dir.resolve("plain.zip");
        try (TrainingSession s = TrainingSession.start(settings(data, 2), null, plain, false)) {
            s.awaitEnd();
            assertEquals(TrainingSession.Phase.FINISHED, s.phase(), plain.failure);
            assertEquals(List.of(1, 2), s.keptEpochs());
            assertEquals(18, plain.batches.get()); // 72 images in batches of 8, twice
            unbroken = s.weightsOf(2);
            s.export(0, plainExport);
        }

        Recorder broken = new Recorder();
        try (TrainingSession s = TrainingSession.start(settings(data, 2), null, broken, true)) {
            broken.await(TrainingSession.Phase.PAUSED);
            s.step();
            broken.await(TrainingSession.Phase.PAUSED);
            s.resume();
            broken.await(TrainingSession.Phase.RUNNING);
            s.pause();
            broken.await(TrainingSession.Phase.PAUSED);
            s.step();
            s.step();
            s.resume();
            s.awaitEnd();
            assertEquals(TrainingSession.Phase.FINISHED, s.phase(), broken.failure);
            List<ParameterBlock> after = s.weightsOf(2);
            for (int i = 0; i < unbroken.size(); i++) {
                assertArrayEquals(
                        unbroken.get(i).values(),
                        after.get(i).values(),
                        unbroken.get(i).toString());
            }
            LoadedModel used = ModelLoader.load(s.useModel(0));
            assertEquals(TrainerTest.CLASSES, used.metadata().classes());
            // The quick export (the cell gallery's) has the same weights; its figures are the ones the run recorded.
            LoadedModel quick = ModelLoader.load(s.useModelAsRecorded(0));
            assertArrayEquals(
                    used.chain().params().toFloatVector(),
                    quick.chain().params().toFloatVector());
            Trainer.EpochResult best = s.history().stream()
                    .filter(h -> h.epoch() == s.bestEpoch())
                    .findFirst()
                    .orElseThrow();
            assertEquals(best.validationAccuracy(), quick.metadata().training().validationAccuracy());
            assertEquals(best.trainAccuracy(), quick.metadata().training().trainAccuracy());
        }

        // The train command with the same settings chooses the same epoch and writes the same weights.
        Path cli = dir.resolve("cli.zip");
        RunSettings rs = settings(data, 2);
        new Trainer(new Trainer.Options(data, cli, null, 64, 2, rs.seed(), 8, 2, rs.recipe(), false, "test"))
                .train(new Trainer.Listener() {}, () -> false);
        assertArrayEquals(
                ModelLoader.load(cli).chain().params().toFloatVector(),
                ModelLoader.load(plainExport).chain().params().toFloatVector());
    }

    /** A run whose folder is gone fails with the data set's typed problem, which the app tells in its language. */
    @Test
    void aRunOnAFolderThatIsGoneFailsWithTheDataSetsProblem(@TempDir Path dir) throws Exception {
        Path gone = dir.resolve("gone");
        Recorder recorder = new Recorder();
        try (TrainingSession s = TrainingSession.start(settings(gone, 1), null, recorder, false)) {
            s.awaitEnd();
            assertEquals(TrainingSession.Phase.FAILED, s.phase());
        }
        DatasetException problem = assertInstanceOf(DatasetException.class, recorder.cause);
        assertEquals(DatasetException.Problem.MISSING, problem.problem());
        assertEquals(List.of(gone.toString()), problem.arguments());
    }

    /** The Train workspace's preview before Start shows the very network a run then starts from. */
    @Test
    void theUntrainedProbeIsTheNetworkARunStartsFrom(@TempDir Path dir) throws Exception {
        Path data = TrainerTest.makeDataset(Files.createDirectories(dir.resolve("data")));
        RunSettings rs = settings(data, 1);
        Recorder recorder = new Recorder();
        try (TrainingSession s = TrainingSession.start(rs, null, recorder, true)) {
            recorder.await(TrainingSession.Phase.PAUSED); // waiting for its first step: nothing trained yet
            float[][] start = s.insight().probe().parameters();
            float[][] preview = ProbeNetwork.untrained(
                            rs.design().withClasses(TrainerTest.CLASSES.size()), TrainerTest.CLASSES, rs.seed())
                    .parameters();
            assertEquals(start.length, preview.length);
            for (int i = 0; i < start.length; i++) {
                assertArrayEquals(start[i], preview[i], "block " + i);
            }
        }
    }

    @Test
    void epochCheckpointsAreBoundedByBytesKeepingTheNewestAndTheBest(@TempDir Path dir) throws Exception {
        EpochWeights w = new EpochWeights(dir.resolve("e"), 100); // an epoch of 10 floats is a 48-byte file: two fit
        float[][] values = {new float[10]};
        w.save(1, values, 1);
        w.save(2, values, 1);
        w.save(3, values, 1);
        assertEquals(List.of(1, 3), w.epochs()); // 2 went first: 1 is the best, 3 the newest
        assertThrows(java.io.IOException.class, () -> w.read(2, new float[][] {new float[10]}));
        w.deleteAll();
        assertTrue(w.epochs().isEmpty());
    }
}
