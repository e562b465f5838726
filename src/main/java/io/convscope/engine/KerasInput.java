package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a Keras 2 model's input shape from its config, which DL4J's importer does not hand back. */
final class KerasInput {

    private KerasInput() {}

    static Shape ofH5(Path h5) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            return fromConfig(ModelMetadata.JSON.readTree(archive.readAttributeAsJson("model_config")), h5);
        }
    }

    static Shape ofJson(Path json) throws ModelLoadException {
        JsonNode config;
        try {
            config = ModelMetadata.JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(ModelLoader.fileName(json) + " is not valid JSON");
        }
        if (config == null || !config.isObject()) {
            throw new ModelLoadException(
                    ModelLoader.fileName(json) + " is not a Keras model configuration (a JSON object)");
        }
        return fromConfig(config, json);
    }

    private static Shape fromConfig(JsonNode config, Path file) throws ModelLoadException {
        JsonNode layers = config.path("config").isArray()
                ? config.path("config")
                : config.path("config").path("layers");
        for (JsonNode layer : layers.isArray() ? layers : ModelMetadata.JSON.createArrayNode()) {
            JsonNode shape = layer.path("config").path("batch_input_shape");
            if (shape.isArray()) {
                String name = ModelLoader.fileName(file);
                if (shape.size() != 4) {
                    throw new ModelLoadException(name + " does not take images (height, width, channels)");
                }
                long[] dims = new long[4];
                for (int i = 1; i < 4; i++) {
                    JsonNode d = shape.get(i);
                    if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                        throw new ModelLoadException(name + ": batch_input_shape " + ModelChecks.shortText(shape)
                                + " does not give the input's size as whole numbers");
                    }
                    dims[i] = d.asLong();
                }
                boolean channelsFirst = "channels_first"
                        .equals(layer.path("config").path("data_format").asText());
                return channelsFirst
                        ? ModelChecks.input(name, dims[2], dims[3], dims[1])
                        : ModelChecks.input(name, dims[1], dims[2], dims[3]);
            }
        }
        throw new ModelLoadException(file.getFileName() + " does not say its input shape (batch_input_shape)");
    }
}
