package io.convscope.engine.training;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelMetadata;
import io.convscope.engine.ModelStore;
import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.network.Shape;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.IntStream;

/**
 * Writes a trained network as an ordinary DL4J model zip with its metadata (and the split of a plain folder) as one
 * set. The accuracies recorded come from the exported network through the app's own forward pass, so they are what
 * {@code evaluate} will find.
 */
final class TrainedModel {

    record Figures(double trainAccuracy, double validationAccuracy) {}

    private TrainedModel() {}

    static Figures write(
            TrainerNetwork network,
            ArchitectureDesign design,
            TrainingData data,
            Trainer.Options options,
            Checkpoint.State state)
            throws IOException {
        return write(network, design, data, options, state.epochsDone(), state.bestEpoch(), null);
    }

    /**
     * Writes the network's current parameters as the model of epoch {@code chosenEpoch} of {@code epochsRun};
     * {@code known} figures (an epoch's recorded accuracies) skip measuring them again, else both splits are scored.
     */
    static Figures write(
            TrainerNetwork network,
            ArchitectureDesign design,
            TrainingData data,
            Trainer.Options options,
            int epochsRun,
            int chosenEpoch,
            Figures known)
            throws IOException {
        MultiLayerNetwork net = network.toDl4j();
        Shape input = network.inputShape();
        ImageFolderDataset dataset = data.dataset();
        CompiledNetwork compiled;
        try {
            compiled = Dl4jCompiler.compile(net, input, dataset.classes(), design.name());
        } catch (ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        Figures figures = known != null
                ? known
                : new Figures(accuracy(compiled, data.train()), accuracy(compiled, data.validation()));
        Path dataPath = options.data().toAbsolutePath().normalize();
        ModelMetadata metadata = new ModelMetadata(
                        design.name(), dataset.classes(), input.height(), input.width(), input.channels(), null)
                .withTraining(new ModelMetadata.Training(
                        dataPath.getFileName().toString(),
                        options.seed(),
                        epochsRun,
                        chosenEpoch,
                        figures.trainAccuracy(),
                        figures.validationAccuracy(),
                        options.command(),
                        Instant.now().toString(),
                        dataPath.toString(),
                        DesignFiles.toJson(design),
                        ModelMetadata.Split.of(dataset, options.out()),
                        data.skipped()));
        ModelStore.save(net, metadata, options.out(), dataset.split());
        return figures;
    }

    private static double accuracy(CompiledNetwork net, TrainingImages images) {
        long correct = IntStream.range(0, images.size())
                .parallel()
                .filter(i -> net.forward(TrainingData.image(images, i)).topClass() == images.label(i))
                .count();
        return correct / (double) images.size();
    }
}
