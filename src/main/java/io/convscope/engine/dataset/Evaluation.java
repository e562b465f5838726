package io.convscope.engine.dataset;

import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.SnapshotCache;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Accuracy and confusion matrix of a model on labelled images ({@code DIR/<label>/*}).
 *
 * @param confusion rows are true classes, columns predicted ones
 */
public record Evaluation(int total, int correct, int[][] confusion) {

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
                model, ImageFolderDataset.listLabelled(dir, model.description().classes()));
    }

    /** As {@link #of(LoadedModel, Path)}, on given images labelled in the model's class order (a split's held-out). */
    public static Evaluation of(LoadedModel model, List<ImageFolderDataset.Sample> samples) throws IOException {
        List<String> classes = model.description().classes();
        Inference inference = new Inference(model, new SnapshotCache(0));
        long inputBytes = (long) Float.BYTES * 3 * model.inputHeight() * model.inputWidth();
        int chunk = (int) Math.max(1, Math.min(samples.size(), CHUNK_BYTES / inputBytes));
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        int[][] confusion = new int[classes.size()][classes.size()];
        int correct = 0;
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
                continue; // no result now, but read on so the message counts every unreadable image
            }
            for (int i = 0; i < inputs.length; i++) {
                int predicted = inference.run(inference.channels(inputs[i])).topClass();
                int truth = samples.get(start + i).label();
                confusion[truth][predicted]++;
                if (predicted == truth) {
                    correct++;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " images could not be read, e.g. "
                    + failures.values().iterator().next());
        }
        return new Evaluation(samples.size(), correct, confusion);
    }
}
