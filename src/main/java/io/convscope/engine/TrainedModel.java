package io.convscope.engine;

import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.time.Instant;
import java.util.stream.IntStream;

/**
 * Writes a trained network as an ordinary DL4J model zip with its metadata. The accuracies recorded come from the
 * exported network through the app's own forward pass, so they are what {@code evaluate} will find.
 */
final class TrainedModel {

    record Figures(double trainAccuracy, double validationAccuracy) {}

    private TrainedModel() {}

    static Figures write(
            TrainerNetwork network,
            ImageFolderDataset data,
            TrainingImages train,
            TrainingImages val,
            Trainer.Options options,
            Checkpoint.State state)
            throws IOException {
        MultiLayerNetwork net = network.toDl4j();
        Shape input = network.inputShape();
        String name = options.architecture() == null ? "Tiny VGG" : nameOf(options);
        CompiledNetwork compiled;
        try {
            compiled = CompiledNetwork.compile(net, input, data.classes(), name);
        } catch (ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
        Figures figures = new Figures(accuracy(compiled, train), accuracy(compiled, val));
        ModelMetadata metadata = new ModelMetadata(
                        name, data.classes(), input.height(), input.width(), input.channels(), null)
                .withTraining(new ModelMetadata.Training(
                        options.data()
                                .toAbsolutePath()
                                .normalize()
                                .getFileName()
                                .toString(),
                        options.seed(),
                        state.epochsDone(),
                        state.bestEpoch(),
                        figures.trainAccuracy(),
                        figures.validationAccuracy(),
                        options.command(),
                        Instant.now().toString()));
        ModelStore.save(net, metadata, options.out());
        return figures;
    }

    private static String nameOf(Trainer.Options options) {
        String file = options.architecture().getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }

    private static double accuracy(CompiledNetwork net, TrainingImages images) {
        long correct = IntStream.range(0, images.size())
                .parallel()
                .filter(i -> net.forward(images.images()[i]).topClass() == images.labels()[i])
                .count();
        return correct / (double) images.size();
    }
}
