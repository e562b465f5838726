package io.convscope.engine.training;

import io.convscope.engine.ModelStore;
import io.convscope.engine.TrainableNetwork;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Trains a {@link TrainableNetwork} on an image-folder data set: augmented minibatches spread over the cores, the
 * recipe's optimiser, schedule, label smoothing and weight average, a fixed seed (the same run gives the same model),
 * early stopping on validation accuracy, a checkpoint after every epoch that {@code resume} continues from, and an
 * atomic write of the best model and its metadata.
 */
public final class Trainer {

    /**
     * What to train and how.
     *
     * @param architecture an architecture description file or a built-in id ({@code tinyvgg}); null is Tiny VGG
     * @param inputSize    the input side, or null for the description's own
     */
    public record Options(
            Path data,
            Path out,
            String architecture,
            Integer inputSize,
            int maxEpochs,
            long seed,
            int batchSize,
            int patience,
            TrainingRecipe recipe,
            boolean resume,
            String command) {}

    /** Progress callbacks, called on the training thread. */
    public interface Listener {
        /**
         * {@code firstBatch} is above 1 when a resume continues in the middle of {@code firstEpoch}; an epoch is
         * {@code images} images in batches of {@code batchSize} (the last one possibly smaller).
         */
        default void started(int firstEpoch, int firstBatch, int maxEpochs, int images, int batchSize) {}

        default void batchDone(int epoch, int batch, double loss) {}

        default void epochDone(EpochResult result) {}

        /** A sentence about the data: its memory estimate, unreadable files skipped. */
        default void note(String sentence) {}
    }

    public record EpochResult(
            int epoch,
            double trainLoss,
            double trainAccuracy,
            double validationLoss,
            double validationAccuracy,
            boolean best,
            double seconds) {}

    /** {@code batchesIntoNextEpoch}: batches of epoch {@code epochsRun + 1} the checkpoint holds (a stop mid-epoch). */
    public record Result(
            Path model,
            int epochsRun,
            int batchesIntoNextEpoch,
            int bestEpoch,
            double trainAccuracy,
            double validationAccuracy,
            boolean cancelled) {}

    private static final int EVALUATION_SLICE = 256;

    private final Options options;

    public Trainer(Options options) {
        this.options = options;
    }

    public Path checkpointDir() {
        return options.out().resolveSibling(options.out().getFileName() + ".checkpoint");
    }

    /**
     * Trains until the last epoch, early stopping or {@code cancelled}; a cancel is seen before every batch and
     * writes a checkpoint of the batches done so far, which {@code resume} continues from, batch for batch.
     */
    public Result train(Listener listener, BooleanSupplier cancelled) throws IOException {
        ModelStore.checkWritable(options.out());
        if (Files.exists(checkpointDir()) && !Files.isDirectory(checkpointDir())) {
            throw new IOException(
                    "cannot keep the checkpoint in " + checkpointDir() + ": a file of that name is in the way");
        }
        // A plain folder is split by the run's seed, so a resumed run splits it the same way.
        ImageFolderDataset dataset =
                ImageFolderDataset.open(options.data(), options.seed(), DatasetSplit.DEFAULT_VALIDATION_FRACTION);
        ArchitectureDesign design =
                TrainableNetworks.design(options, dataset.classes().size());
        int batch = Math.min(options.batchSize(), Math.max(1, dataset.train().size()));
        TrainableNetworks.requireFits(design, batch, TrainableNetworks.freeHeap());
        TrainingData data = TrainingData.load(dataset, design.inputShape(), listener::note);
        try (TrainerNetwork network =
                TrainableNetworks.create(design, data.dataset().classes(), options.seed())) {
            return train(network, design, data, listener, cancelled);
        }
    }

