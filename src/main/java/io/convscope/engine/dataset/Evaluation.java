package io.convscope.engine.dataset;

import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.SnapshotCache;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.ImageOutcome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Accuracy and confusion matrix of a model on labelled images ({@code DIR/<label>/*}).
 *
 * @param confusion rows are true classes, columns predicted ones
 * @param images    every image's outcome in the order scored (small records, no pixels)
 */
public record Evaluation(int total, int correct, int[][] confusion, List<ImageOutcome> images) {

    /** Told how far an evaluation got, and asked whether to go on; called on the evaluating thread. */
    public interface Progress {
        Progress NONE = (done, total) -> true;

        /** @return false to stop: the evaluation then throws {@link CancellationException} */
        boolean scored(int done, int total);

        /** Tells {@code done} of {@code total} and throws {@link CancellationException} when told to stop. */
        default void reached(int done, int total) {
            if (!scored(done, total)) {
                throw new CancellationException("scoring stopped after " + done + " of " + total + " images");
            }
        }
    }

    /**
     * How many preprocessed inputs are held at once, in bytes: the images are decoded a chunk at a time (in
     * parallel) and dropped once classified, so 20,000 images need no more heap than a few hundred.
     */
    static final long CHUNK_BYTES = 16L << 20;

    public double accuracy() {
        return total == 0 ? 0 : correct / (double) total;
    }

    /** Evaluates through the same forward pass the app shows, so the figures match what students see. */
    public static Evaluation of(LoadedModel model, Path dir) throws IOException {
        return of(
                model, ImageFolderDataset.listLabelled(dir, model.description().classes()), dir, Progress.NONE);
    }

    /** As {@link #of(LoadedModel, Path)}, on given images labelled in the model's class order (a split's held-out). */
    public static Evaluation of(LoadedModel model, List<ImageFolderDataset.Sample> samples) throws IOException {
        return of(model, samples, null, Progress.NONE);
    }

    /**
     * @param root     the folder the images' paths are made relative to; null keeps them absolute
     * @param progress told after every chunk; stopping it throws {@link CancellationException}
     */
    public static Evaluation of(
            LoadedModel model, List<ImageFolderDataset.Sample> samples, Path root, Progress progress)
            throws IOException {
        List<String> classes = model.description().classes();
        Inference inference = new Inference(model, new SnapshotCache(0));
        long inputBytes = (long) Float.BYTES * 3 * model.inputHeight() * model.inputWidth();
        int chunk = (int) Math.max(1, Math.min(samples.size(), CHUNK_BYTES / inputBytes));
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        int[][] confusion = new int[classes.size()][classes.size()];
        int correct = 0;
        List<ImageOutcome> outcomes = new ArrayList<>(samples.size());
        for (int from = 0; from < samples.size(); from += chunk) {
            int start = from;
            float[][] inputs = new float[Math.min(chunk, samples.size() - from)][];
            IntStream.range(0, inputs.length).parallel().forEach(i -> {
                try {
                    inputs[i] = ImagePreprocessor.load(
                            samples.get(start + i).file(), model.inputHeight(), model.inputWidth());
                } catch (ImageInputException e) {
                    failures.put(start + i, e.getMessage());
                }
            });
            if (!failures.isEmpty()) {
                progress.reached(start + inputs.length, samples.size());
                continue; // no result now, but read on so the message counts every unreadable image
            }
            for (int i = 0; i < inputs.length; i++) {
                ImageFolderDataset.Sample sample = samples.get(start + i);
                ImageOutcome o = outcome(inference.run(inference.channels(inputs[i])), sample, root);
                confusion[o.truth()][o.predicted()]++;
                if (o.correct()) {
                    correct++;
                }
                outcomes.add(o);
                progress.reached(start + i + 1, samples.size());
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " images could not be read, e.g. "
                    + failures.values().iterator().next());
        }
        return new Evaluation(samples.size(), correct, confusion, List.copyOf(outcomes));
    }

    private static ImageOutcome outcome(ActivationSnapshot s, ImageFolderDataset.Sample sample, Path root) {
        int predicted = s.topClass();
        int truth = sample.label();
        float[] logits = s.logits();
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp(z - max);
        }
        // -ln softmax(z)_truth, the log-sum-exp way: finite even where the float probability rounds to 0
        float loss = (float) (max + Math.log(sum) - logits[truth]);
        return new ImageOutcome(
                relative(root, sample.file()), truth, predicted, s.probability(truth), s.probability(predicted), loss);
    }

    /** {@code file} relative to {@code root}, {@code /} separated (null root: absolute), as an outcome names it. */
    public static String relative(Path root, Path file) {
        Path p = root == null ? file.toAbsolutePath() : root.toAbsolutePath().relativize(file.toAbsolutePath());
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
