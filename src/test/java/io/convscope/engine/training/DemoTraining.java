package io.convscope.engine.training;

import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.KernelStep;
import io.convscope.network.NetworkDescription;
import io.convscope.network.design.ArchitectureDesign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A Tiny VGG trained from scratch the way the Train workspace will: the real {@link TrainingEpoch} loop over the
 * inspector's network and optimiser, a probe copy, and every finished epoch's parameters kept (the workspace keeps
 * them as checkpoints). For the components' dev launcher and UI tests, and as an example of the wiring: every
 * method runs on the caller's thread, which must be one training thread.
 */
public final class DemoTraining implements AutoCloseable {

    private final TrainerNetwork network;
    private final StepInspector inspector;
    private final Optimiser optimiser;
    private final TrainingEpoch epochs;
    private final ProbeNetwork probe;
    private final TrainingImages validation;
    private final List<float[][]> finished = new ArrayList<>();
    private final int batchesPerEpoch;
    private int epoch = 1;
    private int batch;

    private DemoTraining(ImageFolderDataset dataset, int batchSize, long seed) throws IOException {
        ArchitectureDesign design = ArchitectureDesign.tinyVgg(dataset.classes().size());
        TrainingData data = TrainingData.load(dataset, design.inputShape(), s -> {});
        TrainerNetwork plain = TrainableNetworks.create(design, dataset.classes(), seed);
        inspector = new StepInspector(plain);
        network = inspector.network();
        TrainingRecipe recipe = TrainingRecipe.standard(0.002);
        optimiser = inspector.watch(recipe.optimiser(network.parameters()));
        epochs =
                new TrainingEpoch(network, data.train(), recipe, optimiser, null, recipe.schedule(20), batchSize, seed);
        batchesPerEpoch = epochs.batches();
        probe = ProbeNetwork.of(network);
        validation = data.validation();
    }

    /** Images of a folder of class sub-folders, split by {@code seed} (a quarter held out for validation). */
    public static DemoTraining of(Path folder, int batchSize, long seed) throws IOException {
        return new DemoTraining(ImageFolderDataset.open(folder, seed, 0.25), batchSize, seed);
    }

    /** Three colour classes of 16 noisy images each, written into {@code dir}: no data set needed. */
    public static DemoTraining synthetic(Path dir, long seed) throws IOException {
        return of(DesignedTrainingTest.plainFolder(dir), 8, seed);
    }

    public NetworkDescription description() {
        return network.description();
    }

    /** One batch, recorded for {@code kernel}. */
    public KernelStep step(StepInspector.KernelChoice kernel) throws IOException {
        KernelStep[] seen = new KernelStep[1];
        inspector.arm(kernel, s -> seen[0] = s);
        run(1, () -> false, b -> {});
        return seen[0];
    }

    /** The rest of the current epoch, or until {@code cancelled}; {@code batchDone} after every batch. */
    public void finishEpoch(BooleanSupplier cancelled, IntConsumer batchDone) throws IOException {
        run(Integer.MAX_VALUE, cancelled, batchDone);
    }

    private void run(int batches, BooleanSupplier cancelled, IntConsumer batchDone) throws IOException {
        int[] left = {batches};
        TrainingEpoch.Progress p = epochs.run(
                epoch,
                new TrainingEpoch.Progress(batch, 0, 0, false),
                () -> left[0]-- <= 0 || cancelled.getAsBoolean(),
                new Trainer.Listener() {
                    @Override
                    public void batchDone(int e, int b, double loss) {
                        batchDone.accept(b);
                    }
                });
        batch = p.batchesDone();
        if (!p.cancelled()) {
            finished.add(ProbeNetwork.copyParameters(network));
            epoch++;
            batch = 0;
        }
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    public int finishedEpochs() {
        return finished.size();
    }

    /** The parameters now. */
    public float[][] parameters() {
        return ProbeNetwork.copyParameters(network);
    }

    /** The parameters at the end of epoch {@code n} (from 1). */
    public float[][] parametersAfter(int n) {
        return finished.get(n - 1);
    }

    public ActivationSnapshot probe(float[][] parameters, float[] image) {
        return probe.snapshot(parameters, image);
    }

    public NetworkDescription describe(float[][] parameters) {
        return probe.describe(parameters);
    }

    public int[][] confusion(float[][] parameters) {
        return probe.confusion(parameters, validation);
    }

    /** A validation image, as the network sees it. */
    public float[] validationImage(int index) {
        return TrainingData.image(validation, index);
    }

    @Override
    public void close() {
        epochs.close();
    }
}
