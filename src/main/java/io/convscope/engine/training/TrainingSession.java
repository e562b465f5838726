package io.convscope.engine.training;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A training run the app drives: the {@link Trainer}'s own epoch loop ({@link TrainingEpoch}, the recipe, the
 * evaluation) on a background thread that can be paused (it then waits on a monitor and costs no CPU), resumed,
 * stopped, or moved on by exactly one batch ({@link #step}). Every finished epoch's parameters are kept on disk
 * (bounded by bytes), so any kept epoch can be looked at again ({@link #weightsOf}, {@link #modelOf}) or exported as
 * an ordinary DL4J model with its metadata ({@link #export}, {@link #useModel}).
 *
 * <p>Threads: the listener hears everything on the training thread and must hand it on (the app coalesces it for the
 * FX thread); every other method may be called from any thread. The weights of a run with the same settings and
 * seed are the same whether it was paused, stepped or not, and the same as the {@code train} command's.
 */
public final class TrainingSession implements AutoCloseable {

    public enum Phase {
        /** Opening and checking the data set, building the network. */
        PREPARING,
        RUNNING,
        /** Waiting between two batches until resumed, stepped or stopped. */
        PAUSED,
        /** Every epoch ran. */
        FINISHED,
        /** Stopped by the student; finished epochs stay usable. */
        STOPPED,
        /** A problem ended the run; {@link Listener#failed} said which. */
        FAILED;

        public boolean ended() {
            return this == FINISHED || this == STOPPED || this == FAILED;
        }
    }

    /** What the run trains on, once prepared. */
    public record Prepared(
            ArchitectureDesign design,
            List<String> classes,
            int trainImages,
            int validationImages,
            int skippedImages,
            int batchSize,
            int batchesPerEpoch,
            int epochs) {}

    /**
     * One batch done: its mean loss and the learning rate it was updated with; images per second over the recent
     * batches (pauses excluded) and the seconds the rest of the run should take at that speed.
     */
    public record BatchReport(
            int epoch,
            int batch,
            int batchesPerEpoch,
            int images,
            double loss,
            double learningRate,
            double imagesPerSecond,
            double secondsLeft) {}

    /** What a run tells, on its training thread. */
    public interface Listener {
        default void phaseChanged(Phase phase) {}

        default void prepared(Prepared prepared) {}

        default void batchDone(BatchReport report) {}

        default void epochDone(Trainer.EpochResult result) {}

        /** A sentence about the data: the memory estimate, unreadable files skipped. */
        default void note(String sentence) {}

        /**
         * Why the run ended early: an exception whose message is our sentence (a typed one, such as a data set's
         * {@code DatasetException}, can be told in the app's language), or an {@link OutOfMemoryError}, or a bug's or
         * a library's error (logged). The phase becomes {@link Phase#FAILED} after it.
         */
        default void failed(Throwable cause) {}
    }

    /** Epoch checkpoints may take this much disk by default: 45 epochs of a 1.5 M-parameter network (Tiny VGG: 80 kB). */
    public static final long DEFAULT_CHECKPOINT_BYTES = 256L << 20;

    private final RunSettings settings;
    private final Listener listener;
    private final SessionGate gate;
    private final SessionFiles files;
    private final EpochWeights epochs;
    private final Thread thread;
    /** Deletes the scratch folder if the app exits with the session open. */
    private final Thread cleanup;

    private final List<Trainer.EpochResult> history = new ArrayList<>();
    private TrainingData preloaded;
    private volatile Phase phase = Phase.PREPARING;
    // Set once prepared, read by exports on other threads.
    private volatile ArchitectureDesign design;
    private volatile TrainingData data;
    private volatile int batchSize;
    private volatile TrainerNetwork network;
    private volatile int bestEpoch;
    private final RunInsight insight = new RunInsight();

    private TrainingSession(
            RunSettings settings, TrainingData preloaded, Listener listener, boolean paused, long checkpointBytes)
            throws IOException {
        this.settings = settings;
        this.preloaded = preloaded;
        this.listener = listener;
        this.gate = new SessionGate(paused, waiting -> phase(waiting ? Phase.PAUSED : Phase.RUNNING));
        this.files = new SessionFiles(Files.createTempDirectory("convscope-training-"), checkpointBytes);
        this.epochs = files.epochs();
        this.cleanup = new Thread(files::deleteAll, "convscope-training-cleanup");
        this.thread = new Thread(this::run, "convscope-training");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1); // the window's thread comes first
    }

    /**
     * Starts a run on its own thread. {@code data}, when given, is the data set already opened and checked at the
     * design's input size with the settings' seed (the app checked it to show its summary); else it is loaded here.
     *
     * @param paused start paused: the first {@link #step} then runs the first batch
     * @throws IOException when the settings are not usable (a sentence naming the field)
     */
    public static TrainingSession start(RunSettings settings, TrainingData data, Listener listener, boolean paused)
            throws IOException {
        return start(settings, data, listener, paused, DEFAULT_CHECKPOINT_BYTES);
    }

    public static TrainingSession start(
            RunSettings settings, TrainingData data, Listener listener, boolean paused, long checkpointBytes)
            throws IOException {
        if (settings.data() == null) {
            throw new IOException("choose a data set folder first");
        }
        String problem = settings.problem();
        if (problem != null) {
            throw new IOException(problem);
        }
        TrainingSession s = new TrainingSession(settings, data, listener, paused, checkpointBytes);
        Runtime.getRuntime().addShutdownHook(s.cleanup);
        s.thread.start();
        return s;
    }

    public void pause() {
        gate.pause();
    }

    public void resume() {
        gate.resume();
    }

    /** Paused: runs exactly one more batch, then waits again. Running: pauses before the next batch. */
    public void step() {
        gate.step();
    }

    /** Ends the run before its next batch; the epochs finished so far stay usable. */
    public void stop() {
        gate.stop();
    }

    public Phase phase() {
        return phase;
    }

    public RunSettings settings() {
        return settings;
    }

    /** The epochs whose parameters are kept (all finished ones, unless their bytes passed the budget). */
    public List<Integer> keptEpochs() {
        return epochs.epochs();
    }

    /** The epoch with the best validation accuracy so far (ties: the lower loss), 0 before the first. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public synchronized List<Trainer.EpochResult> history() {
        return List.copyOf(history);
    }

    /**
     * Epoch {@code epoch}'s parameters, as copies in the live network's block order (layer, DL4J layer name, key and
     * role as {@link ParameterBlock} describes them): a kernel grid reads the convolution weights from here.
     */
    public List<ParameterBlock> weightsOf(int epoch) throws IOException {
        List<ParameterBlock> live = requirePrepared().parameters();
        float[][] values = live.stream().map(b -> new float[b.size()]).toArray(float[][]::new);
        epochs.read(epoch, values);
        List<ParameterBlock> out = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            ParameterBlock b = live.get(i);
            out.add(new ParameterBlock(b.layer(), b.dl4jLayer(), b.key(), b.role(), values[i]));
        }
        return out;
    }

    /**
     * Runs {@code look} on the live parameters while the run is paused (the training thread is parked and cannot
     * change them meanwhile); null when it is not paused.
     */
    public <T> T whilePaused(Function<List<ParameterBlock>, T> look) {
        TrainerNetwork n = network;
        return n == null ? null : gate.whileParked(() -> look.apply(n.parameters()));
    }

    /**
     * Writes epoch {@code epoch} ({@code 0}: the best one) as an ordinary DL4J model zip with its metadata (classes,
     * input size, architecture, data set, split, seed, accuracies measured on the exported network) and split file,
     * as one atomic set; returns {@code zip}.
     */
    public Path export(int epoch, Path zip) throws IOException {
        return write(epoch, zip, false);
    }

    /**
     * "Use this model": epoch {@code epoch} ({@code 0}: the best) exported into a folder of its own under the
     * temporary folder that outlives this session, for the app to load; returns the zip.
     */
    public Path useModel(int epoch) throws IOException {
        return write(epoch, SessionFiles.usedModel(chosen(epoch)), false);
    }

    /**
     * {@link #useModel(int)} for a quick look (opening one validation image through the epoch's network): the metadata
     * takes the accuracies the run recorded in that epoch, as the scrubber's copy does, instead of scoring both splits
     * again.
     */
    public Path useModelAsRecorded(int epoch) throws IOException {
        return write(epoch, SessionFiles.usedModel(chosen(epoch)), true);
    }

    /**
     * The network as it was after epoch {@code epoch}, loaded as any model is (for the scrubber's overview). Its
     * metadata records the accuracies the run measured then rather than scoring both splits again, so this takes
     * a fraction of a second for Tiny VGG; call it off the FX thread.
     */
    public LoadedModel modelOf(int epoch) throws IOException {
        Path zip = write(epoch, files.scrubbed(chosen(epoch)), true);
        try {
            return ModelLoader.load(zip);
        } catch (ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** What the app may watch inside the run: batches and epochs, a step's kernel update, the probe copy. */
    public RunInsight insight() {
        return insight;
    }

    /** The images scored after every epoch; null until prepared. */
    public TrainingImages validation() {
        TrainingData d = data;
        return d == null ? null : d.validation();
    }

    /** Waits until the run has ended (tests and benchmarks; the app listens for the phase instead). */
    public void awaitEnd() throws InterruptedException {
        thread.join();
    }

    /** Stops the run, waits for its thread and deletes its epoch checkpoints (exports made with useModel stay). */
    @Override
    public void close() throws IOException {
        gate.stop();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook deletes the folder
        }
        files.deleteAll();
    }

    private int chosen(int epoch) throws IOException {
        int e = epoch <= 0 ? bestEpoch : epoch;
        if (e <= 0) {
            throw new IOException("no epoch has finished yet, so there is no trained model to use");
        }
        return e;
    }

    private Path write(int epoch, Path zip, boolean recordedFigures) throws IOException {
        int e = chosen(epoch);
        requirePrepared();
        return files.write(e, zip, design, data, settings, history(), recordedFigures);
    }

    private TrainerNetwork requirePrepared() throws IOException {
        TrainerNetwork n = network;
        if (n == null) {
            throw new IOException("the run has not started training yet");
        }
        return n;
    }

    private void phase(Phase p) {
        phase = p;
        listener.phaseChanged(p);
    }

    private void run() {
        try {
            prepare();
            phase(Phase.RUNNING); // a run started paused reports PAUSED as soon as it waits for its first step
            new SessionLoop(this, settings, network, data, gate, listener).run();
            phase(gate.stopped() ? Phase.STOPPED : Phase.FINISHED);
        } catch (IOException | DesignException | OutOfMemoryError e) {
            fail(e);
        } catch (UncheckedIOException e) {
            fail(e.getCause());
        } catch (RuntimeException e) {
            System.err.println("ConvScope: the training run stopped on an unexpected error");
            e.printStackTrace();
            fail(e);
        }
    }

    private void fail(Throwable cause) {
        listener.failed(cause);
        phase(Phase.FAILED);
    }

    private void prepare() throws IOException, DesignException {
        phase(Phase.PREPARING);
        TrainingData given = preloaded;
        preloaded = null;
        ImageFolderDataset dataset = matches(given)
                ? given.dataset()
                : ImageFolderDataset.open(settings.data(), settings.seed(), DatasetSplit.DEFAULT_VALIDATION_FRACTION);
        ArchitectureDesign d = settings.design().withClasses(dataset.classes().size());
        d.layers();
        int batch = Math.min(settings.batchSize(), Math.max(1, dataset.train().size()));
        TrainableNetworks.requireFits(d, batch, TrainableNetworks.freeHeap());
        TrainingData loaded = matches(given) && given.train().input().equals(d.inputShape())
                ? given
                : TrainingData.load(dataset, d.inputShape(), listener::note);
        design = d;
        data = loaded;
        batchSize = Math.min(settings.batchSize(), loaded.train().size());
        network = TrainableNetworks.create(d, dataset.classes(), settings.seed());
        listener.prepared(new Prepared(
                d,
                dataset.classes(),
                loaded.train().size(),
                loaded.validation().size(),
                loaded.skipped(),
                batchSize,
                (loaded.train().size() + batchSize - 1) / batchSize,
                settings.epochs()));
    }

    /** Data checked for this folder with this seed's split (a train/val folder has no split to differ in). */
    private boolean matches(TrainingData given) {
        if (given == null) {
            return false;
        }
        ImageFolderDataset d = given.dataset();
        return d.root()
                        .toAbsolutePath()
                        .normalize()
                        .equals(settings.data().toAbsolutePath().normalize())
                && (d.split() == null || d.split().seed() == settings.seed());
    }

    /** Called by the loop on the training thread after each epoch's checkpoint is on disk. */
    synchronized void epochFinished(Trainer.EpochResult result, float[][] values) throws IOException {
        int best = result.best() ? result.epoch() : bestEpoch;
        epochs.save(result.epoch(), values, best);
        history.add(result);
        bestEpoch = best;
    }
}
