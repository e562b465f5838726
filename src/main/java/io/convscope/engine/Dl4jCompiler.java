package io.convscope.engine;

import io.convscope.network.ClassLists;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a DL4J network into a {@link CompiledNetwork}: walks its layers once, tracking the shape, and emits the
 * description and the {@link Step}s side by side. This class and its factories (one per family of layers) are the
 * only part of the compiled path that reads DL4J. A convolution or dense layer with a built-in activation becomes two
 * steps, so students see the linear result and the non-linearity as separate columns, as in CNN Explainer. A
 * {@link ComputationGraph} becomes the same kind of list in topological order, where merges read several steps.
 */
final class Dl4jCompiler {

    /** A DL4J layer: its runtime object (for parameters) and where its output appears in DL4J's feedForward. */
    record Ref(org.deeplearning4j.nn.api.Layer runtime, String key) {}

    private final List<LayerDescription> layers = new ArrayList<>();
    private final List<List<Integer>> inputs = new ArrayList<>();
    private final Map<String, LayerWeights> weights = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<String> dl4j = new ArrayList<>();
    /** For the layers whose steps have parameters: where they come from in DL4J. */
    private final Map<Integer, ParameterOwner> owners = new HashMap<>();
    /** The layer whose output the next step reads. */
    private int cursor;
    /** Its shape. */
    private Shape shape;
    /** Set after a channels-last flatten: the next dense layer's rows must be re-ordered to channel-major. */
    private Shape pendingHwcFlatten;

    private Dl4jCompiler(Shape input) {
        this.shape = input;
        layers.add(LayerDescription.elementwise("input", LayerKind.INPUT, input, input, "identity", 0));
        inputs.add(List.of());
        dl4j.add("0");
    }

