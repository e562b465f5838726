package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.training.Trainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code train} prints: where it starts, a progress bar per epoch with images per second (stderr) and a line
 * per finished epoch; with {@code --json}, one JSON object per epoch and a last one naming the model, and the
 * sentences on stderr.
 */
final class TrainProgress implements Trainer.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter talk;
    private final boolean json;
    private final int maxEpochs;
    private final boolean resume;
    private final Path checkpoint;
    private ProgressBar bar;
    private int epoch;
    private int images;
    private int batchSize;

    TrainProgress(PrintWriter out, PrintWriter talk, boolean json, int maxEpochs, boolean resume, Path checkpoint) {
        this.out = out;
        this.talk = talk;
        this.json = json;
        this.maxEpochs = maxEpochs;
        this.resume = resume;
        this.checkpoint = checkpoint;
    }

    @Override
    public void started(int firstEpoch, int firstBatch, int max, int imagesPerEpoch, int batch) {
        images = imagesPerEpoch;
        batchSize = batch;
        if (firstEpoch > max) {
            talk.println("The checkpoint in " + checkpoint + " has run all " + max + " epochs: writing its best model");
        } else if (firstEpoch > 1 || firstBatch > 1) {
            talk.println("Resuming at epoch " + firstEpoch + (firstBatch > 1 ? ", batch " + firstBatch : ""));
        } else if (resume) {
            talk.println("No checkpoint in " + checkpoint + ": starting at epoch 1");
        }
        talk.flush();
    }

    @Override
    public void note(String sentence) {
        talk.println(Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".");
        talk.flush();
    }

    @Override
    public void batchDone(int e, int b, double loss) {
        if (json) {
            return; // a machine reads stdout; a bar redrawn on stderr would only fill its log
        }
        if (bar == null || e != epoch) {
            close();
            epoch = e;
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %3d/%d", e, maxEpochs))
                    .setInitialMax(images)
                    .setUnit(" images", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .continuousUpdate()
                    .build();
        }
        bar.stepTo(Math.min((long) b * batchSize, images));
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", loss));
    }

    @Override
    public void epochDone(Trainer.EpochResult res) {
        close();
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("epoch", res.epoch());
            o.put("loss", res.trainLoss());
            o.put("train_accuracy", res.trainAccuracy());
            o.put("val_loss", res.validationLoss());
            o.put("val_accuracy", res.validationAccuracy());
            o.put("seconds", res.seconds());
            out.println(o);
        } else {
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
        }
        out.flush();
    }

    /** Reports how the run ended and returns the exit code: 0 when a model was written. */
    int finished(Trainer.Result r, Path checkpointDir) {
        if (r.cancelled() && r.epochsRun() == 0 && r.batchesIntoNextEpoch() == 0) {
            talk.println("Stopped before the first batch; nothing was written.");
            talk.flush();
            return 1;
        }
        if (r.cancelled()) {
            talk.printf(
                    Locale.ROOT,
                    "Stopped after %d epochs%s; --resume continues from the checkpoint in %s%n",
                    r.epochsRun(),
                    r.batchesIntoNextEpoch() > 0 ? " and " + r.batchesIntoNextEpoch() + " batches" : "",
                    checkpointDir);
        }
        if (r.model() == null) {
            talk.println("No epoch finished yet, so no model was written.");
            talk.flush();
            return 1;
        }
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("model", r.model().toString());
            o.put("best_epoch", r.bestEpoch());
            o.put("epochs", r.epochsRun());
            o.put("train_accuracy", r.trainAccuracy());
            o.put("val_accuracy", r.validationAccuracy());
            o.put("stopped", r.cancelled());
            out.println(o);
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s: train %.1f %%, validation %.1f %%. Wrote %s%n",
                    (r.cancelled() ? "Best epoch " : "Done after " + r.epochsRun() + " epochs; best epoch ")
                            + r.bestEpoch(),
                    100 * r.trainAccuracy(),
                    100 * r.validationAccuracy(),
                    r.model());
        }
        out.flush();
        talk.flush();
        return 0;
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
