package io.convscope.engine;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.network.ClassLists;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Zoo architectures ({@link ArchitecturePresets}) as runnable models with random weights: DL4J's own {@code init()},
 * then every convolution and dense weight redrawn from He's normal distribution with a fixed seed (see
 * {@link #heInitialise}), so the same preset always gets the same, readable, weights. Nothing is downloaded: the zoo's
 * pretrained weights and its ImageNet label file are fetched from the internet by DL4J, and ConvScope works offline
 * (deeplearning4j-zoo 1.0.0-M2.1 ships no label file in its jar), so the classes are named by index.
 * <p>
 * The zoo builds VGG-16, VGG-19 and Darknet-19 as {@code ComputationGraph}s although each is a single chain of layers;
 * such a chain becomes the equivalent {@code MultiLayerConfiguration} (same layers, same order, same preprocessors),
 * so VGG's numbered layers get their names. Presets that branch or merge (ResNet-50, SqueezeNet, Inception-ResNet)
 * run as graphs.
 */
public final class PresetModels {

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
            public void phase(Phase p) {}

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        void phase(Phase p);

        boolean cancelled();
    }

    private PresetModels() {}

    /** The preset at the input size it is explained at, with seeded random weights, compiled; named {@code name}. */
    public static LoadedModel load(ArchitecturePresets.Preset preset, String name, Progress progress)
            throws ModelLoadException {
        return load(preset, name, preset.explainInput(), progress);
    }

    /**
     * The preset for another input size ({channels, height, width}), e.g. smaller for tests. A chain of layers runs
     * as a {@link MultiLayerNetwork}; a graph that branches or merges (ResNet-50, SqueezeNet, Inception-ResNet) as a
     * {@link ComputationGraph}.
     */
    public static LoadedModel load(ArchitecturePresets.Preset preset, String name, int[] chw, Progress progress)
            throws ModelLoadException {
        progress.phase(Phase.CONFIGURE);
        Object conf = preset.configuration(chw);
        MultiLayerConfiguration mlc =
                conf instanceof MultiLayerConfiguration m ? m : chainOf((ComputationGraphConfiguration) conf);
        stopIfCancelled(progress);
        progress.phase(Phase.INITIALISE);
        Shape input = new Shape(chw[0], chw[1], chw[2]);
        try {
            if (mlc != null) {
                MultiLayerNetwork net = new MultiLayerNetwork(mlc);
                net.init();
                heInitialise(net.getLayers());
                stopIfCancelled(progress);
                progress.phase(Phase.COMPILE);
                CompiledNetwork compiled = Dl4jCompiler.compile(net, input, null, name);
                ModelMetadata meta =
                        metadata(name, compiled.description().classes().size(), chw);
                stopIfCancelled(progress);
                return new LoadedModel(name, net, meta, compiled, true);
            }
            ComputationGraphConfiguration gc = (ComputationGraphConfiguration) conf;
            ComputationGraph graph = new ComputationGraph(gc);
            graph.init();
            heInitialise(graph.getLayers());
            stopIfCancelled(progress);
            progress.phase(Phase.COMPILE);
            CompiledNetwork compiled = Dl4jCompiler.compile(graph, input, null, name);
            ModelMetadata meta = metadata(name, compiled.description().classes().size(), chw);
            stopIfCancelled(progress);
            return new LoadedModel(name, graph, meta, compiled, true);
        } catch (OutOfMemoryError e) {
            throw new ModelLoadException(
                    preset.displayName() + " needs more memory than this Java VM may use "
                            + "(start it with a larger -Xmx)",
                    e);
        }
    }

    /** Seed of the weights every preset gets, so the same preset always shows the same numbers. */
    static final long WEIGHT_SEED = 42;

    /**
     * Redraws every convolution and dense weight from He's normal distribution (standard deviation sqrt(2 / fan-in)),
     * seeded. The zoo's own initialisations are meant for training, not for looking at: ResNet-50's truncated normal
     * with standard deviation 0.5 multiplies the activations' scale at every layer until float32 overflows
     * (infinities, then NaN, from about the 30th layer on). He's initialisation keeps every layer's values near 1
     * through ReLU networks, so every heatmap shows something.
     */
    static void heInitialise(Layer[] layers) {
        Nd4j.getRandom().setSeed(WEIGHT_SEED);
        for (Layer layer : layers) {
            var conf = layer.conf().getLayer();
            boolean convolution = conf instanceof ConvolutionLayer;
            boolean dense = conf instanceof DenseLayer || conf instanceof BaseOutputLayer;
            if (!convolution && !dense || !layer.paramTable().containsKey("W")) {
                continue;
            }
            var w = layer.getParam("W");
            // Convolution weights are [out, in, kh, kw]: fan-in is everything but the first axis. Dense: [in, out].
            long fanIn = convolution ? w.length() / w.size(0) : w.size(0);
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(2.0 / fanIn)));
        }
    }

    private static ModelMetadata metadata(String name, int outputs, int[] chw) {
        return new ModelMetadata(name, ClassLists.forUnlabelled(outputs), chw[1], chw[2], chw[0], null);
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
            if (layer instanceof ConvolutionLayer) {
                layer.setLayerName("conv" + block + "_" + ++convInBlock);
            } else if (layer instanceof SubsamplingLayer) {
                layer.setLayerName("pool" + block++);
                convInBlock = 0;
            } else if (layer instanceof BaseOutputLayer) {
                layer.setLayerName("output");
            } else if (layer instanceof DenseLayer) {
                layer.setLayerName("fc" + dense++);
            }
        }
    }

    /**
     * The chain of a graph with one input, one output and only layer vertices each reading the one before, as a
     * multi-layer configuration (VGG's, Darknet's: our compiler and DL4J's reference then work layer by layer);
     * null for a graph that branches or merges.
     */
    static MultiLayerConfiguration chainOf(ComputationGraphConfiguration graph) {
        if (graph.getNetworkInputs().size() != 1 || graph.getNetworkOutputs().size() != 1) {
            return null;
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
                return null;
            }
            String vertex = next.get(0);
            GraphVertex v = graph.getVertices().get(vertex);
            if (!(v instanceof LayerVertex lv)
                    || graph.getVertexInputs().get(vertex).size() != 1) {
                return null;
            }
            if (lv.getPreProcessor() != null) {
                preprocessors.put(confs.size(), lv.getPreProcessor().clone());
            }
            confs.add(lv.getLayerConf().clone());
            current = vertex;
        }
        if (confs.size() != graph.getVertices().size()) {
            return null;
        }
        nameNumberedLayers(confs);
        return new MultiLayerConfiguration.Builder()
                .confs(confs)
                .inputPreProcessors(preprocessors)
                .dataType(graph.getDataType())
                .build();
    }
}
