package io.convscope.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a model file alone does not say: its classes and input size, and for models we trained, how.
 * Stored as JSON beside our own model zip ({@code tiny-vgg.zip} + {@code tiny-vgg.json}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        String name, List<String> classes, int inputHeight, int inputWidth, int inputChannels, Training training) {

    /**
     * How a model we trained came to be.
     *
     * @param dataset       the data set folder's name
     * @param datasetPath   its absolute path when trained
     * @param architecture  the architecture description it was built from, every default written out (see
     *                      {@link DesignFiles#toJson}); null for the Tiny VGG trainer's models
     * @param split         which images trained and which validated
     * @param skippedImages files of the data set that could not be read and were left out
     * @param command       the exact command line that trained it
     */
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
            String finishedAt,
            String datasetPath,
            JsonNode architecture,
            Split split,
            Integer skippedImages) {

        /** Without the architecture, data set path and split (the Tiny VGG trainer's figures). */
        public Training(
                String dataset,
                long seed,
                int epochs,
                int bestEpoch,
                double trainAccuracy,
                double validationAccuracy,
                String command,
                String finishedAt) {
            this(
                    dataset,
                    seed,
                    epochs,
                    bestEpoch,
                    trainAccuracy,
                    validationAccuracy,
                    command,
                    finishedAt,
                    null,
                    null,
                    null,
                    null);
        }

        /** The architecture description this model was built from, when it records one. */
        public Optional<ArchitectureDesign> design() throws DesignException {
            return architecture == null
                    ? Optional.empty()
                    : Optional.of(DesignFiles.parse(architecture, "the model's architecture"));
        }
    }

    /**
     * Which images trained and which validated.
     *
     * @param layout             {@code "train/val"} (the data set's own folders) or {@code "split"} (a plain folder
     *                           split by {@link DatasetSplit}, listed in {@code file} beside the model)
     * @param seed               the split's seed (0 for train/val)
     * @param validationFraction the share held out (0 for train/val)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Split(
            String layout, long seed, double validationFraction, int trainImages, int validationImages, String file) {

        public static final String TRAIN_VAL = "train/val";
        public static final String SPLIT = "split";

        /** How {@code data} divides its images, with the split file's name beside {@code modelZip} for a plain folder. */
        public static Split of(ImageFolderDataset data, Path modelZip) {
            DatasetSplit s = data.split();
            return s == null
                    ? new Split(
                            TRAIN_VAL,
                            0,
                            0,
                            data.train().size(),
                            data.validation().size(),
                            null)
                    : new Split(
                            SPLIT,
                            s.seed(),
                            s.validationFraction(),
                            data.train().size(),
                            data.validation().size(),
                            DatasetSplit.fileOf(modelZip).getFileName().toString());
        }
    }

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
