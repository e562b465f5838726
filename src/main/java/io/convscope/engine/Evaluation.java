package io.convscope.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Accuracy and confusion matrix of a model on labelled images ({@code DIR/<label>/*}).
 *
 * @param confusion rows are true classes, columns predicted ones
 */
public record Evaluation(int total, int correct, int[][] confusion) {

    public double accuracy() {
        return total == 0 ? 0 : correct / (double) total;
    }

    /** Evaluates through the same forward pass the app shows, so the figures match what students see. */
    public static Evaluation of(LoadedModel model, Path dir) throws IOException {
        List<String> classes = model.description().classes();
        List<ImageFolderDataset.Sample> samples = ImageFolderDataset.listLabelled(dir, classes);
        float[][] inputs = Trainer.loadAll(samples, model.inputHeight(), model.inputWidth());
        int[][] confusion = new int[classes.size()][classes.size()];
        int correct = 0;
        for (int i = 0; i < samples.size(); i++) {
            int predicted = model.compiled().forward(inputs[i]).topClass();
            int truth = samples.get(i).label();
            confusion[truth][predicted]++;
            if (predicted == truth) {
                correct++;
            }
        }
        return new Evaluation(samples.size(), correct, confusion);
    }
}
