package io.convscope.engine.training;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;
import io.convscope.engine.TinyVgg;
import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.Shape;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Trains Tiny VGG on an image-folder data set: augmented minibatches, AdamW with a cosine learning-rate decay,
 * a fixed seed (the same run gives the same model), early stopping on validation accuracy, a checkpoint after every
 * epoch that {@code resume} continues from, and an atomic write of the best model and its metadata.
 */
public final class Trainer {

    /** What to train and how. */
    public record Options(
            Path data,
            Path out,
            int maxEpochs,
            long seed,
            int batchSize,
            int patience,
            double learningRate,
            double weightDecay,
            boolean resume,
            String command) {}

    /** Progress callbacks, called on the training thread. */
    public interface Listener {
        /** {@code firstBatch} is above 1 when a resume continues in the middle of {@code firstEpoch}. */
        default void started(int firstEpoch, int firstBatch, int maxEpochs, int batchesPerEpoch) {}

        default void batchDone(int epoch, int batch, double loss) {}

        default void epochDone(EpochResult result) {}
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

    private final Options options;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

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
        ImageFolderDataset data = ImageFolderDataset.open(options.data());
        int size = TinyVgg.INPUT_SIZE;
        float[][] train = loadAll(data.train(), size, size);
        float[][] val = loadAll(data.validation(), size, size);
        if (train.length == 0 || val.length == 0) {
            throw new IOException(
                    options.data() + " has no images in " + (train.length == 0 ? "train" : "val") + "/<label>/");
        }
        int[] trainLabels =
                data.train().stream().mapToInt(ImageFolderDataset.Sample::label).toArray();
        int[] valLabels = data.validation().stream()
                .mapToInt(ImageFolderDataset.Sample::label)
                .toArray();
        int classes = data.classes().size();

        Checkpoint checkpoint = new Checkpoint(checkpointDir());
        TinyVggTrainable model = TinyVggTrainable.initialise(options.seed(), classes);
        AdamW adam = new AdamW(model.params);
        Checkpoint.State state = checkpoint.fresh(options.seed(), options.batchSize());
        if (options.resume()) {
            Optional<Checkpoint.State> saved = checkpoint.read(model.params, adam);
            if (saved.isPresent()) {
                state = saved.get();
                if (state.seed() != options.seed() || state.batchSize() != options.batchSize()) {
                    throw new IOException("the checkpoint in " + checkpoint.dir() + " was trained with seed "
                            + state.seed() + " and batch size " + state.batchSize() + "; resume with the same values");
                }
            }
        }

