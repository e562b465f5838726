package io.convscope.engine.training;

import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ParameterBlock;

import java.io.IOException;
import java.util.List;

/**
 * A {@link TrainingSession}'s epochs, on its thread: the trainer's {@link TrainingEpoch} with the session's gate as
 * its cancel check, then the same evaluation and best-epoch rule as {@link Trainer}, so the weights and the epochs
 * chosen are the {@code train} command's. It also times the batches (pauses excluded) for images per second and the
 * time left.
 */
final class SessionLoop implements Trainer.Listener {

    /** Batches the speed is averaged over: enough to be steady, few enough to follow a change. */
    private static final int SPEED_WINDOW = 32;

    private final TrainingSession session;
    private final RunSettings settings;
    private final TrainerNetwork network;
    private final TrainingData data;
    private final SessionGate gate;
    private final TrainingSession.Listener listener;
    private final long[] windowNanos = new long[SPEED_WINDOW];
    private final int[] windowImages = new int[SPEED_WINDOW];
    private int windowAt;
    private LearningRateSchedule schedule;
    private int batches;
    private int batchSize;
    private long activeNanos;
    private double evaluationSeconds;

    SessionLoop(
            TrainingSession session,
            RunSettings settings,
            TrainerNetwork network,
            TrainingData data,
            SessionGate gate,
            TrainingSession.Listener listener) {
        this.session = session;
        this.settings = settings;
        this.network = network;
        this.data = data;
        this.gate = gate;
        this.listener = listener;
    }

    void run() throws IOException {
        TrainingRecipe recipe = settings.recipe();
        TrainingImages train = data.train();
        List<ParameterBlock> blocks = network.parameters();
        schedule = recipe.schedule(settings.epochs());
        // The inspector passes every batch straight on unless the student armed a step.
        StepInspector inspector = session.insight().prepare(network);
        TrainingEpoch epochs = new TrainingEpoch(
                inspector.network(),
                train,
                recipe,
                inspector.watch(recipe.optimiser(blocks)),
                null,
                schedule,
                settings.batchSize(),
                settings.seed());
        batches = epochs.batches();
        batchSize = epochs.batchSize();
        double bestAccuracy = -1;
        double bestLoss = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            activeNanos = 0;
            TrainingEpoch.Progress done = epochs.run(epoch, new TrainingEpoch.Progress(0, 0, 0, false), gate, this);
            if (done.cancelled()) {
                return;
            }
            long t0 = System.nanoTime();
            int classes = network.classes();
            int[][] confusion = new int[classes][classes];
            double[] v = Trainer.evaluate(network, data.validation(), confusion);
            long evaluation = System.nanoTime() - t0;
            evaluationSeconds = evaluation / 1e9;
            boolean best = v[1] > bestAccuracy || (v[1] == bestAccuracy && v[0] < bestLoss);
            if (best) {
                bestAccuracy = v[1];
                bestLoss = v[0];
            }
            Trainer.EpochResult result = new Trainer.EpochResult(
                    epoch,
                    done.lossSum() / train.size(),
                    done.correct() / (double) train.size(),
                    v[0],
                    v[1],
                    best,
                    (activeNanos + evaluation) / 1e9);
            session.epochFinished(
                    result, blocks.stream().map(b -> b.values().clone()).toArray(float[][]::new));
            listener.epochDone(result);
            session.insight().watcher().epochValidated(epoch, confusion, () -> ProbeNetwork.copyParameters(network));
        }
    }

    @Override
    public void batchDone(int epoch, int batch, double loss) {
        long nanos = System.nanoTime() - gate.passedAt();
        activeNanos += nanos;
        int images = Math.min(batchSize, data.train().size() - (batch - 1) * batchSize);
        windowNanos[windowAt] = nanos;
        windowImages[windowAt] = images;
        windowAt = (windowAt + 1) % SPEED_WINDOW;
        long sumNanos = 0;
        long sumImages = 0;
        for (int i = 0; i < SPEED_WINDOW; i++) {
            sumNanos += windowNanos[i];
            sumImages += windowImages[i];
        }
        double perSecond = sumNanos == 0 ? 0 : sumImages / (sumNanos / 1e9);
        long imagesLeft = (long) (batches - batch) * batchSize
                + (long) (settings.epochs() - epoch) * data.train().size();
        double secondsLeft = perSecond == 0
                ? Double.NaN
                : imagesLeft / perSecond + (settings.epochs() - epoch + 1) * evaluationSeconds;
        listener.batchDone(new TrainingSession.BatchReport(
                epoch, batch, batches, images, loss, schedule.rate(epoch, batch - 1, batches), perSecond, secondsLeft));
        session.insight().watcher().batchTrained(epoch, batch, () -> ProbeNetwork.copyParameters(network));
    }
}
