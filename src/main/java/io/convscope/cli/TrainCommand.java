package io.convscope.cli;

import io.convscope.engine.ModelStore;
import io.convscope.engine.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train Tiny VGG on DIR/train/<label>/ and DIR/val/<label>/ (class order from DIR/classes.tsv).")
final class TrainCommand implements Callable<Integer> {

    /** How long a stop signal waits for the checkpoint and the model to be written before the JVM exits anyway. */
    private static final long STOP_GRACE_SECONDS = 300;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The image-folder data set.")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the model zip (+ .json metadata).")
    Path out;

    @Option(
            names = "--epochs",
            defaultValue = "120",
            parameterConsumer = InRange.class,
            description = "Most epochs to run, 1 to 100000 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 100_000)
    int epochs;

    @Option(
            names = "--seed",
            defaultValue = "42",
            parameterConsumer = InRange.class,
            description = "Random seed, any whole number (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--batch",
            defaultValue = "32",
            parameterConsumer = InRange.class,
            description = "Minibatch size, 1 to 4096 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 4096)
    int batch;

    @Option(
            names = "--patience",
            defaultValue = "25",
            parameterConsumer = InRange.class,
            description = "Stop after this many epochs without a better validation accuracy, 1 to 100000 "
                    + "(default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 100_000)
    int patience;

    // Above 1, Adam's steps are as large as the weights themselves: such a run only diverges.
    @Option(
            names = "--lr",
            defaultValue = "0.002",
            parameterConsumer = InRange.class,
            description = "Adam's initial learning rate, above 0 and at most 1 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 1, minExclusive = true)
    double learningRate;

    @Option(names = "--resume", description = "Continue from the checkpoint beside --out.")
    boolean resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new ConvScopeCommand.UserError("data folder " + data + " does not exist");
        }
        try {
            ModelStore.checkWritable(out);
        } catch (IOException e) {
            throw new ConvScopeCommand.UserError("--out: " + e.getMessage());
        }
        PrintWriter pw = spec.commandLine().getOut();
        String command = "convscope train --data " + data + " --out " + out + " --epochs " + epochs + " --seed " + seed
                + " --batch " + batch + " --patience " + patience + " --lr " + learningRate;
        Trainer trainer = new Trainer(
                new Trainer.Options(data, out, epochs, seed, batch, patience, learningRate, 1e-4, resume, command));
        // Ctrl+C or SIGTERM: the JVM runs this hook and exits when it returns, so the hook asks the trainer to stop
        // after the current batch and waits until the checkpoint (and the best model so far) are written.
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.set(true);
                    try {
                        if (!finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                            System.err.println(
                                    "convscope: training did not stop within " + STOP_GRACE_SECONDS + " s; exiting");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "convscope-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return train(trainer, pw, stop);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has just been released
            }
        }
    }

    private int train(Trainer trainer, PrintWriter pw, AtomicBoolean stop) throws IOException {
        pw.println("Loading " + data + " ...");
        pw.flush();
        Trainer.Result r;
        try (TrainProgress progress = new TrainProgress(pw, epochs, resume, trainer.checkpointDir())) {
            r = trainer.train(progress, stop::get);
        }
        if (r.cancelled() && r.epochsRun() == 0 && r.batchesIntoNextEpoch() == 0) {
            pw.println("Stopped before the first batch; nothing was written.");
            pw.flush();
            return 1;
        }
        if (r.cancelled()) {
            pw.printf(
                    Locale.ROOT,
                    "Stopped after %d epochs%s; --resume continues from the checkpoint in %s%n",
                    r.epochsRun(),
                    r.batchesIntoNextEpoch() > 0 ? " and " + r.batchesIntoNextEpoch() + " batches" : "",
                    trainer.checkpointDir());
        }
        if (r.model() == null) {
            pw.println("No epoch finished yet, so no model was written.");
            pw.flush();
            return 1;
        }
        pw.printf(
                Locale.ROOT,
                "%s: train %.1f %%, validation %.1f %%. Wrote %s%n",
                (r.cancelled() ? "Best epoch " : "Done after " + r.epochsRun() + " epochs; best epoch ")
                        + r.bestEpoch(),
                100 * r.trainAccuracy(),
                100 * r.validationAccuracy(),
                r.model());
        pw.flush();
        return 0;
    }
}
