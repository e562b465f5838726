package io.convscope.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a model file alone does not say: its classes and input size, and for models we trained, how.
 * Stored as JSON beside our own model zip ({@code tiny-vgg.zip} + {@code tiny-vgg.json}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        String name, List<String> classes, int inputHeight, int inputWidth, int inputChannels, Training training) {

    /** How a model we trained came to be. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(
            String dataset,
            long seed,
            int epochs,
            int bestEpoch,
            double trainAccuracy,
            double validationAccuracy,
            String command,
            String finishedAt) {}

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelMetadata {
        classes = List.copyOf(classes);
    }

    public ModelMetadata withTraining(Training t) {
        return new ModelMetadata(name, classes, inputHeight, inputWidth, inputChannels, t);
    }

    /** Classes named by index, for model files that carry no labels. */
    public static List<String> numberedClasses(int count) {
        return IntStream.range(0, count).mapToObj(i -> "class " + i).toList();
    }

    /** The JSON file kept beside a model zip: {@code x.zip} -> {@code x.json}. */
    public static Path sidecarOf(Path modelZip) {
        String file = modelZip.getFileName().toString();
        String base = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        return modelZip.resolveSibling(base + ".json");
    }

    public static ModelMetadata read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), ModelMetadata.class);
    }

    public void write(Path json) throws IOException {
        AtomicFiles.write(json, out -> JSON.writeValue(out, this));
    }

    public static ModelMetadata fromBytes(byte[] json) throws IOException {
        return JSON.readValue(json, ModelMetadata.class);
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
