package io.convscope.engine;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens every model format ConvScope reads: our DL4J zip (+ metadata JSON), TensorFlow.js layers-models,
 * and Keras 2 {@code .h5} files and {@code .json} configurations. Errors become one readable sentence.
 */
public final class ModelLoader {

    /** The Tiny VGG we trained and ship, as a class-path resource (also in {@code models/} of the checkout). */
    public static final String BUNDLED_MODEL = "/models/tiny-vgg.zip";

    public static final String BUNDLED_METADATA = "/models/tiny-vgg.json";

    private ModelLoader() {}

    /** The bundled, self-trained Tiny VGG. */
    public static LoadedModel loadBundled() throws ModelLoadException {
        LoadedModel preloaded = BundledPreload.take();
        return preloaded != null ? preloaded : readBundled();
    }

    /**
     * Starts reading the bundled model in the background (the app calls this before its window exists); the next
     * {@link #loadBundled()} takes that model, waiting for it if need be.
     */
    public static void preloadBundled() {
        BundledPreload.start();
    }

    static LoadedModel readBundled() throws ModelLoadException {
        try (InputStream zip = ModelLoader.class.getResourceAsStream(BUNDLED_MODEL);
                InputStream json = ModelLoader.class.getResourceAsStream(BUNDLED_METADATA)) {
            if (zip == null || json == null) {
                throw new ModelLoadException("the bundled model is missing from this build (expected " + BUNDLED_MODEL
                        + "); pass --model PATH");
            }
            ModelMetadata meta = ModelMetadata.fromBytes(json.readAllBytes());
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip, false);
            return compile("Tiny VGG (ConvScope)", net, meta);
        } catch (IOException e) {
            throw new ModelLoadException("the bundled model cannot be read: " + e.getMessage(), e);
        }
    }

    public static LoadedModel load(Path path) throws ModelLoadException {
        String file = fileName(path);
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("model.json"))) {
                return load(path.resolve("model.json"));
            }
            throw new ModelLoadException(ModelLoadException.Wording.FOLDER_WITHOUT_MODEL, path);
        }
        if (!Files.exists(path)) {
            throw new ModelLoadException(ModelLoadException.Wording.MISSING, path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(ModelLoadException.Wording.NOT_A_FILE, path);
        }
        String lower = file.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".zip")) {
                return loadZip(path);
            }
            if (lower.endsWith(".json")) {
                return TfjsModelImporter.isTfjsModel(path) ? loadTfjs(path) : loadKerasJson(path);
            }
            if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".keras")) {
                return loadKerasH5(path);
            }
        } catch (ModelLoadException e) {
            // every refusal names the file, also those the compiler words by layer only
            boolean named = e.getMessage().contains(file) || e.getMessage().matches("(?s)[^ ]+\\.[A-Za-z0-9]+[: ].*");
            throw named ? e : new ModelLoadException(file + ": " + e.getMessage(), e);
        } catch (Exception | OutOfMemoryError e) {
            // DL4J's importers throw many unchecked kinds; the user needs the file and the reason, not the trace.
            throw new ModelLoadException(file + " cannot be loaded: " + ModelChecks.reason(e), e);
        }
        throw new ModelLoadException(ModelLoadException.Wording.NOT_A_MODEL_FORMAT, file);
    }

    /** The name to show for a path: its last part, or the whole path for a root such as {@code /}. */
    public static String fileName(Path path) {
        return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    }

    private static LoadedModel loadZip(Path zip) throws ModelLoadException {
        String file = fileName(zip);
        checkZipConfiguration(zip, file);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw new ModelLoadException(
                    file + " is not a DL4J MultiLayerNetwork zip that ConvScope can read: " + ModelChecks.reason(e), e);
        }
        if (net.getnLayers() == 0) {
            throw new ModelLoadException(ModelLoadException.Wording.WITHOUT_LAYERS, file);
        }
        // The JSON is checked against the zip: a pair from an interrupted save is never mixed.
        ModelMetadata meta = ModelStore.readMetadata(zip).orElseGet(() -> {
            int outputs = net.layerSize(net.getnLayers() - 1);
            return new ModelMetadata(
                    zip.getFileName().toString(),
                    defaultClasses(outputs),
                    TinyVgg.INPUT_SIZE,
                    TinyVgg.INPUT_SIZE,
                    3,
                    null);
        });
        return compile(zip.getFileName().toString(), net, meta);
    }

    /**
     * Reads the zip's {@code configuration.json} first: a file that is no zip or no DL4J model gets its own sentence,
     * and a configuration with more parameters than memory holds is refused before DL4J allocates them.
     */
    private static void checkZipConfiguration(Path zip, String file) throws ModelLoadException {
        String json;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry entry = z.getEntry("configuration.json");
            if (entry == null || z.getEntry("coefficients.bin") == null) {
                throw new ModelLoadException(ModelLoadException.Wording.ZIP_WITHOUT_MODEL, file);
            }
            if (entry.getSize() > MAX_CONFIGURATION_BYTES) {
                throw new ModelLoadException(
                        file + ": configuration.json is larger than a network configuration can be");
            }
            try (InputStream in = z.getInputStream(entry)) {
                json = new String(in.readNBytes(MAX_CONFIGURATION_BYTES), StandardCharsets.UTF_8);
            }
        } catch (ZipException e) {
            throw new ModelLoadException(ModelLoadException.Wording.NOT_A_ZIP, file);
        } catch (IOException e) {
            throw new ModelLoadException(ModelLoadException.Wording.UNREADABLE, file);
        }
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    file + ": configuration.json is not a DL4J MultiLayerNetwork configuration: "
                            + ModelChecks.reason(e),
                    e);
        }
        ModelChecks.parameterCount(file, conf);
    }

    private static final int MAX_CONFIGURATION_BYTES = 16 << 20;

    private static LoadedModel loadTfjs(Path modelJson) throws ModelLoadException {
        TfjsModelImporter.ImportedModel m = TfjsModelImporter.load(modelJson);
        String name = modelJson.getParent() == null
                ? modelJson.toString()
                : modelJson.getParent().getFileName() + "/" + modelJson.getFileName();
        return withInput(name, m.network(), m.input(), modelJson);
    }

    private static LoadedModel loadKerasH5(Path h5) throws Exception {
        MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(h5.toString(), false);
        return withInput(h5.getFileName().toString(), net, KerasInput.ofH5(h5), h5);
    }

    private static LoadedModel loadKerasJson(Path json) throws Exception {
        Shape input = KerasInput.ofJson(json);
        KerasLayerConfig.check(fileName(json), ModelMetadata.JSON.readTree(json.toFile()));
        var conf = KerasModelImport.importKerasSequentialConfiguration(json.toString(), false);
        ModelChecks.parameterCount(fileName(json), conf);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return withInput(json.getFileName().toString(), net, input, json);
    }

    private static LoadedModel withInput(String name, MultiLayerNetwork net, Shape input, Path source)
            throws ModelLoadException {
        int outputs = net.layerSize(net.getnLayers() - 1);
        ModelMetadata meta = new ModelMetadata(
                name, classesBeside(source, outputs), input.height(), input.width(), input.channels(), null);
        return compile(name, net, meta);
    }

    private static LoadedModel compile(String name, MultiLayerNetwork net, ModelMetadata meta)
            throws ModelLoadException {
        Shape input = ModelChecks.input(name, meta.inputHeight(), meta.inputWidth(), meta.inputChannels());
        ModelChecks.finiteWeights(name, net);
        CompiledNetwork compiled = Dl4jCompiler.compile(net, input, meta.classes(), name);
        if (!compiled.description().predictsClasses()) {
            // A segmentation or detection model: its last layer's size counted channels, not classes.
            meta = new ModelMetadata(
                    meta.name(),
                    List.of(),
                    meta.inputHeight(),
                    meta.inputWidth(),
                    meta.inputChannels(),
                    meta.training());
        }
        return new LoadedModel(name, net, meta, compiled);
    }

    /**
     * Class names from a {@code labels.txt} / {@code classes.txt} (one per line) or {@code classes.tsv} (last column)
     * beside the model; else Tiny VGG's ten when the count fits (CNN Explainer's model ships without labels).
     */
    static List<String> classesBeside(Path model, int outputs) {
        for (String candidate : List.of("classes.tsv", "classes.txt", "labels.txt")) {
            Path f = model.resolveSibling(candidate);
            if (Files.isRegularFile(f)) {
                try {
                    List<String> lines = Files.readAllLines(f).stream()
                            .filter(l -> !l.isBlank())
                            .toList();
                    if (candidate.endsWith(".tsv")) {
                        // the first line is the header; an empty file has none
                        lines = lines.stream()
                                .skip(1)
                                .map(l -> ImageFolderDataset.displayName(
                                        l.substring(l.lastIndexOf('\t') + 1).trim()))
                                .toList();
                    }
                    if (lines.size() == outputs) {
                        return lines;
                    }
                } catch (IOException ignored) {
                    // an unreadable label file is no reason to refuse the model: fall back to defaults
                }
            }
        }
        return defaultClasses(outputs);
    }

    private static List<String> defaultClasses(int outputs) {
        return outputs == TinyVgg.CLASSES.size() ? TinyVgg.CLASSES : ModelMetadata.numberedClasses(outputs);
    }
}
