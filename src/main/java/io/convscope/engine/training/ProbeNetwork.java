package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.TrainableNetwork;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.ImageOutcome;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A second copy of a network being trained, compiled once, that runs with any parameters the run had: the current
 * ones (a probe image's overview re-run every few hundred steps) or a finished epoch's checkpoint (the network as it
 * was). Its own copy, so it never disturbs the training network and may run on another thread; each call copies the
 * parameters in (Tiny VGG: 20,000 floats) and runs one pass, nothing is compiled again.
 * <p>
 * Parameters are {@code float[][]}, one array per block of the trained network's {@code parameters()} in their order
 * (what {@link #copyParameters} and the checkpoints hold). Methods are synchronized: one pass at a time.
 */
public final class ProbeNetwork {

    /** Images scored per pass when a confusion matrix is counted, so a large split never holds all its outputs. */
    static final int SLICE = 256;

    private final TrainableNetwork network;

    private ProbeNetwork(TrainableNetwork network) {
        this.network = network;
    }

    /**
     * A copy of {@code trainer}; call on the training thread (or while it is paused): it writes the current parameters
     * into the trainer's DL4J network to compile the copy.
     */
    static ProbeNetwork of(TrainerNetwork trainer) throws IOException {
        try {
            return new ProbeNetwork(TrainableNetwork.compile(
                    trainer.toDl4j(),
                    trainer.inputShape(),
                    trainer.description().classes()));
        } catch (ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The network a run of {@code design} on {@code classes} with {@code seed} starts from, before its first step:
     * {@link TrainingSession} draws the same initial parameters from the seed. For showing a probe image before Start.
     */
    public static ProbeNetwork untrained(ArchitectureDesign design, List<String> classes, long seed)
            throws IOException {
        try (TrainerNetwork start = TrainableNetworks.create(design, classes, seed)) {
            return of(start);
        }
    }

    /** A copy of a loaded model (the bundled Tiny VGG, a model file), for trying the views without a training run. */
    public static ProbeNetwork of(LoadedModel model) throws ModelLoadException {
        return new ProbeNetwork(TrainableNetwork.forInference(model));
    }

    /** The trainer's parameters now, copied: on the training thread, between two steps. */
    static float[][] copyParameters(TrainerNetwork trainer) {
        return copy(trainer.parameters());
    }

    /** This copy's own parameters (as it was made, or as last run). */
    public synchronized float[][] parameters() {
        return copy(network.parameters());
    }

    private static float[][] copy(List<ParameterBlock> blocks) {
        return blocks.stream().map(b -> b.values().clone()).toArray(float[][]::new);
    }

    /** The layers, with the weights of {@code parameters} (the first layer's kernels, without a pass). */
    public synchronized NetworkDescription describe(float[][] parameters) {
        load(parameters);
        return network.liveDescription();
    }

    /** The overview of {@code image} (channel-major, the input shape) with {@code parameters}. */
    public synchronized ActivationSnapshot snapshot(float[][] parameters, float[] image) {
        load(parameters);
        return network.snapshot(image);
    }

    /**
     * The confusion matrix of {@code images} with {@code parameters}: {@code [true class][predicted class]} counts,
     * the prediction being the most probable class (the first on ties, as the trainer's accuracy counts it).
     */
    public synchronized int[][] confusion(float[][] parameters, TrainingImages images) {
        load(parameters);
        int classes = network.description().classes().size();
        int[][] counts = new int[classes][classes];
        for (int from = 0; from < images.size(); from += SLICE) {
            int to = Math.min(images.size(), from + SLICE);
            float[][] p = network.probabilities(TrainingData.slice(images, from, to));
            for (int i = 0; i < p.length; i++) {
                tally(counts, images.label(from + i), p[i]);
            }
        }
        return counts;
    }

    /**
     * Every image's outcome with {@code parameters}, in the order of {@code images}: the prediction exactly as
     * {@link #confusion} counts it (so a cell's images are as many as the cell says) with the probabilities of it and
     * of the true class. The loss is {@code -ln p(truth)} of the float probability, floored as the trainer's validation
     * loss is. About 100 bytes an image: a split of 10,000 keeps 1 MB.
     *
     * @param root     the folder the paths are made relative to (see {@link Evaluation#relative})
     * @param progress told after every slice; stopping it throws {@link CancellationException}
     */
    public synchronized List<ImageOutcome> outcomes(
            float[][] parameters, TrainingImages images, Path root, Evaluation.Progress progress) {
        load(parameters);
        List<ImageOutcome> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += SLICE) {
            int to = Math.min(images.size(), from + SLICE);
            float[][] p = network.probabilities(TrainingData.slice(images, from, to));
            for (int i = 0; i < p.length; i++) {
                int truth = images.label(from + i);
                int predicted = CrossEntropy.argmax(p[i]);
                out.add(new ImageOutcome(
                        Evaluation.relative(root, images.file(from + i)),
                        truth,
                        predicted,
                        p[i][truth],
                        p[i][predicted],
                        (float) -Math.log(Math.max(p[i][truth], 1e-30))));
            }
            progress.reached(to, images.size());
        }
        return out;
    }

    /**
     * Counts one scored image into a confusion matrix: a validation pass the session runs anyway (for the epoch's
     * accuracy) can fill the matrix as it goes, with no second pass.
     */
    static void tally(int[][] counts, int label, float[] probabilities) {
        counts[label][CrossEntropy.argmax(probabilities)]++;
    }

    private void load(float[][] parameters) {
        List<ParameterBlock> blocks = network.parameters();
        if (parameters.length != blocks.size()) {
            throw new IllegalArgumentException(
                    parameters.length + " parameter arrays for a network of " + blocks.size() + " blocks");
        }
        for (int i = 0; i < parameters.length; i++) {
            float[] into = blocks.get(i).values();
            if (parameters[i].length != into.length) {
                throw new IllegalArgumentException("parameter array " + i + " has " + parameters[i].length + " values; "
                        + blocks.get(i) + " needs " + into.length);
            }
            System.arraycopy(parameters[i], 0, into, 0, into.length);
        }
        network.parametersChanged();
    }
}
