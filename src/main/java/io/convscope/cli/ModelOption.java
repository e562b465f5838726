package io.convscope.cli;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.PresetModels;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The shared {@code --model PATH} option: the bundled Tiny VGG when absent. */
final class ModelOption {

    @Option(
            names = {"-m", "--model"},
            paramLabel = "PATH",
            description = "Model: DL4J .zip, TensorFlow.js model.json (or its folder), Keras 2 .h5/.json. "
                    + "Default: the bundled Tiny VGG.")
    Path model;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "A zoo architecture with seeded random weights instead of a file: vgg16, vgg19, alexnet, "
                    + "lenet, darknet19 (branching ones such as resnet50 have no forward pass here).")
    String preset;

    /**
     * The model, refused with a sentence when one forward pass with every activation kept cannot fit in this JVM's
     * free heap: predict, evaluate and bench run it, where an OutOfMemoryError would be a stack trace halfway through.
     */
    LoadedModel loadToRun() {
        LoadedModel loaded = load();
        try {
            return Inference.requireFits(loaded);
        } catch (ModelLoadException e) {
            throw new ConvScopeCommand.UserError(e.getMessage());
        }
    }

    LoadedModel load() {
        try {
            if (preset != null) {
                if (model != null) {
                    throw new ConvScopeCommand.UserError("give --model or --preset, not both");
                }
                var p = ArchitecturePresets.find(preset)
                        .orElseThrow(() -> new ConvScopeCommand.UserError("unknown preset " + preset + "; valid: "
                                + String.join(", ", ArchitecturePresets.ids())));
                return PresetModels.load(p, p.displayName() + " (random weights)", PresetModels.Progress.NONE);
            }
            return model == null ? ModelLoader.loadBundled() : ModelLoader.load(model);
        } catch (ModelLoadException e) {
            throw new ConvScopeCommand.UserError(e.getMessage());
        }
    }
}
