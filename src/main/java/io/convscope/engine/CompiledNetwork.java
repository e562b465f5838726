package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DL4J {@link MultiLayerNetwork} turned into a list of steps over plain arrays, with every step's output kept.
 * Built once per model; {@link #forward(float[])} is thread-safe (steps hold only read-only parameters).
 * A convolution or dense layer with a built-in activation becomes two steps, so students see the linear result and
 * the non-linearity as separate columns, as in CNN Explainer.
 */
public final class CompiledNetwork {

    /** One computation: reads the previous step's output, returns a new array. */
    private interface Step {
        float[] run(float[] in);
    }

    private final NetworkDescription description;
    private final List<Step> steps;
    /** For each description layer, the index in {@code MultiLayerNetwork.feedForward}'s list it equals, or -1. */
    private final int[] dl4jIndex;
    /** Index of the layer whose output is the logits (an output layer with softmax keeps its logits as its value). */
    private final int logitsLayer;
    /** True when the last layer is a separate softmax, whose output then is the probabilities. */
    private final boolean endsInSoftmax;

    private CompiledNetwork(NetworkDescription description, List<Step> steps, int[] dl4jIndex,
                            int logitsLayer, boolean endsInSoftmax) {
        this.description = description;
        this.steps = steps;
        this.dl4jIndex = dl4jIndex;
        this.logitsLayer = logitsLayer;
        this.endsInSoftmax = endsInSoftmax;
    }

    public NetworkDescription description() {
        return description;
    }

    /** Where layer {@code i} of the description appears in DL4J's own {@code feedForward} output, or -1. */
    public int dl4jIndexOf(int layer) {
        return dl4jIndex[layer];
    }

    /** Runs one input, channel-major {@code [c][y][x]}, and keeps every layer's output. */
    public ActivationSnapshot forward(float[] input) {
        Shape inShape = description.inputShape();
        if (input.length != inShape.size()) {
            throw new IllegalArgumentException("input has " + input.length + " values; the model needs " + inShape);
        }
        List<LayerActivation> outputs = new ArrayList<>(steps.size() + 1);
        float[] current = input.clone(); // the caller keeps its array; ours must never change
        outputs.add(new LayerActivation(inShape, current));
        for (int i = 0; i < steps.size(); i++) {
            current = steps.get(i).run(current);
            outputs.add(new LayerActivation(description.layer(i + 1).outputShape(), current));
        }
        float[] logits = outputs.get(logitsLayer).toArray();
        float[] probabilities;
        if (endsInSoftmax) {
            probabilities = current.clone();
        } else {
            probabilities = logits.clone();
            ActivationFunction.softmaxInPlace(probabilities);
        }
        return new ActivationSnapshot(description, outputs, logits, probabilities);
    }

    /** Compiles a network whose input is {@code input}; refuses layers it cannot compute exactly. */
    public static CompiledNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes, String name)
            throws ModelLoadException {
        return new Compiler(net, input).compile(classes, name);
    }

    /** Walks the DL4J layers once, tracking the shape, and emits descriptions and steps side by side. */
    private static final class Compiler {
        private final MultiLayerNetwork net;
        private final List<LayerDescription> layers = new ArrayList<>();
        private final Map<String, LayerWeights> weights = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<Integer> dl4j = new ArrayList<>();
        private Shape shape;
        /** Set after a channels-last flatten: the next dense layer's rows must be re-ordered to channel-major. */
        private Shape pendingHwcFlatten;

        Compiler(MultiLayerNetwork net, Shape input) {
            this.net = net;
            this.shape = input;
            layers.add(LayerDescription.elementwise("input", LayerKind.INPUT, input, input, "identity", 0));
            dl4j.add(0);
        }

        CompiledNetwork compile(List<String> classes, String name) throws ModelLoadException {
            int n = net.getnLayers();
            boolean endsInSoftmax = false;
            for (int i = 0; i < n; i++) {
                Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
                String layerName = conf.getLayerName() != null ? conf.getLayerName() : "layer_" + i;
                preprocessor(net.getLayerWiseConfigurations().getInputPreProcess(i), layerName);
                // An identity loss layer (Darknet-19's) computes nothing: the layer before it is the network's last.
                boolean last = i == n - 1 || (i == n - 2 && isIdentityLoss(net.getLayerWiseConfigurations().getConf(n - 1).getLayer()));
                if (conf instanceof ConvolutionLayer c && conf.getClass() == ConvolutionLayer.class) {
                    convolution(c, layerName, i);
                } else if (conf instanceof SubsamplingLayer s && conf.getClass() == SubsamplingLayer.class) {
                    pooling(s, layerName, i);
                } else if (conf instanceof ActivationLayer a) {
                    ActivationFunction f = ActivationFunction.of(a.getActivationFn(), layerName);
                    activation(layerName, f, alphaOf(a.getActivationFn()), i + 1);
                    endsInSoftmax = last && f == ActivationFunction.SOFTMAX;
                } else if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                    endsInSoftmax = dense((BaseLayer) conf, layerName, i, last);
                } else if (conf instanceof DropoutLayer) {
                    add(LayerDescription.elementwise(layerName, LayerKind.ACTIVATION, shape, shape, "identity", 0),
                            x -> x, i + 1);
                } else if (conf instanceof ZeroPaddingLayer z) {
                    zeroPadding(z, layerName, i);
                } else if (conf instanceof BatchNormalization bn) {
                    batchNorm(bn, layerName, i);
                } else if (conf instanceof LocalResponseNormalization lrn) {
                    localResponse(lrn, layerName, i);
                } else if (conf instanceof GlobalPoolingLayer g) {
                    globalPooling(g, layerName, i);
                } else if (isIdentityLoss(conf) && last) {
                    continue; // nothing to compute or show; DL4J's own output equals its input
                } else {
                    throw new ModelLoadException("layer " + layerName + " is a " + conf.getClass().getSimpleName()
                            + ", which ConvScope cannot explain yet");
                }
            }
            if (shape.size() != classes.size()) {
                throw new ModelLoadException("the model has " + shape.size() + " outputs but " + classes.size()
                        + " class names");
            }
            // When the last step is a separate softmax its input holds the logits; otherwise the last step's output does.
            int logits = endsInSoftmax ? layers.size() - 2 : layers.size() - 1;
            NetworkDescription description = new NetworkDescription(name, classes, layers, weights);
            int[] map = dl4j.stream().mapToInt(Integer::intValue).toArray();
            return new CompiledNetwork(description, steps, map, logits, endsInSoftmax);
        }

        private void preprocessor(InputPreProcessor p, String before) throws ModelLoadException {
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
                    x -> x, -1);
        }

        private void convolution(ConvolutionLayer c, String name, int index) throws ModelLoadException {
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
            float[] w = net.getLayer(index).getParam("W").dup('c').data().asFloat();
            float[] b = c.hasBias() ? net.getLayer(index).getParam("b").dup().data().asFloat() : new float[outC];
            weights.put(name, new LayerWeights(outC, inC, win.kernelH(), win.kernelW(), w, b));
            shape = out;
            ActivationFunction f = ActivationFunction.of(c.getActivationFn(), name);
            Padding padding = new Padding(win.padTop(), win.padLeft(), bottomPad(win, in.height(), hw[0], true),
                    bottomPad(win, in.width(), hw[1], false));
            long macs = (long) w.length * out.height() * out.width();
            INDArray wNative = macs >= NativeGemm.MIN_MACS ? NativeGemm.matrix(w, outC, w.length / outC) : null;
            add(new LayerDescription(name, LayerKind.CONVOLUTION, in, out,
                            new Window(win.kernelH(), win.kernelW()), new Window(win.strideH(), win.strideW()),
                            padding, "identity", (long) w.length + (c.hasBias() ? outC : 0)),
                    x -> {
                        float[] y = new float[out.size()];
                        if (wNative != null) {
                            ForwardKernels.convolveNative(x, in.channels(), in.height(), in.width(), wNative, b, win,
                                    y, out.height(), out.width());
                        } else {
                            ForwardKernels.convolve(x, in.channels(), in.height(), in.width(), w, b, win,
                                    y, out.height(), out.width(), 0, outC);
                        }
                        return y;
                    }, f == ActivationFunction.IDENTITY ? index + 1 : -1);
            if (f != ActivationFunction.IDENTITY) {
                activation(name + "_" + f.label, f, alphaOf(c.getActivationFn()), index + 1);
            }
        }

        private void pooling(SubsamplingLayer s, String name, int index) throws ModelLoadException {
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
                    }, index + 1);
        }

        private boolean dense(BaseLayer d, String name, int index, boolean last) throws ModelLoadException {
            if (!shape.isVector()) {
                throw new ModelLoadException("layer " + name + " is dense but receives a " + shape + " map without a flatten step");
            }
            int nIn = shape.channels();
            int nOut = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) d).getNOut();
            INDArray wArr = net.getLayer(index).getParam("W");
            if (wArr.rows() != nIn) {
                throw new ModelLoadException("layer " + name + " expects " + wArr.rows() + " inputs but receives " + nIn);
            }
            boolean hasBias = d instanceof DenseLayer dl ? dl.hasBias() : ((OutputLayer) d).hasBias();
            float[] b = hasBias ? net.getLayer(index).getParam("b").dup().data().asFloat() : new float[nOut];
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
                add(LayerDescription.elementwise(name, LayerKind.OUTPUT, in, out, "softmax", params), linear, -1);
                return false;
            }
            add(LayerDescription.elementwise(name, last ? LayerKind.OUTPUT : LayerKind.DENSE, in, out, "identity", params),
                    linear, f == ActivationFunction.IDENTITY ? index + 1 : -1);
            if (f != ActivationFunction.IDENTITY) {
                activation(name + "_" + f.label, f, alphaOf(d.getActivationFn()), index + 1);
                return last && f == ActivationFunction.SOFTMAX;
            }
            return false;
        }

        private void zeroPadding(ZeroPaddingLayer z, String name, int index) {
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
                    }, index + 1);
        }

        /**
         * Inference-time batch normalisation, folded into one scale and shift per channel:
         * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, where DL4J may store {@code log10(sqrt(var))}.
         */
        private void batchNorm(BatchNormalization bn, String name, int index) throws ModelLoadException {
            if (bn.isLockGammaBeta()) {
                throw new ModelLoadException("layer " + name + " locks gamma and beta, which ConvScope does not support");
            }
            var layer = net.getLayer(index);
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
            Shape s = shape;
            int plane = s.height() * s.width();
            add(LayerDescription.elementwise(name, LayerKind.BATCH_NORM, s, s, "identity", 4L * channels),
                    x -> {
                        float[] y = new float[x.length];
                        ForwardKernels.scaleShift(x, channels, plane, scale, shift, y);
                        return y;
                    }, index + 1);
            ActivationFunction f = ActivationFunction.of(bn.getActivationFn(), name);
            if (f != ActivationFunction.IDENTITY) {
                throw new ModelLoadException("layer " + name + " applies " + f.label + " inside batch normalisation, "
                        + "which ConvScope does not support yet");
            }
        }

        private void localResponse(LocalResponseNormalization lrn, String name, int index) {
            Shape s = shape;
            int plane = s.height() * s.width();
            add(LayerDescription.elementwise(name, LayerKind.LOCAL_RESPONSE_NORM, s, s, "identity", 0),
                    x -> {
                        float[] y = new float[x.length];
                        ForwardKernels.localResponse(x, s.channels(), plane, lrn.getK(), lrn.getN(), lrn.getAlpha(),
                                lrn.getBeta(), y);
                        return y;
                    }, index + 1);
        }

        private void globalPooling(GlobalPoolingLayer g, String name, int index) throws ModelLoadException {
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
                    }, index + 1);
        }

        private static boolean isIdentityLoss(Layer conf) {
            return conf instanceof LossLayer l
                    && (l.getActivationFn() == null || l.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity);
        }

        private void activation(String name, ActivationFunction f, double alpha, int dl4jIndex) {
            Shape s = shape;
            add(LayerDescription.elementwise(name, LayerKind.ACTIVATION, s, s, f.label, 0),
                    x -> f.applied(x, alpha), dl4jIndex);
        }

        private void add(LayerDescription d, Step step, int dl4jIndex) {
            layers.add(d);
            steps.add(step);
            dl4j.add(dl4jIndex);
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