        // A batch larger than the data set is the whole data set (and batch + n - 1 must not overflow).
        int batchSize = Math.min(options.batchSize(), train.length);
        int batches = (train.length + batchSize - 1) / batchSize;
        listener.started(state.epochsDone() + 1, state.batchesDone() + 1, options.maxEpochs(), batches);
        boolean wasCancelled = false;
        List<EpochResult> history = new ArrayList<>(state.history());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "convscope-train");
            t.setDaemon(true);
            return t;
        });
        TinyVggTrainable.Workspace[] ws = new TinyVggTrainable.Workspace[threads];
        for (int t = 0; t < threads; t++) {
            ws[t] = model.new Workspace();
        }
        try {
            for (int epoch = state.epochsDone() + 1; epoch <= options.maxEpochs() && !wasCancelled; epoch++) {
                if (state.bestEpoch() > 0 && epoch - state.bestEpoch() > options.patience()) {
                    break;
                }
                long t0 = System.nanoTime() - (long) (state.partialSeconds() * 1e9);
                // One generator per epoch, derived from the seed: a resumed run sees the same batches as an unbroken
                // one.
                Random rng = new Random(options.seed() * 1_000_003L + epoch);
                int[] order = shuffled(train.length, rng);
                long[] imageSeeds = rng.longs(train.length).toArray();
                double lr = learningRate(epoch);
                double lossSum = state.partialLoss();
                int correct = state.partialCorrect();
                int b = state.batchesDone();
                for (; b < batches; b++) {
                    if (cancelled.getAsBoolean()) {
                        wasCancelled = true;
                        break;
                    }
                    int from = b * batchSize;
                    int n = Math.min(batchSize, train.length - from);
                    runParallel(pool, ws, n, (w, i) -> {
                        int idx = order[from + i];
                        float[] x = new float[train[idx].length];
                        Augmentation.apply(train[idx], size, new Random(imageSeeds[from + i]), x);
                        w.accumulate(x, trainLabels[idx], 1f / n);
                    });
                    double batchLoss = 0;
                    for (TinyVggTrainable.Workspace w : ws) {
                        batchLoss += w.loss;
                        correct += w.correct;
                    }
                    for (int t = 1; t < threads; t++) {
                        for (int p = 0; p < ws[0].grads.length; p++) {
                            float[] g0 = ws[0].grads[p];
                            float[] gt = ws[t].grads[p];
                            for (int i = 0; i < g0.length; i++) {
                                g0[i] += gt[i];
                            }
                        }
                    }
                    adam.update(model.params, ws[0].grads, lr, options.weightDecay());
                    requireFinite(batchLoss, model.params, epoch, b + 1, lr);
                    lossSum += batchLoss;
                    listener.batchDone(epoch, b + 1, batchLoss / n);
                }
                if (wasCancelled) {
                    if (b > state.batchesDone()) {
                        state = checkpoint.write(
                                partial(state, b, lossSum, correct, (System.nanoTime() - t0) / 1e9),
                                model.params,
                                adam,
                                false);
                    }
                    break;
                }
                double[] valStats = evaluate(pool, ws, val, valLabels);
                boolean best = valStats[1] > state.bestValidationAccuracy()
                        || (valStats[1] == state.bestValidationAccuracy() && valStats[0] < state.bestValidationLoss());
                EpochResult result = new EpochResult(
                        epoch,
                        lossSum / train.length,
                        correct / (double) train.length,
                        valStats[0],
                        valStats[1],
                        best,
                        (System.nanoTime() - t0) / 1e9);
                history.add(result);
                state = checkpoint.write(
                        new Checkpoint.State(
                                state.format(),
                                state.sequence(),
                                state.seed(),
                                state.batchSize(),
                                epoch,
                                0,
                                0,
                                0,
                                0,
                                best ? epoch : state.bestEpoch(),
                                best ? valStats[1] : state.bestValidationAccuracy(),
                                best ? valStats[0] : state.bestValidationLoss(),
                                List.copyOf(history),
                                null,
                                state.best()),
                        model.params,
                        adam,
                        best);
                listener.epochDone(result);
            }
        } finally {
            pool.shutdownNow();
        }

        if (state.best() == null) {
            return new Result(null, state.epochsDone(), state.batchesDone(), 0, 0, 0, true);
        }
        float[][] bestParams = new float[model.params.length][];
        for (int i = 0; i < bestParams.length; i++) {
            bestParams[i] = new float[model.params[i].length];
        }
        checkpoint.readBest(state, bestParams);
        MultiLayerNetwork net = TinyVggTrainable.of(bestParams, classes).toDl4j(options.seed());
        ModelMetadata untrained = new ModelMetadata("Tiny VGG", data.classes(), size, size, 3, null);
        // Final figures come from the exported network through the app's own forward pass.
        CompiledNetwork compiled;
        try {
            compiled = Dl4jCompiler.compile(net, new Shape(3, size, size), data.classes(), "Tiny VGG");
        } catch (ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        double trainAccuracy = accuracy(compiled, train, trainLabels);
        double valAccuracy = accuracy(compiled, val, valLabels);
        Path dataPath = options.data().toAbsolutePath().normalize();
        ModelMetadata metadata = untrained.withTraining(new ModelMetadata.Training(
                dataPath.getFileName().toString(),
                options.seed(),
                state.epochsDone(),
                state.bestEpoch(),
                trainAccuracy,
                valAccuracy,
                options.command(),
                Instant.now().toString(),
                dataPath.toString(),
                DesignFiles.toJson(ArchitectureDesign.tinyVgg(classes)),
                ModelMetadata.Split.of(data, options.out()),
                0));
        ModelStore.save(net, metadata, options.out(), data.split());
        return new Result(
                options.out(),
                state.epochsDone(),
                state.batchesDone(),
                state.bestEpoch(),
                trainAccuracy,
                valAccuracy,
                wasCancelled);
    }

    /** The state after {@code batches} batches of the epoch after {@code state}'s last whole one. */
    private static Checkpoint.State partial(Checkpoint.State s, int batches, double loss, int correct, double seconds) {
        return new Checkpoint.State(
                s.format(),
                s.sequence(),
                s.seed(),
                s.batchSize(),
                s.epochsDone(),
                batches,
                loss,
                correct,
                seconds,
                s.bestEpoch(),
                s.bestValidationAccuracy(),
                s.bestValidationLoss(),
                s.history(),
                s.last(),
                s.best());
    }

    /**
     * A learning rate far too large makes the loss and then the weights overflow; a model of NaNs must never be
     * written as if it had learnt something. The checkpoint keeps the last finite state.
     */
    private static void requireFinite(double batchLoss, float[][] params, int epoch, int batch, double lr)
            throws IOException {
        boolean finite = Double.isFinite(batchLoss);
        for (int p = 0; p < params.length && finite; p++) {
            for (float w : params[p]) {
                if (!Float.isFinite(w)) {
                    finite = false;
                    break;
                }
            }
        }
        if (!finite) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "training diverged in epoch %d, batch %d: the loss or "
                            + "the weights are no longer finite numbers, so no model was written; train again with a smaller "
                            + "learning rate than %.3g",
                    epoch,
                    batch,
                    lr));
        }
    }

    /** Cosine decay from the initial rate to 2 % of it over the planned epochs. */
    double learningRate(int epoch) {
        double cos = 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / options.maxEpochs()));
        return options.learningRate() * (0.02 + 0.98 * cos);
    }

    @FunctionalInterface
    private interface ImageTask {
        void run(TinyVggTrainable.Workspace w, int index);
    }

    /** Thread t handles images t, t + threads, ...; each writes only its own workspace. */
    private void runParallel(ExecutorService pool, TinyVggTrainable.Workspace[] ws, int n, ImageTask task)
            throws IOException {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ws[t].reset();
            futures.add(pool.submit(() -> {
                for (int i = thread; i < n; i += threads) {
                    task.run(ws[thread], i);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("training failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Returns {mean cross-entropy, accuracy} with the training forward pass (no augmentation). */
    private double[] evaluate(ExecutorService pool, TinyVggTrainable.Workspace[] ws, float[][] images, int[] labels)
            throws IOException {
        runParallel(pool, ws, images.length, (w, i) -> {
            w.forward(images[i]);
            w.loss -= Math.log(Math.max(w.probabilities[labels[i]], 1e-30));
            int best = 0;
            for (int o = 1; o < w.probabilities.length; o++) {
                if (w.probabilities[o] > w.probabilities[best]) {
                    best = o;
                }
            }
            if (best == labels[i]) {
                w.correct++;
            }
        });
        double loss = 0;
        int correct = 0;
        for (TinyVggTrainable.Workspace w : ws) {
            loss += w.loss;
            correct += w.correct;
        }
        return new double[] {loss / images.length, correct / (double) images.length};
    }

    private static double accuracy(CompiledNetwork net, float[][] images, int[] labels) {
        long correct = IntStream.range(0, images.length)
                .parallel()
                .filter(i -> net.forward(images[i]).topClass() == labels[i])
                .count();
        return correct / (double) images.length;
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

    /** Decodes every image once, in parallel; training then never touches the disk. */
    static float[][] loadAll(List<ImageFolderDataset.Sample> samples, int height, int width) throws IOException {
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        float[][] images = new float[samples.size()][];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            try {
                images[i] = ImagePreprocessor.load(samples.get(i).file(), height, width);
            } catch (ImageInputException e) {
                failures.put(i, e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " images could not be read, e.g. "
                    + failures.values().iterator().next());
        }
        return images;
    }
}
