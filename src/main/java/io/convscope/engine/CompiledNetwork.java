package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.ClassLists;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DL4J network turned into a list of steps over plain arrays, with every step's output kept. Built once per model;
 * {@link #forward(float[])} is thread-safe (steps hold only read-only parameters).
 * A convolution or dense layer with a built-in activation becomes two steps, so students see the linear result and
 * the non-linearity as separate columns, as in CNN Explainer. A {@link ComputationGraph} (ResNet, Inception,
 * SqueezeNet) becomes the same kind of list in topological order, where additions and concatenations read
 * several earlier steps.
 */
public final class CompiledNetwork {

    /** One computation: reads one earlier step's output, returns a new array. */
    private interface Step {
        float[] run(float[] in);
    }

    /** A computation that reads several earlier outputs (an addition, a concatenation). */
    private interface MergeStep {
        float[] run(float[][] in);
    }

    /** A DL4J layer: its runtime object (for parameters) and where its output appears in DL4J's feedForward. */
    private record Ref(org.deeplearning4j.nn.api.Layer runtime, String key) {
    }

    private final NetworkDescription description;
    /** One per description layer after the input: a {@link Step} or a {@link MergeStep}. */
    private final List<Object> steps;
    private final int[][] inputs;
    /**
     * For each description layer, the key of the DL4J output it equals ({@code MultiLayerNetwork.feedForward}'s list
     * index, or a graph's vertex name), or null.
     */
    private final String[] dl4jKey;
    /** Index of the layer whose output is the logits (an output layer with softmax keeps its logits as its value). */
    private final int logitsLayer;
    /** True when the last layer is a separate softmax, whose output then is the probabilities. */
    private final boolean endsInSoftmax;

    private CompiledNetwork(NetworkDescription description, List<Object> steps, String[] dl4jKey,
                            int logitsLayer, boolean endsInSoftmax) {
        this.description = description;
        this.steps = steps;
        this.dl4jKey = dl4jKey;
        this.logitsLayer = logitsLayer;
        this.endsInSoftmax = endsInSoftmax;
        this.inputs = new int[description.layers().size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = description.inputsOf(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public NetworkDescription description() {
        return description;
    }

    /** Where layer {@code i} of the description appears in a MultiLayerNetwork's own {@code feedForward}, or -1. */
    public int dl4jIndexOf(int layer) {
        return dl4jKey[layer] == null ? -1 : Integer.parseInt(dl4jKey[layer]);
    }

    /** The ComputationGraph vertex whose output layer {@code i} of the description equals, or null. */
    public String dl4jVertexOf(int layer) {
        return dl4jKey[layer];
    }

    /** Runs one input, channel-major {@code [c][y][x]}, and keeps every layer's output. */
    public ActivationSnapshot forward(float[] input) {
        Shape inShape = description.inputShape();
        if (input.length != inShape.size()) {
            throw new IllegalArgumentException("input has " + input.length + " values; the model needs " + inShape);
        }
        float[][] values = new float[steps.size() + 1][];
        List<LayerActivation> outputs = new ArrayList<>(steps.size() + 1);
        values[0] = input.clone(); // the caller keeps its array; ours must never change
        outputs.add(new LayerActivation(inShape, values[0]));
        for (int i = 1; i <= steps.size(); i++) {
            Object step = steps.get(i - 1);
            if (step instanceof Step single) {
                values[i] = single.run(values[inputs[i][0]]);
            } else {
                float[][] in = new float[inputs[i].length][];
                for (int k = 0; k < in.length; k++) {
                    in[k] = values[inputs[i][k]];
                }
                values[i] = ((MergeStep) step).run(in);
            }
            outputs.add(new LayerActivation(description.layer(i).outputShape(), values[i]));
        }
        if (logitsLayer < 0) {
            return new ActivationSnapshot(description, outputs, new float[0], new float[0]); // a map output
        }
        float[] logits = outputs.get(logitsLayer).toArray();
        float[] probabilities;
        if (endsInSoftmax) {
            probabilities = values[values.length - 1].clone();
        } else {
            probabilities = logits.clone();
            ActivationFunction.softmaxInPlace(probabilities);
        }
        return new ActivationSnapshot(description, outputs, logits, probabilities);
    }

    /** Compiles a network whose input is {@code input}; refuses layers it cannot compute exactly. */
    public static CompiledNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        Compiler c = new Compiler(input);
        int n = net.getnLayers();
        boolean endsInSoftmax = false;
        for (int i = 0; i < n; i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            String layerName = conf.getLayerName() != null ? conf.getLayerName() : "layer_" + i;
            c.preprocessor(net.getLayerWiseConfigurations().getInputPreProcess(i), layerName);
            // An identity loss layer (Darknet-19's) computes nothing: the layer before it is the network's last.
            boolean last = i == n - 1
                    || (i == n - 2 && Compiler.isIdentityLoss(net.getLayerWiseConfigurations().getConf(n - 1).getLayer()));
            boolean softmax = c.layer(conf, layerName, new Ref(net.getLayer(i), Integer.toString(i + 1)), last);
            if (!(i == n - 1 && Compiler.isIdentityLoss(conf))) {
                endsInSoftmax = softmax; // an identity loss after the softmax changes nothing
            }
        }
        return c.finish(classes, name, endsInSoftmax);
    }

    /**
     * Compiles a graph with one input and one output, vertex by vertex in DL4J's topological order; refuses vertices
     * it cannot compute exactly. With {@code classes} null, the classes are numbered ("class 0"...).
     */
    public static CompiledNetwork compile(ComputationGraph graph, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new ModelLoadException(name + " has " + conf.getNetworkInputs().size() + " inputs and "
                    + conf.getNetworkOutputs().size() + " outputs; ConvScope explains networks with one of each");
        }
        Compiler c = new Compiler(input);
        Map<String, Integer> outputOf = new HashMap<>();
        outputOf.put(conf.getNetworkInputs().get(0), 0);
        String output = conf.getNetworkOutputs().get(0);
        String beforeOutput = conf.getVertexInputs().get(output).get(0);
        boolean outputIsIdentityLoss = conf.getVertices().get(output) instanceof LayerVertex lv
                && Compiler.isIdentityLoss(lv.getLayerConf().getLayer());
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
                Layer layer = lv.getLayerConf().getLayer();
                if (last && vertex.equals(output) && outputIsIdentityLoss) {
                    outputOf.put(vertex, c.cursor());
                    continue;
                }
                endsInSoftmax = c.layer(layer, vertex, new Ref(graph.getLayer(vertex), vertex), last);
            } else {
                endsInSoftmax = false;
                c.vertex(v, vertex, in);
            }
            outputOf.put(vertex, c.cursor());
        }
        return c.finish(classes, name, endsInSoftmax);
    }

    /** Walks the DL4J layers once, tracking the shape, and emits descriptions and steps side by side. */
    private static final class Compiler {
        private final List<LayerDescription> layers = new ArrayList<>();
        private final List<List<Integer>> inputs = new ArrayList<>();
        private final Map<String, LayerWeights> weights = new LinkedHashMap<>();
        private final List<Object> steps = new ArrayList<>();
        private final List<String> dl4j = new ArrayList<>();
        /** The layer whose output the next step reads. */
        private int cursor;
        /** Its shape. */
        private Shape shape;
        /** Set after a channels-last flatten: the next dense layer's rows must be re-ordered to channel-major. */
        private Shape pendingHwcFlatten;

        Compiler(Shape input) {
            this.shape = input;
            layers.add(LayerDescription.elementwise("input", LayerKind.INPUT, input, input, "identity", 0));
            inputs.add(List.of());
            dl4j.add("0");
        }

        int cursor() {
            return cursor;
        }

        /** The next step reads layer {@code layer}'s output. */
        void readFrom(int layer) {
            cursor = layer;
            shape = layers.get(layer).outputShape();
        }

        /** Adds one DL4J layer's steps; returns whether it ends in a separate softmax. */
        boolean layer(Layer conf, String layerName, Ref ref, boolean last) throws ModelLoadException {
            if (conf instanceof ConvolutionLayer c && conf.getClass() == ConvolutionLayer.class) {
                convolution(c, layerName, ref);
            } else if (conf instanceof SeparableConvolution2D sc) {
                separable(sc, layerName, ref);
            } else if (conf instanceof SubsamplingLayer s && conf.getClass() == SubsamplingLayer.class) {
                pooling(s, layerName, ref);
            } else if (conf instanceof ActivationLayer a) {
                ActivationFunction f = ActivationFunction.of(a.getActivationFn(), layerName);
                activation(layerName, f, alphaOf(a.getActivationFn()), ref.key());
                return last && f == ActivationFunction.SOFTMAX;
            } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
                return dense((BaseLayer) conf, layerName, ref, last);
            } else if (conf instanceof DropoutLayer) {
                add(LayerDescription.elementwise(layerName, LayerKind.ACTIVATION, shape, shape, "identity", 0),
                        x -> x, ref.key());
            } else if (conf instanceof ZeroPaddingLayer z) {
                zeroPadding(z, layerName, ref);
            } else if (conf instanceof BatchNormalization bn) {
                batchNorm(bn, layerName, ref);
            } else if (conf instanceof LocalResponseNormalization lrn) {
                localResponse(lrn, layerName, ref);
            } else if (conf instanceof GlobalPoolingLayer g) {
                globalPooling(g, layerName, ref);
            } else if (conf instanceof Upsampling2D u) {
                upsampling(u, layerName, ref);
            } else if (conf instanceof SpaceToDepthLayer s) {
                spaceToDepth(s, layerName, ref);
            } else if (conf instanceof Yolo2OutputLayer y && last) {
                detection(y, layerName, ref);
            } else if ((conf instanceof LossLayer || conf instanceof CnnLossLayer) && last && !isIdentityLoss(conf)) {
                // SqueezeNet ends in a loss layer whose softmax turns the pooled scores into probabilities; U-Net in
                // a per-pixel one whose sigmoid turns each pixel's score into a mask value.
                var fn = ((BaseLayer) conf).getActivationFn();
                ActivationFunction f = ActivationFunction.of(fn, layerName);
                activation(layerName, f, alphaOf(fn), ref.key());
                return f == ActivationFunction.SOFTMAX;
            } else if (isIdentityLoss(conf) && last) {
                return false; // nothing to compute or show; DL4J's own output equals its input
            } else {
                throw new ModelLoadException("layer " + layerName + " is a " + conf.getClass().getSimpleName()
                        + ", which ConvScope cannot explain yet");
            }
            return false;
        }

        /** A graph vertex that is not a layer: a merge, a sum, a scaling. */
        void vertex(GraphVertex v, String name, List<Integer> from) throws ModelLoadException {
            List<Shape> shapes = from.stream().map(i -> layers.get(i).outputShape()).toList();
            Shape first = shapes.get(0);
            if (v instanceof ElementWiseVertex ew) {
                for (Shape s : shapes) {
                    if (!s.equals(first)) {
                        throw new ModelLoadException("vertex " + name + " combines outputs of different shapes "
                                + shapes);
                    }
                }
                ElementWiseVertex.Op op = ew.getOp();
                if (op == ElementWiseVertex.Op.Subtract && from.size() != 2) {
                    throw new ModelLoadException("vertex " + name + " subtracts " + from.size() + " inputs; DL4J needs 2");
                }
                merge(LayerDescription.elementwise(name, op == ElementWiseVertex.Op.Add ? LayerKind.ADD : LayerKind.MERGE,
                        first, first, op.name().toLowerCase(java.util.Locale.ROOT), 0), from, in -> {
                    float[] y = in[0].clone();
                    for (int k = 1; k < in.length; k++) {
                        ForwardKernels.combine(y, in[k], op);
                    }
                    if (op == ElementWiseVertex.Op.Average) {
                        float n = in.length;
                        for (int i = 0; i < y.length; i++) {
                            y[i] /= n;
                        }
                    }
                    return y;
                }, name);
            } else if (v instanceof MergeVertex) {
                concat(name, from, shapes);
            } else if (v instanceof ScaleVertex sv) {
                float factor = (float) sv.getScaleFactor();
                readFrom(from.get(0));
                weights.put(name, new LayerWeights(1, 1, 1, 1, new float[] {factor}, new float[1]));
                add(LayerDescription.elementwise(name, LayerKind.SCALE, first, first, "identity", 0), x -> {
                    float[] y = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = x[i] * factor;
                    }
                    return y;
                }, name);
            } else if (v instanceof L2NormalizeVertex l2 && first.isVector()) {
                double eps = l2.getEps();
                readFrom(from.get(0));
                add(LayerDescription.elementwise(name, LayerKind.L2_NORMALIZE, first, first, "identity", 0), x -> {
                    double sum = 0;
                    for (float value : x) {
                        sum += (double) value * value;
                    }
                    // DL4J divides by the length, or by eps when the length is smaller
                    float norm = (float) Math.max(Math.sqrt(sum), eps);
                    float[] y = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = x[i] / norm;
                    }
                    return y;
                }, name);
            } else if (v instanceof PreprocessorVertex pv) {
                readFrom(from.get(0));
                preprocessor(pv.getPreProcessor(), name);
            } else {
                throw new ModelLoadException("vertex " + name + " is a " + v.getClass().getSimpleName()
                        + ", which ConvScope cannot explain yet");
            }
        }

        /** Channels of maps with equal height and width (or vectors) stacked in input order. */
        private void concat(String name, List<Integer> from, List<Shape> shapes) throws ModelLoadException {
            Shape first = shapes.get(0);
            int channels = 0;
            for (Shape s : shapes) {
                if (s.height() != first.height() || s.width() != first.width()) {
                    throw new ModelLoadException("vertex " + name + " concatenates maps of different sizes " + shapes);
                }
                channels += s.channels();
            }
            Shape out = new Shape(channels, first.height(), first.width());
            merge(LayerDescription.elementwise(name, LayerKind.CONCAT, first, out, "identity", 0), from, in -> {
                float[] y = new float[out.size()];
                int at = 0;
                for (float[] part : in) {
                    System.arraycopy(part, 0, y, at, part.length); // channel-major: a channel block after another
                    at += part.length;
                }
                return y;
            }, name);
        }

        private void upsampling(Upsampling2D u, String name, Ref ref) throws ModelLoadException {
            int[] size = u.getSize();
            if (u.getFormat() == CNN2DFormat.NHWC) {
                throw new ModelLoadException("layer " + name + " upsamples channels-last data, which ConvScope does not support");
            }
            Shape in = shape;
            Shape out = new Shape(in.channels(), in.height() * size[0], in.width() * size[1]);
            shape = out;
            add(LayerDescription.elementwise(name, LayerKind.UPSAMPLE, in, out, "identity", 0), x -> {
                float[] y = new float[out.size()];
                for (int c = 0; c < in.channels(); c++) {
                    for (int oy = 0; oy < out.height(); oy++) {
                        int src = (c * in.height() + oy / size[0]) * in.width();
                        int dst = (c * out.height() + oy) * out.width();
                        for (int ox = 0; ox < out.width(); ox++) {
                            y[dst + ox] = x[src + ox / size[1]];
                        }
                    }
                }
                return y;
            }, ref.key());
        }

        CompiledNetwork finish(List<String> classes, String name, boolean endsInSoftmax) throws ModelLoadException {
            if (cursor != layers.size() - 1) {
                throw new ModelLoadException("the network's output is not its last step");
            }
            if (!shape.isVector()) {
                // U-Net's mask, YOLO's detection grid: the output is the last map itself, there are no class scores
                // (names a loader guessed from the last layer's size, its channel count, do not apply).
                NetworkDescription description = new NetworkDescription(name, List.of(), layers, weights, inputs);
                return new CompiledNetwork(description, steps, dl4j.toArray(new String[0]), -1, false);
            }
            if (classes == null) {
                classes = ClassLists.forUnlabelled(shape.size()); // zoo presets: ImageNet's names for 1,000 outputs
            }
            if (shape.size() != classes.size()) {
                throw new ModelLoadException("the model has " + shape.size() + " outputs but " + classes.size()
                        + " class names");
            }
            // When the last step is a separate softmax its input holds the logits; otherwise the last step's output does.
            int logits = endsInSoftmax ? inputs.get(layers.size() - 1).get(0) : layers.size() - 1;
            NetworkDescription description = new NetworkDescription(name, classes, layers, weights, inputs);
            return new CompiledNetwork(description, steps, dl4j.toArray(new String[0]), logits, endsInSoftmax);
        }

        void preprocessor(InputPreProcessor p, String before) throws ModelLoadException {
            if (p == null) {
                return;
            }
            if (p instanceof FeedForwardToCnnPreProcessor f && f.getNumChannels() == shape.channels()
                    && f.getInputHeight() == shape.height() && f.getInputWidth() == shape.width()) {
                return; // LeNet's: our input already is a channel-major map of exactly that shape
            }
            if (!(p instanceof CnnToFeedForwardPreProcessor cnn)) {
                throw new ModelLoadException("the model reshapes its data before " + before + " ("
                        + p.getClass().getSimpleName() + "), which ConvScope cannot explain yet");
            }
            Shape in = shape;
            shape = Shape.vector(in.size());
            pendingHwcFlatten = cnn.getFormat() == CNN2DFormat.NHWC ? in : null;
            // Our arrays are channel-major already and never change once made, so flattening shares the array;
            // channels-last order is handled in dense().
            add(LayerDescription.elementwise("flatten", LayerKind.FLATTEN, in, shape, "identity", 0),
                    x -> x, null);
        }

        /**
         * A separable convolution (Xception's) is two steps a student can look at one by one: a depthwise
         * convolution, each input channel convolved on its own with {@code depthMultiplier} kernels (no bias), then
         * a pointwise 1x1 convolution mixing those channels, with the bias and the activation. DL4J keeps the
         * depthwise kernels as {@code W [multiplier][in][kh][kw]} and orders their outputs channel-major
         * ({@code c * multiplier + m}), the pointwise ones as {@code pW [out][in * multiplier][1][1]}.
         */
        private void separable(SeparableConvolution2D c, String name, Ref ref) throws ModelLoadException {
            ForwardKernels.Window win = window(c.getKernelSize(), c.getStride(), c.getDilation(), c.getPadding(),
                    c.getConvolutionMode(), name);
            int inC = shape.channels();
            if (c.getNIn() != inC) {
                throw new ModelLoadException("layer " + name + " expects " + c.getNIn() + " channels but receives " + inC);
            }
            int multiplier = c.getDepthMultiplier();
            int midC = inC * multiplier;
            int outC = (int) c.getNOut();
            int taps = win.kernelH() * win.kernelW();
            float[] dlDepth = ref.runtime().getParam("W").dup('c').data().asFloat();
            float[] depth = new float[midC * taps];
            for (int m = 0; m < multiplier; m++) {
                for (int ch = 0; ch < inC; ch++) {
                    System.arraycopy(dlDepth, (m * inC + ch) * taps, depth, (ch * multiplier + m) * taps, taps);
                }
            }
            float[] point = ref.runtime().getParam("pW").dup('c').data().asFloat();
            float[] b = c.hasBias() ? ref.runtime().getParam("b").dup().data().asFloat() : new float[outC];
            int[] hw = outputSize(win, c.getConvolutionMode(), name);
            Shape in = shape;
            Shape mid = new Shape(midC, hw[0], hw[1]);
            String depthName = name + "_depthwise";
            weights.put(depthName, new LayerWeights(midC, 1, win.kernelH(), win.kernelW(), depth, new float[midC], inC));
            Padding padding = new Padding(win.padTop(), win.padLeft(), bottomPad(win, in.height(), hw[0], true),
                    bottomPad(win, in.width(), hw[1], false));
            add(new LayerDescription(depthName, LayerKind.CONVOLUTION, in, mid,
                            new Window(win.kernelH(), win.kernelW()), new Window(win.strideH(), win.strideW()),
                            padding, "identity", depth.length),
                    x -> {
                        float[] y = new float[mid.size()];
                        ForwardKernels.depthwise(x, inC, in.height(), in.width(), depth, win, y, hw[0], hw[1],
                                multiplier);
                        return y;
                    }, null);
            shape = mid;
            Shape out = new Shape(outC, hw[0], hw[1]);
            ForwardKernels.Window unit = new ForwardKernels.Window(1, 1, 1, 1, 1, 1, 0, 0);
            weights.put(name, new LayerWeights(outC, midC, 1, 1, point, b));
            ActivationFunction f = ActivationFunction.of(c.getActivationFn(), name);
            add(new LayerDescription(name, LayerKind.CONVOLUTION, mid, out, new Window(1, 1), new Window(1, 1),
                            Padding.NONE, "identity", (long) point.length + (c.hasBias() ? outC : 0)),
                    convolutionStep(mid, out, point, b, unit), f == ActivationFunction.IDENTITY ? ref.key() : null);
            shape = out;
            if (f != ActivationFunction.IDENTITY) {
                activation(name + "_" + f.label, f, alphaOf(c.getActivationFn()), ref.key());
            }
        }

        /** A cross-correlation step; layers with many multiply-accumulates go through native BLAS. */
        private static Step convolutionStep(Shape in, Shape out, float[] w, float[] b, ForwardKernels.Window win) {
            int outC = out.channels();
            long macs = (long) w.length * out.height() * out.width();
            INDArray wNative = macs >= NativeGemm.MIN_MACS ? NativeGemm.matrix(w, outC, w.length / outC) : null;
            return x -> {
                float[] y = new float[out.size()];
                if (wNative != null) {
                    ForwardKernels.convolveNative(x, in.channels(), in.height(), in.width(), wNative, b, win,
                            y, out.height(), out.width());
                } else {
                    ForwardKernels.convolve(x, in.channels(), in.height(), in.width(), w, b, win,
                            y, out.height(), out.width(), 0, outC);
                }
                return y;
            };
        }

        private void convolution(ConvolutionLayer c, String name, Ref ref) throws ModelLoadException {
            ForwardKernels.Window win = window(c.getKernelSize(), c.getStride(), c.getDilation(), c.getPadding(),
                    c.getConvolutionMode(), name);
            int outC = (int) c.getNOut();
            int inC = shape.channels();
            if (c.getNIn() != inC) {
                throw new ModelLoadException("layer " + name + " expects " + c.getNIn() + " channels but receives " + inC);
            }
            int[] hw = outputSize(win, c.getConvolutionMode(), name);
            Shape in = shape;
            Shape out = new Shape(outC, hw[0], hw[1]);
            float[] w = ref.runtime().getParam("W").dup('c').data().asFloat();
            float[] b = c.hasBias() ? ref.runtime().getParam("b").dup().data().asFloat() : new float[outC];
            weights.put(name, new LayerWeights(outC, inC, win.kernelH(), win.kernelW(), w, b));
            shape = out;
            ActivationFunction f = ActivationFunction.of(c.getActivationFn(), name);
            Padding padding = new Padding(win.padTop(), win.padLeft(), bottomPad(win, in.height(), hw[0], true),
                    bottomPad(win, in.width(), hw[1], false));
            add(new LayerDescription(name, LayerKind.CONVOLUTION, in, out,
                            new Window(win.kernelH(), win.kernelW()), new Window(win.strideH(), win.strideW()),
                            padding, "identity", (long) w.length + (c.hasBias() ? outC : 0)),
                    convolutionStep(in, out, w, b, win), f == ActivationFunction.IDENTITY ? ref.key() : null);
            if (f != ActivationFunction.IDENTITY) {
                activation(name + "_" + f.label, f, alphaOf(c.getActivationFn()), ref.key());
            }
        }

        private void pooling(SubsamplingLayer s, String name, Ref ref) throws ModelLoadException {
            boolean max = s.getPoolingType() == PoolingType.MAX;
            if (!max && s.getPoolingType() != PoolingType.AVG) {
                throw new ModelLoadException("layer " + name + " uses " + s.getPoolingType()
                        + " pooling, which ConvScope does not support");
            }
            ForwardKernels.Window win = window(s.getKernelSize(), s.getStride(), s.getDilation(), s.getPadding(),
                    s.getConvolutionMode(), name);
            int[] hw = outputSize(win, s.getConvolutionMode(), name);
            Shape in = shape;
            Shape out = new Shape(in.channels(), hw[0], hw[1]);
            boolean padInDivisor = s.isAvgPoolIncludePadInDivisor();
            shape = out;
            add(new LayerDescription(name, max ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL, in, out,
                            new Window(win.kernelH(), win.kernelW()), new Window(win.strideH(), win.strideW()),
                            new Padding(win.padTop(), win.padLeft(), bottomPad(win, in.height(), hw[0], true),
                                    bottomPad(win, in.width(), hw[1], false)), "identity", 0),
                    x -> {
                        float[] y = new float[out.size()];
                        ForwardKernels.pool(x, in.channels(), in.height(), in.width(), win, max, padInDivisor,
                                y, out.height(), out.width());
                        return y;
                    }, ref.key());
        }

        private boolean dense(BaseLayer d, String name, Ref ref, boolean last) throws ModelLoadException {
            if (!shape.isVector()) {
                throw new ModelLoadException("layer " + name + " is dense but receives a " + shape + " map without a flatten step");
            }
            int nIn = shape.channels();
            int nOut = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) d).getNOut();
            INDArray wArr = ref.runtime().getParam("W");
            if (wArr.rows() != nIn) {
                throw new ModelLoadException("layer " + name + " expects " + wArr.rows() + " inputs but receives " + nIn);
            }
            boolean hasBias = d instanceof DenseLayer dl ? dl.hasBias() : ((BaseOutputLayer) d).hasBias();
            float[] b = hasBias ? ref.runtime().getParam("b").dup().data().asFloat() : new float[nOut];
            float[] w;
            if (pendingHwcFlatten == null) {
                // ND4J transposes VGG's 25,088 x 4,096 matrix far faster than a strided Java loop would.
                w = NativeGemm.toArray(wArr.transpose().dup('c'));
            } else {
                float[] wInOut = wArr.dup('c').data().asFloat();
                w = new float[nIn * nOut];
                for (int i = 0; i < nIn; i++) {
                    int chw = hwcToChw(i, pendingHwcFlatten);
                    for (int o = 0; o < nOut; o++) {
                        w[o * nIn + chw] = wInOut[i * nOut + o];
                    }
                }
            }
            pendingHwcFlatten = null;
            INDArray wNative = (long) nIn * nOut >= NativeGemm.MIN_MACS ? NativeGemm.matrix(w, nOut, nIn) : null;
            Step linear = x -> {
                float[] y = new float[nOut];
                if (wNative != null) {
                    NativeGemm.multiplyVector(wNative, x, y);
                    for (int o = 0; o < nOut; o++) {
                        y[o] += b[o];
                    }
                } else {
                    ForwardKernels.dense(x, w, b, y);
                }
                return y;
            };
            weights.put(name, new LayerWeights(nOut, nIn, 1, 1, w, b));
            ActivationFunction f = ActivationFunction.of(d.getActivationFn(), name);
            Shape in = shape;
            Shape out = Shape.vector(nOut);
            shape = out;
            long params = (long) nIn * nOut + (hasBias ? nOut : 0);
            if (last && f == ActivationFunction.SOFTMAX) {
                // The output layer: logits are kept as this layer's output, probabilities come from softmax below.
                add(LayerDescription.elementwise(name, LayerKind.OUTPUT, in, out, "softmax", params), linear, null);
                return false;
            }
            add(LayerDescription.elementwise(name, last ? LayerKind.OUTPUT : LayerKind.DENSE, in, out, "identity", params),
                    linear, f == ActivationFunction.IDENTITY ? ref.key() : null);
            if (f != ActivationFunction.IDENTITY) {
                activation(name + "_" + f.label, f, alphaOf(d.getActivationFn()), ref.key());
                return last && f == ActivationFunction.SOFTMAX;
            }
            return false;
        }

        private void zeroPadding(ZeroPaddingLayer z, String name, Ref ref) {
            int[] p = z.getPadding(); // top, bottom, left, right
            Shape in = shape;
            Shape out = new Shape(in.channels(), in.height() + p[0] + p[1], in.width() + p[2] + p[3]);
            shape = out;
            add(new LayerDescription(name, LayerKind.ZERO_PADDING, in, out, Window.NONE, Window.NONE,
                            new Padding(p[0], p[2], p[1], p[3]), "identity", 0),
                    x -> {
                        float[] y = new float[out.size()];
                        ForwardKernels.zeroPad(x, in.channels(), in.height(), in.width(), p[0], p[2],
                                y, out.height(), out.width());
                        return y;
                    }, ref.key());
        }

        /**
         * Inference-time batch normalisation, folded into one scale and shift per channel:
         * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, where DL4J may store {@code log10(sqrt(var))}.
         */
        private void batchNorm(BatchNormalization bn, String name, Ref ref) throws ModelLoadException {
            if (bn.isLockGammaBeta()) {
                throw new ModelLoadException("layer " + name + " locks gamma and beta, which ConvScope does not support");
            }
            var layer = ref.runtime();
            float[] gamma = layer.getParam("gamma").dup().data().asFloat();
            float[] beta = layer.getParam("beta").dup().data().asFloat();
            float[] mean = layer.getParam("mean").dup().data().asFloat();
            float[] std;
            if (bn.isUseLogStd()) {
                // DL4J turns the stored log10 of the deviation back into a variance and still adds eps.
                std = layer.getParam("log10stdev").dup().data().asFloat();
                for (int c = 0; c < std.length; c++) {
                    double sd = Math.pow(10, std[c]);
                    std[c] = (float) Math.sqrt(sd * sd + bn.getEps());
                }
            } else {
                std = layer.getParam("var").dup().data().asFloat();
                for (int c = 0; c < std.length; c++) {
                    std[c] = (float) Math.sqrt(std[c] + bn.getEps());
                }
            }
            int channels = shape.channels();
            float[] scale = new float[channels];
            float[] shift = new float[channels];
            for (int c = 0; c < channels; c++) {
                scale[c] = gamma[c] / std[c];
                shift[c] = beta[c] - mean[c] * scale[c];
            }
            // The explanation views show the folded arithmetic, y = scale * x + shift, per channel.
            weights.put(name, new LayerWeights(channels, 1, 1, 1, scale, shift));
            Shape s = shape;
            int plane = s.height() * s.width();
            add(LayerDescription.elementwise(name, LayerKind.BATCH_NORM, s, s, "identity", 4L * channels),
                    x -> {
                        float[] y = new float[x.length];
                        ForwardKernels.scaleShift(x, channels, plane, scale, shift, y);
                        return y;
                    }, ref.key());
            // DL4J 1.0.0-M2.1's batch normalisation never applies the activation its configuration names (the zoo's
            // Inception-ResNet v1 names tanh, Xception sigmoid): measured against its outputs in PresetModelsTest,
            // so ConvScope computes exactly what DL4J does and shows no such step.
        }

        private void localResponse(LocalResponseNormalization lrn, String name, Ref ref) {
            Shape s = shape;
            int plane = s.height() * s.width();
            add(LayerDescription.elementwise(name, LayerKind.LOCAL_RESPONSE_NORM, s, s, "identity", 0),
                    x -> {
                        float[] y = new float[x.length];
                        ForwardKernels.localResponse(x, s.channels(), plane, lrn.getK(), lrn.getN(), lrn.getAlpha(),
                                lrn.getBeta(), y);
                        return y;
                    }, ref.key());
        }

        private void globalPooling(GlobalPoolingLayer g, String name, Ref ref) throws ModelLoadException {
            boolean max = g.getPoolingType() == PoolingType.MAX;
            if (!max && g.getPoolingType() != PoolingType.AVG || !g.isCollapseDimensions() || shape.isVector()) {
                throw new ModelLoadException("layer " + name + " is a " + g.getPoolingType()
                        + " global pooling ConvScope does not support");
            }
            Shape in = shape;
            Shape out = Shape.vector(in.channels());
            shape = out;
            int plane = in.height() * in.width();
            add(new LayerDescription(name, max ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL, in, out,
                            new Window(in.height(), in.width()), new Window(in.height(), in.width()), Padding.NONE,
                            "identity", 0),
                    x -> {
                        float[] y = new float[in.channels()];
                        ForwardKernels.globalPool(x, in.channels(), plane, max, y);
                        return y;
                    }, ref.key());
        }

        static boolean isIdentityLoss(Layer conf) {
            return (conf instanceof LossLayer || conf instanceof CnnLossLayer)
                    && (((BaseLayer) conf).getActivationFn() == null
                    || ((BaseLayer) conf).getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity);
        }

        /**
         * YOLOv2's passthrough: each {@code block x block} patch of every channel becomes {@code block²} channels of
         * one cell, so a 2x larger map can be concatenated with the final 13x13 one. Output channel
         * {@code (dy * block + dx) * C + c} holds input channel c's cell {@code (y * block + dy, x * block + dx)}, as
         * {@link LayerDescription#sourceChannel} says (DL4J's order, checked in PresetModelsTest).
         */
        private void spaceToDepth(SpaceToDepthLayer s, String name, Ref ref) throws ModelLoadException {
            int block = s.getBlockSize();
            if (s.getDataFormat() != CNN2DFormat.NCHW) {
                throw new ModelLoadException("layer " + name + " rearranges channels-last data, which ConvScope does not support");
            }
            Shape in = shape;
            if (in.height() % block != 0 || in.width() % block != 0) {
                throw new ModelLoadException("layer " + name + " cuts " + in + " maps into " + block + "x" + block
                        + " blocks, which do not divide them");
            }
            Shape out = new Shape(in.channels() * block * block, in.height() / block, in.width() / block);
            shape = out;
            LayerDescription d = new LayerDescription(name, LayerKind.SPACE_TO_DEPTH, in, out, new Window(block, block),
                    new Window(block, block), Padding.NONE, "identity", 0);
            add(d, x -> {
                float[] y = new float[out.size()];
                for (int c = 0; c < out.channels(); c++) {
                    int src = d.sourceChannel(c);
                    int dy = d.blockRow(c);
                    int dx = d.blockColumn(c);
                    for (int oy = 0; oy < out.height(); oy++) {
                        int from = (src * in.height() + oy * block + dy) * in.width() + dx;
                        int to = (c * out.height() + oy) * out.width();
                        for (int ox = 0; ox < out.width(); ox++) {
                            y[to + ox] = x[from + ox * block];
                        }
                    }
                }
                return y;
            }, ref.key());
        }

        /**
         * YOLOv2's output: per cell, each anchor box's channels {@code [tx, ty, tw, th, to, class scores...]} become
         * {@code σ(tx), σ(ty)} (the centre inside the cell), {@code anchor × exp(tw), anchor × exp(th)} (the size in
         * cells), {@code σ(to)} (the objectness) and a softmax over the class scores. The anchors are kept as this
         * layer's weights (width, height per box), so the views can show them.
         */
        private void detection(Yolo2OutputLayer y, String name, Ref ref) throws ModelLoadException {
            if (y.getFormat() != CNN2DFormat.NCHW) {
                throw new ModelLoadException("layer " + name + " reads channels-last data, which ConvScope does not support");
            }
            float[] priors = y.getBoundingBoxes().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            int boxes = priors.length / 2;
            Shape s = shape;
            if (s.channels() % boxes != 0 || s.channels() / boxes < 6) {
                throw new ModelLoadException("layer " + name + " has " + boxes + " anchor boxes but reads " + s.channels()
                        + " channels, which is not " + boxes + " x (5 + classes)");
            }
            int perBox = s.channels() / boxes;
            int plane = s.height() * s.width();
            weights.put(name, new LayerWeights(boxes, 1, 1, 2, priors, new float[boxes]));
            add(LayerDescription.elementwise(name, LayerKind.DETECTION, s, s, "yolo", 0), x -> {
                float[] out = new float[x.length];
                float[] scores = new float[perBox - 5];
                for (int b = 0; b < boxes; b++) {
                    int base = b * perBox * plane;
                    for (int p = 0; p < plane; p++) {
                        out[base + p] = ActivationFunction.sigmoid(x[base + p]);
                        out[base + plane + p] = ActivationFunction.sigmoid(x[base + plane + p]);
                        out[base + 2 * plane + p] = priors[2 * b] * (float) Math.exp(x[base + 2 * plane + p]);
                        out[base + 3 * plane + p] = priors[2 * b + 1] * (float) Math.exp(x[base + 3 * plane + p]);
                        out[base + 4 * plane + p] = ActivationFunction.sigmoid(x[base + 4 * plane + p]);
                        // The class scores of one anchor at one cell lie a plane apart: gathered, softmaxed, put back.
                        for (int k = 0; k < scores.length; k++) {
                            scores[k] = x[base + (5 + k) * plane + p];
                        }
                        ActivationFunction.softmaxInPlace(scores);
                        for (int k = 0; k < scores.length; k++) {
                            out[base + (5 + k) * plane + p] = scores[k];
                        }
                    }
                }
                return out;
            }, ref.key());
        }

        private void activation(String name, ActivationFunction f, double alpha, String dl4jKey) {
            Shape s = shape;
            add(LayerDescription.elementwise(name, LayerKind.ACTIVATION, s, s, f.label, 0),
                    x -> f.applied(x, alpha), dl4jKey);
        }

        /** A step reading the current layer; it becomes the current layer. */
        private void add(LayerDescription d, Step step, String dl4jKey) {
            append(d, step, List.of(cursor), dl4jKey);
        }

        /** A step reading several layers; it becomes the current layer. */
        private void merge(LayerDescription d, List<Integer> from, MergeStep step, String dl4jKey) {
            append(d, step, from, dl4jKey);
        }

        private void append(LayerDescription d, Object step, List<Integer> from, String dl4jKey) {
            layers.add(d);
            inputs.add(List.copyOf(from));
            steps.add(step);
            dl4j.add(dl4jKey);
            cursor = layers.size() - 1;
            shape = d.outputShape();
        }

        private ForwardKernels.Window window(int[] k, int[] s, int[] d, int[] p, ConvolutionMode mode, String name)
                throws ModelLoadException {
            int[] dil = d == null ? new int[] {1, 1} : d;
            if (mode == ConvolutionMode.Causal) {
                throw new ModelLoadException("layer " + name + " uses causal padding, which 2-D networks do not have");
            }
            int padTop = p[0];
            int padLeft = p[1];
            if (mode == ConvolutionMode.Same) {
                int[] out = {ForwardKernels.ceilDiv(shape.height(), s[0]), ForwardKernels.ceilDiv(shape.width(), s[1])};
                padTop = Math.max(0, (out[0] - 1) * s[0] + (k[0] - 1) * dil[0] + 1 - shape.height()) / 2;
                padLeft = Math.max(0, (out[1] - 1) * s[1] + (k[1] - 1) * dil[1] + 1 - shape.width()) / 2;
            }
            return new ForwardKernels.Window(k[0], k[1], s[0], s[1], dil[0], dil[1], padTop, padLeft);
        }

        private int[] outputSize(ForwardKernels.Window w, ConvolutionMode mode, String name) throws ModelLoadException {
            if (mode == ConvolutionMode.Same) {
                return new int[] {ForwardKernels.ceilDiv(shape.height(), w.strideH()),
                        ForwardKernels.ceilDiv(shape.width(), w.strideW())};
            }
            int effH = (w.kernelH() - 1) * w.dilationH() + 1;
            int effW = (w.kernelW() - 1) * w.dilationW() + 1;
            int spanH = shape.height() + 2 * w.padTop() - effH;
            int spanW = shape.width() + 2 * w.padLeft() - effW;
            if (spanH < 0 || spanW < 0) {
                throw new ModelLoadException("layer " + name + "'s window " + w.kernelH() + "x" + w.kernelW()
                        + " does not fit its " + shape + " input");
            }
            if (mode == ConvolutionMode.Strict && (spanH % w.strideH() != 0 || spanW % w.strideW() != 0)) {
                throw new ModelLoadException("layer " + name + "'s stride does not divide its input exactly (strict mode)");
            }
            return new int[] {spanH / w.strideH() + 1, spanW / w.strideW() + 1};
        }

        private static int bottomPad(ForwardKernels.Window w, int in, int out, boolean vertical) {
            int k = vertical ? (w.kernelH() - 1) * w.dilationH() + 1 : (w.kernelW() - 1) * w.dilationW() + 1;
            int s = vertical ? w.strideH() : w.strideW();
            int first = vertical ? w.padTop() : w.padLeft();
            return Math.max(0, (out - 1) * s + k - in - first);
        }

        private static int hwcToChw(int hwcIndex, Shape map) {
            int c = hwcIndex % map.channels();
            int spatial = hwcIndex / map.channels();
            return c * map.height() * map.width() + spatial;
        }

        private static double alphaOf(org.nd4j.linalg.activations.IActivation a) {
            return a instanceof ActivationLReLU l ? l.getAlpha() : 0;
        }
    }
}
