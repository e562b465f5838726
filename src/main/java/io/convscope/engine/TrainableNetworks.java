package io.convscope.engine;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;

import java.io.IOException;
import java.util.List;

/**
 * The network a training run fits, from its architecture description (Tiny VGG when none is given) with the data
 * set's class count and the input size asked for, trained on the compiled backward pass. The hand-written Tiny VGG
 * passes remain for comparison ({@code TrainingEpochBenchmark}): they take 21-23 CPU seconds an epoch where the
 * compiled pass takes 18.5-19.
 */
final class TrainableNetworks {

    /** Whether Tiny VGG at its own size trains on {@link HandWrittenTinyVgg}: no, the compiled pass is cheaper. */
    static final boolean HAND_WRITTEN_TINY_VGG = false;

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
        return create(design, classes, seed, HAND_WRITTEN_TINY_VGG);
    }

    /** As above; {@code handWritten} false trains Tiny VGG on the compiled backward pass too. */
    static TrainerNetwork create(ArchitectureDesign design, List<String> classes, long seed, boolean handWritten)
            throws IOException {
        if (handWritten && design.equals(ArchitectureDesign.tinyVgg(classes.size()))) {
            return new HandWrittenTinyVgg(
                    seed, classes.size(), Runtime.getRuntime().availableProcessors());
        }
        try {
            return new CompiledTrainerNetwork(DesignedNetworks.build(design, seed), design.inputShape(), classes);
        } catch (DesignException | ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
