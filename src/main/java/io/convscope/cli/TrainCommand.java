package io.convscope.cli;

import io.convscope.engine.Trainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Tiny VGG on DIR/train/<label>/ and DIR/val/<label>/ (class order from DIR/classes.tsv).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The image-folder data set.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model zip (+ .json metadata).")
    Path out;

    @Option(names = "--epochs", defaultValue = "120", description = "Most epochs to run (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "32", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--patience", defaultValue = "25",
            description = "Stop after this many epochs without a better validation accuracy (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam's initial learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--resume", description = "Continue from the checkpoint beside --out.")
    boolean resume;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new ConvScopeCommand.UserError("data folder " + data + " does not exist");
        }
        if (epochs < 1 || batch < 1 || patience < 1 || learningRate <= 0) {
            throw new ConvScopeCommand.UserError("--epochs, --batch and --patience must be at least 1 and --lr positive");
        }
        PrintWriter pw = spec.commandLine().getOut();
        String command = "convscope train --data " + data + " --out " + out + " --epochs " + epochs + " --seed " + seed
                + " --batch " + batch + " --patience " + patience + " --lr " + learningRate;
        Trainer trainer = new Trainer(new Trainer.Options(data, out, epochs, seed, batch, patience, learningRate,
                1e-4, resume, command));
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        pw.println("Loading " + data + " ...");
        pw.flush();
        Trainer.Result r = trainer.train(new Trainer.Listener() {
            ProgressBar bar;
            int epoch;
            int batches;

            @Override
            public void started(int firstEpoch, int maxEpochs, int batchesPerEpoch) {
                batches = batchesPerEpoch;
                if (firstEpoch > 1) {
                    pw.println("Resuming at epoch " + firstEpoch);
                    pw.flush();
                }
            }

            @Override
            public void batchDone(int e, int b, double loss) {
                if (bar == null || e != epoch) {
                    epoch = e;
                    bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %3d/%d", e, epochs))
                            .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                            .continuousUpdate().build();
                }
                bar.stepTo(b);
                bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", loss));
            }

            @Override
            public void epochDone(Trainer.EpochResult res) {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
                pw.printf(Locale.ROOT, "epoch %3d  loss %.4f  train %.1f %%  val loss %.4f  val %.1f %%  %.0f s%s%n",
                        res.epoch(), res.trainLoss(), 100 * res.trainAccuracy(), res.validationLoss(),
                        100 * res.validationAccuracy(), res.seconds(), res.best() ? "  (best)" : "");
                pw.flush();
            }
        }, stop::get);
        if (r.model() == null) {
            pw.println("Stopped before the first epoch finished; nothing written.");
            return 1;
        }
        pw.printf(Locale.ROOT, "%s after %d epochs; best epoch %d: train %.1f %%, validation %.1f %%. Wrote %s%n",
                r.cancelled() ? "Stopped" : "Done", r.epochsRun(), r.bestEpoch(), 100 * r.trainAccuracy(),
                100 * r.validationAccuracy(), r.model());
        pw.flush();
        return 0;
    }
}
