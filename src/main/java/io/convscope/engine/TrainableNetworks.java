package io.convscope.engine;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;

import java.io.IOException;
import java.util.List;

/**
 * The network a training run fits, from its architecture description (Tiny VGG when none is given) with the data
 * set's class count and the input size asked for, trained on the compiled backward pass (for Tiny VGG it measured
 * 18.5-19 CPU seconds an epoch, the hand-written passes it replaces 21-23).
 */
final class TrainableNetworks {

    private TrainableNetworks() {}

    /** The design a run trains: the file or id of {@code --arch} (or Tiny VGG), for these classes and input size. */
    static ArchitectureDesign design(Trainer.Options options, int classes) throws IOException {
        try {
            ArchitectureDesign design = options.architecture() == null
                    ? ArchitectureDesign.tinyVgg(null)
                    : DesignFiles.resolve(options.architecture());
            design = design.withClasses(classes);
            if (options.inputSize() != null) {
                design = design.withInputSize(options.inputSize());
            }
            design.layers(); // checks every field and that no block shrinks its input to nothing
            return design;
        } catch (DesignException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static TrainerNetwork create(ArchitectureDesign design, List<String> classes, long seed) throws IOException {
        try {
            return new CompiledTrainerNetwork(DesignedNetworks.build(design, seed), design.inputShape(), classes);
        } catch (DesignException | ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
