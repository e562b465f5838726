package io.convscope.cli;

import io.convscope.engine.training.Trainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code train} prints: where it starts, a progress bar per epoch (stderr) and a line per finished epoch. */
final class TrainProgress implements Trainer.Listener, AutoCloseable {

    private final PrintWriter out;
    private final int maxEpochs;
    private final boolean resume;
    private final Path checkpoint;
    private ProgressBar bar;
    private int epoch;
    private int batches;

    TrainProgress(PrintWriter out, int maxEpochs, boolean resume, Path checkpoint) {
        this.out = out;
        this.maxEpochs = maxEpochs;
        this.resume = resume;
        this.checkpoint = checkpoint;
    }

    @Override
    public void started(int firstEpoch, int firstBatch, int max, int batchesPerEpoch) {
        batches = batchesPerEpoch;
        if (firstEpoch > max) {
            out.println("The checkpoint in " + checkpoint + " has run all " + max + " epochs: writing its best model");
        } else if (firstEpoch > 1 || firstBatch > 1) {
            out.println("Resuming at epoch " + firstEpoch + (firstBatch > 1 ? ", batch " + firstBatch : ""));
        } else if (resume) {
            out.println("No checkpoint in " + checkpoint + ": starting at epoch 1");
        }
        out.flush();
    }

    @Override
    public void batchDone(int e, int b, double loss) {
        if (bar == null || e != epoch) {
            close();
            epoch = e;
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %3d/%d", e, maxEpochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .continuousUpdate()
                    .build();
        }
        bar.stepTo(b);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", loss));
    }

    @Override
    public void epochDone(Trainer.EpochResult res) {
        close();
        out.printf(
                Locale.ROOT,
                "epoch %3d  loss %.4f  train %.1f %%  val loss %.4f  val %.1f %%  %.0f s%s%n",
                res.epoch(),
                res.trainLoss(),
                100 * res.trainAccuracy(),
                res.validationLoss(),
                100 * res.validationAccuracy(),
                res.seconds(),
                res.best() ? "  (best)" : "");
        out.flush();
    }

    /** Ends the current epoch's bar (also when training stops in the middle of an epoch). */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
