package io.convscope.engine.training;

import io.convscope.engine.dataset.Augmentation;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The minibatches of one epoch as the {@link Trainer} runs them: a seeded shuffle, augmentation on every core, the
 * network's gradients, the optimiser's update at the schedule's rate and the weight average. Public so the JMH
 * benchmark times exactly this loop.
 */
public final class TrainingEpoch implements AutoCloseable {

    /** How far an epoch got: batches done, their summed loss and hits, and whether it was cancelled. */
    record Progress(int batchesDone, double lossSum, int correct, boolean cancelled) {}

    private final TrainerNetwork network;
    private final TrainingImages train;
    private final TrainingRecipe recipe;
    private final Optimiser optimiser;
    private final WeightAverage average;
    private final LearningRateSchedule schedule;
    private final int batchSize;
    private final long seed;

    TrainingEpoch(
            TrainerNetwork network,
            TrainingImages train,
            TrainingRecipe recipe,
            Optimiser optimiser,
            WeightAverage average,
            LearningRateSchedule schedule,
            int batchSize,
            long seed) {
        this.network = network;
        this.train = train;
        this.recipe = recipe;
        this.optimiser = optimiser;
        this.average = average;
        this.schedule = schedule;
        // A batch larger than the data set is the whole data set (and batch + n - 1 must not overflow).
        this.batchSize = Math.min(batchSize, train.size());
        this.seed = seed;
    }

    /** Tiny VGG with the standard recipe on {@code data}'s {@code train/<label>/} images, for timing epochs. */
    public static TrainingEpoch tinyVgg(Path data, int batchSize, long seed) throws IOException {
        ImageFolderDataset dataset = ImageFolderDataset.open(data);
        ArchitectureDesign design = ArchitectureDesign.tinyVgg(dataset.classes().size());
        TrainerNetwork network = TrainableNetworks.create(design, dataset.classes(), seed);
        TrainingImages images = TrainingImages.check(
                        dataset.train(),
                        design.inputShape(),
                        TrainingImages.defaultCacheBudget(),
                        TrainingImages.Progress.NONE)
                .images();
        TrainingRecipe recipe = TrainingRecipe.standard(0.002);
        List<ParameterBlock> blocks = network.parameters();
        return new TrainingEpoch(
                network, images, recipe, recipe.optimiser(blocks), null, recipe.schedule(100), batchSize, seed);
    }

    /** Runs all of epoch {@code epoch} and returns its mean training loss. */
    public double run(int epoch) throws IOException {
        Progress p = run(epoch, new Progress(0, 0, 0, false), () -> false, new Trainer.Listener() {});
        return p.lossSum() / train.size();
    }

    int batchSize() {
        return batchSize;
    }

    int batches() {
        return (train.size() + batchSize - 1) / batchSize;
    }

    /** Continues epoch {@code epoch} after {@code from}; a cancel is seen before every batch. */
    Progress run(int epoch, Progress from, BooleanSupplier cancelled, Trainer.Listener listener) throws IOException {
        int size = network.inputShape().height();
        List<ParameterBlock> blocks = network.parameters();
        // One generator per epoch, derived from the seed: a resumed run sees the same batches as an unbroken one.
        Random rng = new Random(seed * 1_000_003L + epoch);
        int[] order = shuffled(train.size(), rng);
        long[] imageSeeds = rng.longs(train.size()).toArray();
        int batches = batches();
        double lossSum = from.lossSum();
        int correct = from.correct();
        for (int b = from.batchesDone(); b < batches; b++) {
            if (cancelled.getAsBoolean()) {
                return new Progress(b, lossSum, correct, true);
            }
            int first = b * batchSize;
            int n = Math.min(batchSize, train.size() - first);
            float[][] images = new float[n][];
            int[] labels = new int[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int index = order[first + i];
                float[] image = TrainingData.image(train, index);
                images[i] = recipe.augment() ? augmented(image, size, imageSeeds[first + i]) : image;
                labels[i] = train.label(index);
            });
            Gradients g = network.lossGradients(images, labels, recipe.labelSmoothing(), imageSeeds[first]);
            double lr = schedule.rate(epoch, b, batches);
            optimiser.update(blocks, g.parameters().toArray(float[][]::new), lr);
            if (average != null) {
                average.update(blocks);
            }
            network.parametersChanged();
            requireFinite(g.loss(), blocks, epoch, b + 1, lr);
            lossSum += g.loss() * n;
            correct += g.correct();
            listener.batchDone(epoch, b + 1, g.loss());
        }
        return new Progress(batches, lossSum, correct, false);
    }

    private static float[] augmented(float[] image, int size, long seed) {
        float[] x = new float[image.length];
        Augmentation.apply(image, size, new Random(seed), x);
        return x;
    }

    /**
     * A learning rate far too large makes the loss and then the weights overflow; a model of NaNs must never be
     * written as if it had learnt something. The checkpoint keeps the last finite state.
     */
    private static void requireFinite(double batchLoss, List<ParameterBlock> blocks, int epoch, int batch, double lr)
            throws IOException {
        boolean finite = Double.isFinite(batchLoss);
        for (int p = 0; p < blocks.size() && finite; p++) {
            for (float w : blocks.get(p).values()) {
                if (!Float.isFinite(w)) {
                    finite = false;
                    break;
                }
            }
        }
        if (!finite) {
            throw new TrainingDivergedException(epoch, batch, lr);
        }
    }

    private static int[] shuffled(int n, Random rng) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public void close() {
        network.close();
    }
}
