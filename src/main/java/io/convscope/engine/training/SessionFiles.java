package io.convscope.engine.training;

import io.convscope.engine.dataset.TrainingData;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A {@link TrainingSession}'s files: its scratch folder (the kept epochs' parameters, the models the scrubber loads)
 * deleted when the session closes or the app exits, and the exports of a chosen epoch as an ordinary DL4J model with
 * its metadata, written by the {@code train} command's own {@link TrainedModel} from a separate copy of the network,
 * so an export never disturbs the run that is training.
 */
final class SessionFiles {

    private final Path dir;
    private final EpochWeights epochs;

    SessionFiles(Path dir, long checkpointBytes) {
        this.dir = dir;
        this.epochs = new EpochWeights(dir.resolve("epochs"), checkpointBytes);
    }

    EpochWeights epochs() {
        return epochs;
    }

    /** Where the scrubber's model of epoch {@code epoch} goes: the scratch folder. */
    Path scrubbed(int epoch) {
        return dir.resolve("scrub").resolve("epoch-" + epoch + ".zip");
    }

    /** Where "Use this model" puts epoch {@code epoch}: a folder of its own that outlives the session. */
    static Path usedModel(int epoch) throws IOException {
        Path all = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "convscope-trained"));
        return Files.createTempDirectory(all, "run-").resolve("trained-epoch-" + epoch + ".zip");
    }

    /**
     * Writes epoch {@code epoch}'s parameters as {@code zip} with its metadata and split, as one set; with
     * {@code recordedFigures} the metadata takes the accuracies the run measured then instead of scoring both splits.
     */
    Path write(
            int epoch,
            Path zip,
            ArchitectureDesign design,
            TrainingData data,
            RunSettings settings,
            List<Trainer.EpochResult> history,
            boolean recordedFigures)
            throws IOException {
        try (TrainerNetwork copy =
                TrainableNetworks.create(design, data.dataset().classes(), settings.seed())) {
            float[][] values =
                    copy.parameters().stream().map(ParameterBlock::values).toArray(float[][]::new);
            epochs.read(epoch, values);
            copy.parametersChanged();
            Trainer.EpochResult r = history.stream()
                    .filter(h -> h.epoch() == epoch)
                    .findFirst()
                    .orElseThrow(() -> new IOException("epoch " + epoch + " has not finished"));
            TrainedModel.Figures known =
                    recordedFigures ? new TrainedModel.Figures(r.trainAccuracy(), r.validationAccuracy()) : null;
            TrainedModel.write(copy, design, data, options(zip, design, settings), history.size(), epoch, known);
        }
        return zip;
    }

    private static Trainer.Options options(Path zip, ArchitectureDesign design, RunSettings settings) {
        String command = String.format(
                Locale.ROOT,
                "ConvScope Train workspace: %s, %d epochs, batch %d, %s %s at %s, augment %s, seed %d",
                design.name(),
                settings.epochs(),
                settings.batchSize(),
                settings.optimiser(),
                settings.schedule(),
                settings.learningRate(),
                settings.augment(),
                settings.seed());
        return new Trainer.Options(
                settings.data(),
                zip,
                null,
                design.inputSize(),
                settings.epochs(),
                settings.seed(),
                settings.batchSize(),
                settings.epochs(),
                settings.recipe(),
                false,
                command);
    }

    /** Deletes the scratch folder and all in it (exports made with {@link #usedModel} stay). */
    void deleteAll() {
        try {
            epochs.deleteAll();
            Path scrub = dir.resolve("scrub");
            if (Files.isDirectory(scrub)) {
                try (Stream<Path> files = Files.list(scrub)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(scrub);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left in the temporary folder, which the system clears
        }
    }
}
