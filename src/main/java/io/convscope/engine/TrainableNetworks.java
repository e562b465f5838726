package io.convscope.engine;

import java.io.IOException;
import java.util.List;

/** The network a training run fits: Tiny VGG unless an architecture file describes another. */
final class TrainableNetworks {

    private TrainableNetworks() {}

    static TrainerNetwork create(Trainer.Options options, List<String> classes) throws IOException {
        if (options.architecture() != null) {
            throw new IOException("--arch " + options.architecture() + ": architecture files are not supported yet");
        }
        if (options.inputSize() != TinyVgg.INPUT_SIZE) {
            throw new IOException("Tiny VGG takes " + TinyVgg.INPUT_SIZE + " x " + TinyVgg.INPUT_SIZE + " inputs, not "
                    + options.inputSize() + "; give --arch for another input size");
        }
        return new HandWrittenTinyVgg(
                options.seed(), classes.size(), Runtime.getRuntime().availableProcessors());
    }
}
