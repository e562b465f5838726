package io.convscope.engine;

import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Zoo architectures ({@link ArchitecturePresets}) as runnable models with random weights: DL4J's own {@code init()}
 * with the zoo's fixed seed, so the same preset always gets the same weights. Nothing is downloaded: the zoo's
 * pretrained weights and its ImageNet label file are fetched from the internet by DL4J, and ConvScope works offline
 * (deeplearning4j-zoo 1.0.0-M2.1 ships no label file in its jar), so the classes are named by index.
 * <p>
 * The zoo builds VGG-16, VGG-19 and Darknet-19 as {@code ComputationGraph}s although each is a single chain of layers;
 * such a chain becomes the equivalent {@code MultiLayerConfiguration} (same layers, same order, same preprocessors),
 * which our compiler and DL4J's reference {@code feedForward} both read. Presets that branch or merge (ResNet-50,
 * SqueezeNet, Xception, U-Net, Inception) have no column-by-column overview and are refused with {@link NotAChain}.
 */
public final class PresetModels {

    /** A preset that branches or merges, so the overview cannot show it. */
    public static final class NotAChain extends ModelLoadException {
        private final String preset;

        NotAChain(String preset, String vertex) {
            super(preset + " is not a single chain of layers (at " + vertex + " it branches or merges); the overview "
                    + "shows chains only; its layers, shapes and costs are in the architecture view "
                    + "(convscope summary --preset " + preset + ")");
            this.preset = preset;
        }

        /** The preset's id. */
        public String preset() {
            return preset;
        }
    }

    /** What a long load is doing now, for a progress bar. */
    public enum Phase {
        /** Building the DL4J configuration. */
        CONFIGURE(0.05),
        /** {@code init()}: allocating and filling the weights (seconds for VGG's 138 million). */
        INITIALISE(0.15),
        /** Copying the weights into our compiled forward pass. */
        COMPILE(0.7);

        /** Fraction of the whole load done when this phase starts (measured on VGG-16). */
        public final double start;

        Phase(double start) {
            this.start = start;
        }
    }

    /** Told about each phase; asked between phases whether to stop. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void phase(Phase p) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        void phase(Phase p);

        boolean cancelled();
    }

    private PresetModels() {
    }

    /** Whether a preset can be opened as a model (a chain of layers); false for ResNet-50 and the like. */
    public static boolean isChain(ArchitecturePresets.Preset preset) {
        Object conf = preset.configuration(preset.defaultInput());
        if (conf instanceof MultiLayerConfiguration) {
            return true;
        }
        try {
            chainOf(preset.id(), (ComputationGraphConfiguration) conf);
            return true;
        } catch (NotAChain e) {
            return false;
        }
    }

    /** The preset at its default input size with seeded random weights, compiled; named {@code name}. */
    public static LoadedModel load(ArchitecturePresets.Preset preset, String name, Progress progress)
            throws ModelLoadException {
        return load(preset, name, preset.defaultInput(), progress);
    }

    /** The preset for another input size ({channels, height, width}), e.g. smaller for tests. */
    public static LoadedModel load(ArchitecturePresets.Preset preset, String name, int[] chw, Progress progress)
            throws ModelLoadException {
        progress.phase(Phase.CONFIGURE);
        Object conf = preset.configuration(chw);
        MultiLayerConfiguration mlc = conf instanceof MultiLayerConfiguration m ? m
                : chainOf(preset.id(), (ComputationGraphConfiguration) conf);
        stopIfCancelled(progress);
        progress.phase(Phase.INITIALISE);
        MultiLayerNetwork net = new MultiLayerNetwork(mlc);
        try {
            net.init();
        } catch (OutOfMemoryError e) {
            throw new ModelLoadException(preset.displayName() + " needs more memory than this Java VM may use "
                    + "(start it with a larger -Xmx)", e);
        }
        stopIfCancelled(progress);
        progress.phase(Phase.COMPILE);
        int outputs = (int) net.layerSize(lastWithOutputs(net));
        ModelMetadata meta = new ModelMetadata(name, ModelMetadata.numberedClasses(outputs), chw[1], chw[2], chw[0], null);
        CompiledNetwork compiled = CompiledNetwork.compile(net, new Shape(chw[0], chw[1], chw[2]), meta.classes(), name);
        stopIfCancelled(progress);
        return new LoadedModel(name, net, meta, compiled);
    }

    /** The last layer with a size of its own (Darknet-19 ends in a size-less loss layer after its softmax). */
    private static int lastWithOutputs(MultiLayerNetwork net) {
        for (int i = net.getnLayers() - 1; i > 0; i--) {
            if (net.layerSize(i) > 0) {
                return i;
            }
        }
        return 0;
    }

    private static void stopIfCancelled(Progress progress) {
        if (progress.cancelled()) {
            throw new CancellationException("model loading cancelled");
        }
    }

    /**
     * The zoo names VGG's layers "0", "1", ... "20"; a student needs to see what they are. Such layers get VGG's own
     * names (conv1_1 ... conv5_3, pool1 ... pool5, fc6, fc7, output), counted by block: a pooling ends a block.
     */
    private static void nameNumberedLayers(List<NeuralNetConfiguration> confs) {
        int block = 1;
        int convInBlock = 0;
        int dense = 6; // VGG's first fully connected layer is fc6
        for (NeuralNetConfiguration c : confs) {
            var layer = c.getLayer();
            if (layer.getLayerName() == null || !layer.getLayerName().matches("\\d+")) {
                continue;
            }
            if (layer instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer) {
                layer.setLayerName("conv" + block + "_" + ++convInBlock);
            } else if (layer instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer) {
                layer.setLayerName("pool" + block++);
                convInBlock = 0;
            } else if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer) {
                layer.setLayerName("output");
            } else if (layer instanceof org.deeplearning4j.nn.conf.layers.DenseLayer) {
                layer.setLayerName("fc" + dense++);
            }
        }
    }

    /**
     * The chain of a graph with one input, one output and only layer vertices each reading the one before, as a
     * multi-layer configuration; {@link NotAChain} otherwise.
     */
    static MultiLayerConfiguration chainOf(String preset, ComputationGraphConfiguration graph) throws NotAChain {
        if (graph.getNetworkInputs().size() != 1 || graph.getNetworkOutputs().size() != 1) {
            throw new NotAChain(preset, "its inputs and outputs");
        }
        Map<String, List<String>> readers = new HashMap<>();
        graph.getVertexInputs().forEach((vertex, inputs) -> {
            for (String in : inputs) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(vertex);
            }
        });
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
        String current = graph.getNetworkInputs().get(0);
        String output = graph.getNetworkOutputs().get(0);
        while (!current.equals(output)) {
            List<String> next = readers.getOrDefault(current, List.of());
            if (next.size() != 1) {
                throw new NotAChain(preset, current);
            }
            String vertex = next.get(0);
            GraphVertex v = graph.getVertices().get(vertex);
            if (!(v instanceof LayerVertex lv) || graph.getVertexInputs().get(vertex).size() != 1) {
                throw new NotAChain(preset, vertex);
            }
            if (lv.getPreProcessor() != null) {
                preprocessors.put(confs.size(), lv.getPreProcessor().clone());
            }
            confs.add(lv.getLayerConf().clone());
            current = vertex;
        }
        if (confs.size() != graph.getVertices().size()) {
            throw new NotAChain(preset, "a layer off the main path");
        }
        nameNumberedLayers(confs);
        return new MultiLayerConfiguration.Builder().confs(confs).inputPreProcessors(preprocessors)
                .dataType(graph.getDataType()).build();
    }
}