    /** See {@link CompiledNetwork#compile(MultiLayerNetwork, Shape, List, String)}. */
    static CompiledNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        Dl4jCompiler c = new Dl4jCompiler(input);
        int n = net.getnLayers();
        boolean endsInSoftmax = false;
        for (int i = 0; i < n; i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            String layerName = conf.getLayerName() != null ? conf.getLayerName() : "layer_" + i;
            c.preprocessor(net.getLayerWiseConfigurations().getInputPreProcess(i), layerName);
            // An identity loss layer (Darknet-19's) computes nothing: the layer before it is the network's last.
            boolean last = i == n - 1
                    || (i == n - 2
                            && MapOutputFactory.isIdentityLoss(net.getLayerWiseConfigurations()
                                    .getConf(n - 1)
                                    .getLayer()));
            boolean softmax = c.layer(conf, layerName, new Ref(net.getLayer(i), Integer.toString(i + 1)), last);
            if (!(i == n - 1 && MapOutputFactory.isIdentityLoss(conf))) {
                endsInSoftmax = softmax; // an identity loss after the softmax changes nothing
            }
        }
        return c.finish(classes, name, endsInSoftmax);
    }

    /** See {@link CompiledNetwork#compile(ComputationGraph, Shape, List, String)}. */
    static CompiledNetwork compile(ComputationGraph graph, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new ModelLoadException(name + " has "
                    + conf.getNetworkInputs().size() + " inputs and "
                    + conf.getNetworkOutputs().size() + " outputs; ConvScope explains networks with one of each");
        }
        Dl4jCompiler c = new Dl4jCompiler(input);
        Map<String, Integer> outputOf = new HashMap<>();
        outputOf.put(conf.getNetworkInputs().get(0), 0);
        String output = conf.getNetworkOutputs().get(0);
        String beforeOutput = conf.getVertexInputs().get(output).get(0);
        boolean outputIsIdentityLoss = conf.getVertices().get(output) instanceof LayerVertex lv
                && MapOutputFactory.isIdentityLoss(lv.getLayerConf().getLayer());
        boolean endsInSoftmax = false;
        for (int index : graph.topologicalSortOrder()) {
            String vertex = graph.getVertices()[index].getVertexName();
            GraphVertex v = conf.getVertices().get(vertex);
            if (v == null) {
                continue; // the network input
            }
            List<Integer> in = new ArrayList<>();
            for (String from : conf.getVertexInputs().get(vertex)) {
                in.add(outputOf.get(from));
            }
            boolean last = vertex.equals(output) || (outputIsIdentityLoss && vertex.equals(beforeOutput));
            if (v instanceof LayerVertex lv) {
                c.readFrom(in.get(0));
                c.preprocessor(lv.getPreProcessor(), vertex);
                if (vertex.equals(output) && outputIsIdentityLoss) {
                    outputOf.put(vertex, c.cursor);
                    continue;
                }
                endsInSoftmax =
                        c.layer(lv.getLayerConf().getLayer(), vertex, new Ref(graph.getLayer(vertex), vertex), last);
            } else if (v instanceof PreprocessorVertex pv) {
                endsInSoftmax = false;
                c.readFrom(in.get(0));
                c.preprocessor(pv.getPreProcessor(), vertex);
            } else {
                endsInSoftmax = false;
                VertexFactory.vertex(c, v, vertex, in);
            }
            outputOf.put(vertex, c.cursor);
        }
        return c.finish(classes, name, endsInSoftmax);
    }

    /** Adds one DL4J layer's steps, handing it to the factory of its family; returns whether it ends in a softmax. */
    private boolean layer(Layer conf, String layerName, Ref ref, boolean last) throws ModelLoadException {
        if (conf instanceof ConvolutionLayer c && conf.getClass() == ConvolutionLayer.class) {
            ConvolutionFactory.convolution(this, c, layerName, ref);
        } else if (conf instanceof SeparableConvolution2D sc) {
            ConvolutionFactory.separable(this, sc, layerName, ref);
        } else if (conf instanceof SubsamplingLayer s && conf.getClass() == SubsamplingLayer.class) {
            PoolingFactory.pooling(this, s, layerName, ref);
        } else if (conf instanceof GlobalPoolingLayer g) {
            PoolingFactory.globalPooling(this, g, layerName, ref);
        } else if (conf instanceof ActivationLayer a) {
            ActivationFunction f = ActivationFunction.of(a.getActivationFn(), layerName);
            activation(layerName, f, alphaOf(a.getActivationFn()), ref.key());
            return last && f == ActivationFunction.SOFTMAX;
        } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            return DenseFactory.dense(this, conf, layerName, ref, last);
        } else if (conf instanceof DropoutLayer d) {
            // The identity at inference either way; only DL4J's plain Dropout is known to training.
            add(
                    LayerDescription.elementwise(layerName, LayerKind.ACTIVATION, shape, shape, "identity", 0),
                    d.getIDropout() instanceof Dropout plain && plain.getPSchedule() == null
                            ? new ElementwiseSteps.Dropout(plain.getP())
                            : new ElementwiseSteps.Identity(),
                    ref.key());
        } else if (conf instanceof BatchNormalization bn) {
            NormalisationFactory.batchNorm(this, bn, layerName, ref);
        } else if (conf instanceof LocalResponseNormalization lrn) {
            NormalisationFactory.localResponse(this, lrn, layerName, ref);
        } else if (conf instanceof ZeroPaddingLayer z) {
            LayoutFactory.zeroPadding(this, z, layerName, ref);
        } else if (conf instanceof Upsampling2D u) {
            LayoutFactory.upsampling(this, u, layerName, ref);
        } else if (conf instanceof SpaceToDepthLayer s) {
            LayoutFactory.spaceToDepth(this, s, layerName, ref);
        } else if (conf instanceof Yolo2OutputLayer y && last) {
            MapOutputFactory.detection(this, y, layerName, ref);
        } else if (last && MapOutputFactory.isLoss(conf)) {
            return MapOutputFactory.loss(this, conf, layerName, ref);
        } else {
            throw new ModelLoadException("layer " + layerName + " is a "
                    + conf.getClass().getSimpleName() + ", which ConvScope cannot explain yet");
        }
        return false;
    }

    private void preprocessor(InputPreProcessor p, String before) throws ModelLoadException {
        if (p == null) {
            return;
        }
        if (p instanceof FeedForwardToCnnPreProcessor f
                && f.getNumChannels() == shape.channels()
                && f.getInputHeight() == shape.height()
                && f.getInputWidth() == shape.width()) {
            return; // LeNet's: our input already is a channel-major map of exactly that shape
        }
        if (!(p instanceof CnnToFeedForwardPreProcessor cnn)) {
            throw new ModelLoadException("the model reshapes its data before " + before + " ("
                    + p.getClass().getSimpleName() + "), which ConvScope cannot explain yet");
        }
        Shape in = shape;
        pendingHwcFlatten = cnn.getFormat() == CNN2DFormat.NHWC ? in : null;
        // Channels-last order is handled by the dense layer that follows (DenseFactory).
        add(
                LayerDescription.elementwise("flatten", LayerKind.FLATTEN, in, Shape.vector(in.size()), "identity", 0),
                new ElementwiseSteps.Identity(),
                null);
    }

    private CompiledNetwork finish(List<String> classes, String name, boolean endsInSoftmax) throws ModelLoadException {
        if (cursor != layers.size() - 1) {
            throw new ModelLoadException("the network's output is not its last step");
        }
        String[] keys = dl4j.toArray(new String[0]);
        if (!shape.isVector()) {
            // U-Net's mask, YOLO's detection grid: the output is the last map itself, there are no class scores
            // (names a loader guessed from the last layer's size, its channel count, do not apply).
            NetworkDescription description = new NetworkDescription(name, List.of(), layers, weights, inputs);
            return new CompiledNetwork(description, steps, keys, -1, false, owners);
        }
        if (classes == null) {
            classes = ClassLists.forUnlabelled(shape.size()); // zoo presets: ImageNet's names for 1,000 outputs
        }
        if (shape.size() != classes.size()) {
            throw new ModelLoadException(
                    "the model has " + shape.size() + " outputs but " + classes.size() + " class names");
        }
        // When the last step is a separate softmax its input holds the logits; otherwise the last step's output does.
        int logits = endsInSoftmax ? inputs.get(layers.size() - 1).get(0) : layers.size() - 1;
        NetworkDescription description = new NetworkDescription(name, classes, layers, weights, inputs);
        return new CompiledNetwork(description, steps, keys, logits, endsInSoftmax, owners);
    }

    // ---- what the factories use ----

    /** The shape of the current layer's output, which the next step reads. */
    Shape shape() {
        return shape;
    }

    /** The output shape of an earlier layer. */
    Shape shapeOf(int layer) {
        return layers.get(layer).outputShape();
    }

    /** The next step reads layer {@code layer}'s output. */
    void readFrom(int layer) {
        cursor = layer;
        shape = shapeOf(layer);
    }

    /** The flattened map when the last flatten was channels-last, once: the dense layer that asks re-orders its rows. */
    Shape takeHwcFlatten() {
        Shape s = pendingHwcFlatten;
        pendingHwcFlatten = null;
        return s;
    }

    /** The current layer's step has parameters: they are written back to DL4J as {@code owner} says. */
    void ownParameters(ParameterOwner owner) {
        owners.put(cursor, owner);
    }

    void putWeights(String layer, LayerWeights w) {
        weights.put(layer, w);
    }

    /** A separate activation step on the current layer. */
    void activation(String name, ActivationFunction f, double alpha, String dl4jKey) {
        add(
                LayerDescription.elementwise(name, LayerKind.ACTIVATION, shape, shape, f.label, 0),
                new ElementwiseSteps.Activation(f, alpha),
                dl4jKey);
    }

    /** A step reading the current layer; it becomes the current layer. */
    void add(LayerDescription d, Step.OneInput step, String dl4jKey) {
        append(d, step, List.of(cursor), dl4jKey);
    }

    /** A step reading several layers; it becomes the current layer. */
    void merge(LayerDescription d, List<Integer> from, Step step, String dl4jKey) {
        append(d, step, from, dl4jKey);
    }

    private void append(LayerDescription d, Step step, List<Integer> from, String dl4jKey) {
        layers.add(d);
        inputs.add(List.copyOf(from));
        steps.add(step);
        dl4j.add(dl4jKey);
        cursor = layers.size() - 1;
        shape = d.outputShape();
    }

    /** The negative slope of a leaky ReLU, 0 for every other activation. */
    static double alphaOf(IActivation a) {
        return a instanceof ActivationLReLU l ? l.getAlpha() : 0;
    }
}
