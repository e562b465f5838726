package io.convscope.engine.training;

import io.convscope.engine.DesignedNetworks;
import io.convscope.engine.ModelLoadException;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

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

    /**
     * Refuses, before any image is decoded, a step that cannot fit: a minibatch keeps every layer's output of every
     * image for the backward pass and as much again for their gradients, beside the parameters, their gradients and
     * the optimiser's two moments.
     *
     * @param freeBytes what the heap can still give (its maximum minus what is in use)
     */
    static void requireFits(ArchitectureDesign design, int batch, long freeBytes) throws IOException {
        long need;
        try {
            need = ArchitectureDesign.trainingStepBytes(design.activationValues(), design.parameterCount(), batch);
        } catch (DesignException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (need > freeBytes) {
            long xmxGb = (long) Math.ceil((need + (512L << 20)) / (double) (1L << 30)) + 1;
            throw new IOException(String.format(
                    Locale.ROOT,
                    "training %s at %d x %d with batches of %d needs about %,d MB for one step, more than the %,d MB"
                            + " this JVM has free; give a smaller --batch, or more memory (java -Xmx%dg ...)",
                    design.name(),
                    design.inputSize(),
                    design.inputSize(),
                    batch,
                    need >> 20,
                    freeBytes >> 20,
                    xmxGb));
        }
    }

    /** What the heap can still give: its maximum minus what is in use now. */
    static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    static TrainerNetwork create(ArchitectureDesign design, List<String> classes, long seed) throws IOException {
        try {
            return new CompiledTrainerNetwork(DesignedNetworks.build(design, seed), design.inputShape(), classes);
        } catch (DesignException | ModelLoadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
