package io.convscope.cli;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The shared {@code --model PATH} option: the bundled Tiny VGG when absent. */
final class ModelOption {

    @Option(names = {"-m", "--model"}, paramLabel = "PATH",
            description = "Model: DL4J .zip, TensorFlow.js model.json (or its folder), Keras 2 .h5/.json. "
                    + "Default: the bundled Tiny VGG.")
    Path model;

    LoadedModel load() {
        try {
            return model == null ? ModelLoader.loadBundled() : ModelLoader.load(model);
        } catch (ModelLoadException e) {
            throw new ConvScopeCommand.UserError(e.getMessage());
        }
    }
}
