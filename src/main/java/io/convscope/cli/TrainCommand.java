package io.convscope.cli;

import io.convscope.engine.ModelStore;
import io.convscope.engine.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train Tiny VGG (or the network --arch describes) on DIR/train/<label>/ and DIR/val/<label>/, "
                + "or on DIR/<label>/ split 85 %% / 15 %% by --seed (the split is written beside the model); class "
                + "order from DIR/classes.tsv.")
final class TrainCommand implements Callable<Integer> {

    /** How long a stop signal waits for the checkpoint and the model to be written before the JVM exits anyway. */
    private static final long STOP_GRACE_SECONDS = 300;

    @Mixin
    DataOption dataOption;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the model zip (+ .json metadata).")
    Path out;

    @Option(
            names = "--arch",
            paramLabel = "FILE",
            description = "The network to train: an architecture description (JSON or YAML) or tinyvgg "
                    + "(default: tinyvgg).")
    String architecture;

    /** 0 when not given: the description's own size. */
    @Option(
            names = "--input",
            paramLabel = "N",
            parameterConsumer = InRange.class,
            description = "Input side in pixels, 32 to 224 (default: the architecture's own, 64 for Tiny VGG).")
    @InRange.Bounds(min = 32, max = 224)
    int input;

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

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--resume", description = "Continue from the checkpoint beside --out.")
    boolean resume;

    @Option(
            names = "--json",
            description = "Print one JSON line per epoch {epoch, loss, train_accuracy, val_loss, val_accuracy, "
                    + "seconds} and a last line with the model and the best epoch.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path data = dataOption.folder();
        try {
            ModelStore.checkWritable(out);
        } catch (IOException e) {
            throw new ConvScopeCommand.UserError("--out: " + e.getMessage());
        }
        String command = "convscope "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Trainer trainer = new Trainer(new Trainer.Options(
                data,
                out,
                architecture,
                input == 0 ? null : input,
                epochs,
                seed,
                batch,
                patience,
                recipe.recipe(),
                resume,
                command));
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
            PrintWriter pw = spec.commandLine().getOut();
            // With --json, stdout carries only JSON lines: the sentences go to stderr.
            PrintWriter talk = json ? spec.commandLine().getErr() : pw;
            talk.println("Loading " + data + " ...");
            talk.flush();
            Trainer.Result r;
            try (TrainProgress progress = new TrainProgress(pw, talk, json, epochs, resume, trainer.checkpointDir())) {
                r = trainer.train(progress, stop::get);
                return progress.finished(r, trainer.checkpointDir());
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has just been released
            }
        }
    }
}