    private Result train(
            TrainerNetwork network,
            ArchitectureDesign design,
            TrainingData data,
            Listener listener,
            BooleanSupplier cancelled)
            throws IOException {
        TrainingImages train = data.train();
        TrainingImages val = data.validation();
        TrainingRecipe recipe = options.recipe();
        List<ParameterBlock> blocks = network.parameters();
        Optimiser optimiser = recipe.optimiser(blocks);
        WeightAverage average = recipe.averageDecay() > 0 ? new WeightAverage(blocks, recipe.averageDecay()) : null;
        TrainingState training = average == null
                ? TrainingState.of(new RecipeCheck(recipe.fingerprint()), optimiser)
                : TrainingState.of(new RecipeCheck(recipe.fingerprint()), optimiser, average);

        Checkpoint checkpoint = new Checkpoint(checkpointDir());
        Checkpoint.State state = checkpoint.fresh(options.seed(), options.batchSize());
        if (options.resume()) {
            Optional<Checkpoint.State> saved = checkpoint.read(values(blocks), training);
            if (saved.isPresent()) {
                state = saved.get();
                if (state.seed() != options.seed() || state.batchSize() != options.batchSize()) {
                    throw new IOException("the checkpoint in " + checkpoint.dir() + " was trained with seed "
                            + state.seed() + " and batch size " + state.batchSize() + "; resume with the same values");
                }
                network.parametersChanged();
            }
        }

        TrainingEpoch epochs = new TrainingEpoch(
                network,
                train,
                recipe,
                optimiser,
                average,
                recipe.schedule(options.maxEpochs()),
                options.batchSize(),
                options.seed());
        listener.started(
                state.epochsDone() + 1, state.batchesDone() + 1, options.maxEpochs(), train.size(), epochs.batchSize());
        boolean wasCancelled = false;
        List<EpochResult> history = new ArrayList<>(state.history());
        for (int epoch = state.epochsDone() + 1; epoch <= options.maxEpochs() && !wasCancelled; epoch++) {
            if (state.bestEpoch() > 0 && epoch - state.bestEpoch() > options.patience()) {
                break;
            }
            long t0 = System.nanoTime() - (long) (state.partialSeconds() * 1e9);
            TrainingEpoch.Progress done = epochs.run(
                    epoch,
                    new TrainingEpoch.Progress(state.batchesDone(), state.partialLoss(), state.partialCorrect(), false),
                    cancelled,
                    listener);
            if (done.cancelled()) {
                wasCancelled = true;
                if (done.batchesDone() > state.batchesDone()) {
                    state = checkpoint.write(
                            partial(state, done, (System.nanoTime() - t0) / 1e9), values(blocks), training, null);
                }
                break;
            }
            double lossSum = done.lossSum();
            int correct = done.correct();
            // The averaged weights are the ones evaluated, kept as the best and exported.
            swapAverage(average, blocks, network);
            double[] v = evaluate(network, val);
            boolean best = v[1] > state.bestValidationAccuracy()
                    || (v[1] == state.bestValidationAccuracy() && v[0] < state.bestValidationLoss());
            float[][] bestValues = best ? copies(blocks) : null;
            swapAverage(average, blocks, network);
            EpochResult result = new EpochResult(
                    epoch,
                    lossSum / train.size(),
                    correct / (double) train.size(),
                    v[0],
                    v[1],
                    best,
                    (System.nanoTime() - t0) / 1e9);
            history.add(result);
            state = checkpoint.write(
                    afterEpoch(state, epoch, best, v[1], v[0], history), values(blocks), training, bestValues);
            listener.epochDone(result);
        }

        if (state.best() == null) {
            return new Result(null, state.epochsDone(), state.batchesDone(), 0, 0, 0, true);
        }
        checkpoint.readBest(state, values(blocks)); // the network now holds the best epoch's values
        network.parametersChanged();
        TrainedModel.Figures figures = TrainedModel.write(network, design, data, options, state);
        return new Result(
                options.out(),
                state.epochsDone(),
                state.batchesDone(),
                state.bestEpoch(),
                figures.trainAccuracy(),
                figures.validationAccuracy(),
                wasCancelled);
    }

    private static void swapAverage(WeightAverage average, List<ParameterBlock> blocks, TrainerNetwork network) {
        if (average != null) {
            average.swap(blocks);
            network.parametersChanged();
        }
    }

    /** Mean cross-entropy and accuracy at inference, in slices so a large split never holds all its outputs. */
    static double[] evaluate(TrainerNetwork network, TrainingImages images) {
        return evaluate(network, images, null);
    }

    /**
     * The same pass, also counting each image into {@code confusion} ({@code [true][predicted]}, may be null), so a
     * confusion matrix costs no second pass over the validation images.
     */
    static double[] evaluate(TrainerNetwork network, TrainingImages images, int[][] confusion) {
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < images.size(); from += EVALUATION_SLICE) {
            int to = Math.min(images.size(), from + EVALUATION_SLICE);
            float[][] p = network.probabilities(TrainingData.slice(images, from, to));
            for (int i = 0; i < p.length; i++) {
                int label = images.label(from + i);
                loss -= Math.log(Math.max(p[i][label], 1e-30));
                correct += CrossEntropy.argmax(p[i]) == label ? 1 : 0;
                if (confusion != null) {
                    ProbeNetwork.tally(confusion, label, p[i]);
                }
            }
        }
        return new double[] {loss / images.size(), correct / (double) images.size()};
    }

    private static Checkpoint.State afterEpoch(
            Checkpoint.State s, int epoch, boolean best, double accuracy, double loss, List<EpochResult> history) {
        return new Checkpoint.State(
                s.format(),
                s.sequence(),
                s.seed(),
                s.batchSize(),
                epoch,
                0,
                0,
                0,
                0,
                best ? epoch : s.bestEpoch(),
                best ? accuracy : s.bestValidationAccuracy(),
                best ? loss : s.bestValidationLoss(),
                List.copyOf(history),
                null,
                s.best());
    }

    /** The state after {@code batches} batches of the epoch after {@code state}'s last whole one. */
    private static Checkpoint.State partial(Checkpoint.State s, TrainingEpoch.Progress done, double seconds) {
        return new Checkpoint.State(
                s.format(),
                s.sequence(),
                s.seed(),
                s.batchSize(),
                s.epochsDone(),
                done.batchesDone(),
                done.lossSum(),
                done.correct(),
                seconds,
                s.bestEpoch(),
                s.bestValidationAccuracy(),
                s.bestValidationLoss(),
                s.history(),
                s.last(),
                s.best());
    }

    /** The blocks' own arrays: a checkpoint read fills them in place. */
    private static float[][] values(List<ParameterBlock> blocks) {
        return blocks.stream().map(ParameterBlock::values).toArray(float[][]::new);
    }

    private static float[][] copies(List<ParameterBlock> blocks) {
        return blocks.stream().map(b -> b.values().clone()).toArray(float[][]::new);
    }
}
