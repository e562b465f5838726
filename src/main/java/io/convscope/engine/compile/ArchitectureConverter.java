package io.convscope.engine.compile;

import io.convscope.engine.LoadedModel;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.TensorShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts DL4J network configurations ({@link MultiLayerConfiguration}, {@link ComputationGraphConfiguration}) to
 * {@link ArchitectureGraph}s without creating any weights. Shapes are DL4J's own
 * ({@code getLayerActivationTypes}, so its ConvolutionMode rounding holds); parameters are each layer's
 * {@code initializer().numParams(conf)}.
 *
 * <h2>Formulas (E = output values, K = k_h·k_w, outputs H_out×W_out×C_out)</h2>
 * <ul>
 *   <li>Parameters: {@code initializer().numParams}; non-trainable are BatchNormalization's running mean and variance
 *       (or log-std), C each, and every parameter of a frozen layer; the rest (weights, biases, γ, β) is trainable.</li>
 *   <li>ConvolutionLayer: MACs = K·C_in·C_out·H_out·W_out (DL4J convolutions have no groups).</li>
 *   <li>DepthwiseConvolution2D (depth multiplier m): MACs = K·C_in·m·H_out·W_out.
 *       SeparableConvolution2D: that plus the pointwise C_in·m·C_out·H_out·W_out.</li>
 *   <li>Deconvolution2D: MACs = C_in·H_in·W_in·K·C_out.</li>
 *   <li>Dense and output layers: MACs = n_in·n_out.</li>
 *   <li>SubsamplingLayer: K comparisons (MAX) or additions (AVG, SUM, PNORM) per output value; GlobalPoolingLayer:
 *       one per input value.</li>
 *   <li>BatchNormalization: 1 MAC per value (at inference it folds into x·γ/σ + (β − μγ/σ)).
 *       LocalResponseNormalization: n MACs + 1 addition + 1 exponential + 2 divisions per value.</li>
 *   <li>Activation functions, fused into a layer or as an ActivationLayer: identity 0; softmax, sigmoid, tanh and
 *       their kin 1 exponential + 1 addition + 1 division per value; ReLU and every other function 1 comparison per
 *       value. Dropout: 0 (the identity at inference).</li>
 *   <li>Vertices: element-wise Add/Subtract (n−1)·E additions, Product (n−1)·E MACs, Max (n−1)·E comparisons,
 *       Average (n−1)·E additions + E divisions; ScaleVertex E MACs; ShiftVertex E additions; L2NormalizeVertex
 *       E MACs + E divisions; Merge, preprocessors, padding, cropping, upsampling: 0.</li>
 * </ul>
 * Input preprocessors that reshape (CNN → dense flattening) appear as their own {@link NodeType#RESHAPE} node.
 * The counting itself is in {@link ArchitectureNodes}; this class walks the configurations in order.
 */
public final class ArchitectureConverter {

    private ArchitectureConverter() {}

    /** A loaded model (any format ModelLoader reads), at the input size its metadata gives. */
    public static ArchitectureGraph of(LoadedModel model) {
        InputType input = InputType.convolutional(
                model.inputHeight(), model.inputWidth(), model.metadata().inputChannels());
        return model.network() instanceof ComputationGraph g
                ? of(model.source(), g.getConfiguration(), input)
                : of(model.source(), model.chain().getLayerWiseConfigurations(), input);
    }

    public static ArchitectureGraph of(String name, MultiLayerConfiguration conf, InputType input) {
        ArchitectureNodes c = new ArchitectureNodes();
        List<InputType> types = conf.getLayerActivationTypes(input);
        String previous = c.input("input", input);
        InputType previousType = input;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration nnc = conf.getConf(i);
            Layer layer = nnc.getLayer();
            String layerName = layer.getLayerName() == null ? "layer" + i : layer.getLayerName();
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                InputType after = pre.getOutputType(previousType);
                previous = c.preprocessor(layerName, pre, List.of(previous), previousType, after);
                previousType = after;
            }
            previous = c.layer(layerName, nnc, List.of(previous), List.of(previousType), types.get(i));
            previousType = types.get(i);
        }
        return ArchitectureGraph.of(name, c.nodes, c.warnings);
    }

    public static ArchitectureGraph of(String name, ComputationGraphConfiguration conf, InputType... inputs) {
        ArchitectureNodes c = new ArchitectureNodes();
        Map<String, InputType> types = new HashMap<>(conf.getLayerActivationTypes(inputs));
        List<String> networkInputs = conf.getNetworkInputs();
        for (int i = 0; i < networkInputs.size(); i++) {
            types.put(networkInputs.get(i), inputs[i]);
            c.input(networkInputs.get(i), inputs[i]);
        }
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        for (String vertexName : topologicalOrder(conf)) {
            if (networkInputs.contains(vertexName)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(vertexName);
            List<String> ins = vertexInputs.getOrDefault(vertexName, List.of());
            List<String> from = ins.stream().map(c::producer).toList();
            List<InputType> inTypes = ins.stream().map(types::get).toList();
            InputType out = types.get(vertexName);
            if (v instanceof LayerVertex lv) {
                if (lv.getPreProcessor() != null) {
                    InputType after = lv.getPreProcessor().getOutputType(inTypes.get(0));
                    from = List.of(c.preprocessor(vertexName, lv.getPreProcessor(), from, inTypes.get(0), after));
                    inTypes = List.of(after);
                }
                c.layer(vertexName, lv.getLayerConf(), from, inTypes, out);
            } else {
                c.vertex(vertexName, v, from, inTypes, out);
            }
        }
        return ArchitectureGraph.of(name, c.nodes, c.warnings);
    }

    /** Kahn's algorithm over the vertex inputs, ties in declaration order (DL4J's own order is not public API). */
    private static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<String> all = new ArrayList<>(conf.getNetworkInputs());
        conf.getVertices().keySet().stream().filter(v -> !all.contains(v)).forEach(all::add);
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (order.size() < all.size() && progress) {
            progress = false;
            for (String v : all) {
                if (!done.contains(v) && done.containsAll(inputs.getOrDefault(v, List.of()))) {
                    order.add(v);
                    done.add(v);
                    progress = true;
                }
            }
        }
        if (order.size() < all.size()) {
            throw new IllegalArgumentException("the graph has a cycle or an undefined input");
        }
        return order;
    }

    /** DL4J's InputType without the minibatch axis: C×H×W for images, [n] for vectors, [n, t] for sequences. */
    static TensorShape shapeOf(InputType t) {
        if (t == null) {
            return TensorShape.UNKNOWN;
        }
        if (t instanceof InputType.InputTypeConvolutional c) {
            return TensorShape.chw((int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth());
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat f) {
            return TensorShape.vector((int) f.arrayElementsPerExample());
        }
        long[] s = t.getShape(false);
        return TensorShape.of(
                Arrays.stream(s).mapToInt(x -> (int) Math.max(1, x)).toArray());
    }
}
