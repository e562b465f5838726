package io.convscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a Keras 2 model's input shape from its config, which DL4J's importer does not hand back. */
final class KerasInput {

    private KerasInput() {
    }

    static Shape ofH5(Path h5) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            return fromConfig(ModelMetadata.JSON.readTree(archive.readAttributeAsJson("model_config")), h5);
        }
    }

    static Shape ofJson(Path json) throws IOException, ModelLoadException {
        return fromConfig(ModelMetadata.JSON.readTree(json.toFile()), json);
    }

    private static Shape fromConfig(JsonNode config, Path file) throws ModelLoadException {
        JsonNode layers = config.path("config").isArray() ? config.path("config") : config.path("config").path("layers");
        for (JsonNode layer : layers) {
            JsonNode shape = layer.path("config").path("batch_input_shape");
            if (shape.isArray()) {
                if (shape.size() != 4) {
                    throw new ModelLoadException(file.getFileName() + " does not take images (height, width, channels)");
                }
                boolean channelsFirst = "channels_first".equals(layer.path("config").path("data_format").asText());
                return channelsFirst
                        ? new Shape(shape.get(1).asInt(), shape.get(2).asInt(), shape.get(3).asInt())
                        : new Shape(shape.get(3).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
            }
        }
        throw new ModelLoadException(file.getFileName() + " does not say its input shape (batch_input_shape)");
    }
}
