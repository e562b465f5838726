package io.convscope.engine;

import io.convscope.network.Shape;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens every model format ConvScope reads: our DL4J zip (+ metadata JSON), TensorFlow.js layers-models,
 * and Keras 2 {@code .h5} files and {@code .json} configurations. Errors become one readable sentence.
 */
public final class ModelLoader {

    /** The Tiny VGG we trained and ship, as a class-path resource (also in {@code models/} of the checkout). */
    public static final String BUNDLED_MODEL = "/models/tiny-vgg.zip";
    public static final String BUNDLED_METADATA = "/models/tiny-vgg.json";

    private ModelLoader() {
    }

    /** The bundled, self-trained Tiny VGG. */
    public static LoadedModel loadBundled() throws ModelLoadException {
        try (InputStream zip = ModelLoader.class.getResourceAsStream(BUNDLED_MODEL);
             InputStream json = ModelLoader.class.getResourceAsStream(BUNDLED_METADATA)) {
            if (zip == null || json == null) {
                throw new ModelLoadException("the bundled model is missing from this build (expected "
                        + BUNDLED_MODEL + "); pass --model PATH");
            }
            ModelMetadata meta = ModelMetadata.fromBytes(json.readAllBytes());
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip, false);
            return compile("Tiny VGG (ConvScope)", net, meta);
        } catch (IOException e) {
            throw new ModelLoadException("the bundled model cannot be read: " + e.getMessage(), e);
        }
    }

    public static LoadedModel load(Path path) throws ModelLoadException {
        String file = path.getFileName().toString();
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("model.json"))) {
            return load(path.resolve("model.json"));
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("model file " + path + " does not exist");
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
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            // DL4J's importers throw many unchecked kinds; the user needs the file and the reason, not the trace.
            throw new ModelLoadException(file + " cannot be loaded: " + firstLine(e), e);
        }
        throw new ModelLoadException(file + " is not a model format ConvScope reads "
                + "(DL4J .zip, TensorFlow.js model.json, Keras 2 .h5 or .json)");
    }

    private static LoadedModel loadZip(Path zip) throws IOException, ModelLoadException {
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(zip.getFileName() + " is not a DL4J MultiLayerNetwork zip: " + firstLine(e), e);
        }
        // The JSON is checked against the zip: a pair from an interrupted save is never mixed.
        ModelMetadata meta = ModelStore.readMetadata(zip).orElseGet(() -> {
            int outputs = net.layerSize(net.getnLayers() - 1);
            return new ModelMetadata(zip.getFileName().toString(), defaultClasses(outputs),
                    TinyVgg.INPUT_SIZE, TinyVgg.INPUT_SIZE, 3, null);
        });
        return compile(zip.getFileName().toString(), net, meta);
    }

    private static LoadedModel loadTfjs(Path modelJson) throws ModelLoadException {
        TfjsModelImporter.ImportedModel m = TfjsModelImporter.load(modelJson);
        String name = modelJson.getParent() == null ? modelJson.toString()
                : modelJson.getParent().getFileName() + "/" + modelJson.getFileName();
        return withInput(name, m.network(), m.input(), modelJson);
    }

    private static LoadedModel loadKerasH5(Path h5) throws Exception {
        MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(h5.toString(), false);
        return withInput(h5.getFileName().toString(), net, KerasInput.ofH5(h5), h5);
    }

    private static LoadedModel loadKerasJson(Path json) throws Exception {
        var conf = KerasModelImport.importKerasSequentialConfiguration(json.toString(), false);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return withInput(json.getFileName().toString(), net, KerasInput.ofJson(json), json);
    }

    private static LoadedModel withInput(String name, MultiLayerNetwork net, Shape input, Path source)
            throws ModelLoadException {
        int outputs = net.layerSize(net.getnLayers() - 1);
        ModelMetadata meta = new ModelMetadata(name, classesBeside(source, outputs), input.height(), input.width(),
                input.channels(), null);
        return compile(name, net, meta);
    }

    private static LoadedModel compile(String name, MultiLayerNetwork net, ModelMetadata meta) throws ModelLoadException {
        Shape input = new Shape(meta.inputChannels(), meta.inputHeight(), meta.inputWidth());
        CompiledNetwork compiled = CompiledNetwork.compile(net, input, meta.classes(), name);
        if (!compiled.description().predictsClasses()) {
            // A segmentation or detection model: its last layer's size counted channels, not classes.
            meta = new ModelMetadata(meta.name(), List.of(), meta.inputHeight(), meta.inputWidth(), meta.inputChannels(),
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
                    List<String> lines = Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
                    if (candidate.endsWith(".tsv")) {
                        lines = lines.subList(1, lines.size()).stream()
                                .map(l -> ImageFolderDataset.displayName(l.substring(l.lastIndexOf('\t') + 1).trim())).toList();
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

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
