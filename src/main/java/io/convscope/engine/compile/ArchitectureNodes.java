package io.convscope.engine.compile;

import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.ArchitectureNode.Port;
import io.convscope.network.graph.BlockNames;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.Operations;
import io.convscope.network.graph.TensorShape;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SpaceToBatchLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.convscope.engine.compile.ArchitectureConverter.shapeOf;

/**
 * Builds the nodes of an {@link ArchitectureConverter} graph one DL4J layer or vertex at a time: its type, output
 * shape, trainable and non-trainable parameters and operations, by the formulas listed on
 * {@link ArchitectureConverter}. Kept apart from the walk over a configuration because this is where every counted
 * number comes from.
 */
final class ArchitectureNodes {
    final List<ArchitectureNode> nodes = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final Map<String, String> producerOf = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    String producer(String vertex) {
        return producerOf.getOrDefault(vertex, vertex);
    }

    String input(String name, InputType type) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("shape", shapeOf(type).toString());
        return add(name, "", "Input", NodeType.INPUT, List.of(), shapeOf(type), 0, 0, Operations.NONE, attrs);
    }

    String preprocessor(String layerName, InputPreProcessor pre, List<String> from, InputType in, InputType out) {
        boolean flatten = pre instanceof CnnToFeedForwardPreProcessor;
        String id = add(
                flatten ? "flatten" : layerName + "_preprocessor",
                BlockNames.of(layerName),
                pre.getClass().getSimpleName(),
                NodeType.RESHAPE,
                from,
                shapeOf(out),
                0,
                0,
                Operations.NONE,
                Map.of("from", shapeOf(in).toString()));
        return id;
    }

    String layer(String name, NeuralNetConfiguration nnc, List<String> from, List<InputType> inTypes, InputType out) {
        Layer layer = nnc.getLayer();
        Layer inner = layer;
        boolean frozen = false;
        if (layer instanceof FrozenLayer f) {
            inner = f.getLayer();
            frozen = true;
        } else if (layer instanceof FrozenLayerWithBackprop f) {
            inner = f.getUnderlying();
            frozen = true;
        }
        long params = layer.initializer().numParams(nnc);
        long nonTrainable = frozen ? params : 0;
        if (!frozen && inner instanceof BatchNormalization bn) {
            // running mean and variance (or log10 std): C values each, updated by averaging, not by gradients
            nonTrainable = 2 * bn.getNOut();
        }
        TensorShape inShape = inTypes.isEmpty() ? TensorShape.UNKNOWN : shapeOf(inTypes.get(0));
        TensorShape outShape = shapeOf(out);
        if (out != null && Arrays.stream(out.getShape(false)).anyMatch(d -> d == 0)) {
            // a loss layer without nOut reports a size-0 type; it outputs what it reads
            outShape = inShape;
        }
        long e = outShape.totalElements();
        Map<String, String> attrs = new LinkedHashMap<>();
        NodeType type;
        Operations ops = Operations.NONE;
        if (inner instanceof SeparableConvolution2D sc) {
            type = NodeType.SEPARABLE_CONVOLUTION;
            long k = (long) sc.getKernelSize()[0] * sc.getKernelSize()[1];
            long m = sc.getDepthMultiplier();
            long positions = (long) outShape.height() * outShape.width();
            ops = Operations.macs(
                    k * inShape.channels() * m * positions + inShape.channels() * m * outShape.channels() * positions);
            convAttrs(attrs, sc);
            attrs.put("depth_multiplier", String.valueOf(m));
        } else if (inner instanceof DepthwiseConvolution2D dc) {
            type = NodeType.SEPARABLE_CONVOLUTION;
            long k = (long) dc.getKernelSize()[0] * dc.getKernelSize()[1];
            ops = Operations.macs(
                    k * inShape.channels() * dc.getDepthMultiplier() * outShape.height() * outShape.width());
            convAttrs(attrs, dc);
            attrs.put("depth_multiplier", String.valueOf(dc.getDepthMultiplier()));
        } else if (inner instanceof Deconvolution2D dc) {
            type = NodeType.DECONVOLUTION;
            long k = (long) dc.getKernelSize()[0] * dc.getKernelSize()[1];
            ops = Operations.macs(inShape.elements() * k * outShape.channels());
            convAttrs(attrs, dc);
        } else if (inner instanceof ConvolutionLayer cl) {
            type = NodeType.CONVOLUTION;
            long k = (long) cl.getKernelSize()[0] * cl.getKernelSize()[1];
            ops = Operations.macs(k * inShape.channels() * e);
            convAttrs(attrs, cl);
        } else if (inner instanceof SubsamplingLayer sl) {
            type = NodeType.POOLING;
            long k = (long) sl.getKernelSize()[0] * sl.getKernelSize()[1];
            ops = sl.getPoolingType() == PoolingType.MAX ? Operations.comparisons(k * e) : Operations.additions(k * e);
            attrs.put("pool", String.valueOf(sl.getPoolingType()));
            attrs.put("kernel", hw(sl.getKernelSize()));
            attrs.put("stride", hw(sl.getStride()));
            attrs.put("pad", hw(sl.getPadding()));
            attrs.put("mode", String.valueOf(sl.getConvolutionMode()));
        } else if (inner instanceof GlobalPoolingLayer gp) {
            type = NodeType.POOLING;
            long n = inShape.totalElements();
            ops = gp.getPoolingType() == PoolingType.MAX ? Operations.comparisons(n) : Operations.additions(n);
            attrs.put("pool", "global " + gp.getPoolingType());
        } else if (inner instanceof BatchNormalization bn) {
            type = NodeType.NORMALIZATION;
            ops = Operations.macs(e);
            attrs.put("eps", String.valueOf(bn.getEps()));
        } else if (inner instanceof LocalResponseNormalization lrn) {
            type = NodeType.NORMALIZATION;
            ops = new Operations((long) (lrn.getN() * e), 0, e, 2 * e, e);
            attrs.put("n", String.valueOf(lrn.getN()));
        } else if (inner instanceof ActivationLayer) {
            type = NodeType.ACTIVATION;
        } else if (inner instanceof DropoutLayer) {
            type = NodeType.DROPOUT;
        } else if (inner instanceof Yolo2OutputLayer) {
            type = NodeType.OUTPUT;
        } else if (inner instanceof BaseOutputLayer || inner instanceof LossLayer || inner instanceof CnnLossLayer) {
            type = NodeType.OUTPUT;
            if (inner instanceof FeedForwardLayer ff && params > 0) {
                ops = Operations.macs(inShape.elements() * ff.getNOut());
                attrs.put("n_out", String.valueOf(ff.getNOut()));
            }
        } else if (inner instanceof DenseLayer dl) {
            type = NodeType.DENSE;
            ops = Operations.macs(inShape.elements() * dl.getNOut());
            attrs.put("n_out", String.valueOf(dl.getNOut()));
        } else if (inner instanceof ZeroPaddingLayer
                || inner instanceof Cropping2D
                || inner instanceof Upsampling2D
                || inner instanceof SpaceToDepthLayer
                || inner instanceof SpaceToBatchLayer) {
            type = NodeType.RESHAPE;
        } else {
            type = NodeType.OTHER;
            warnings.add("layer " + name + ": " + inner.getClass().getSimpleName()
                    + " is not analysed: its operations are counted as 0");
        }
        IActivation activation = activationOf(inner);
        if (activation != null) {
            ops = ops.plus(activationOps(activation, e));
            if (!(activation instanceof ActivationIdentity)) {
                attrs.put("activation", activationName(activation));
            }
        }
        if (frozen) {
            attrs.put("frozen", "true");
        }
        return add(
                name,
                BlockNames.of(name),
                inner.getClass().getSimpleName(),
                type,
                from,
                outShape,
                params - nonTrainable,
                nonTrainable,
                ops,
                attrs);
    }

    void vertex(String name, GraphVertex v, List<String> from, List<InputType> inTypes, InputType out) {
        TensorShape outShape = shapeOf(out);
        long e = outShape.totalElements();
        long extra = Math.max(0, from.size() - 1L) * e;
        NodeType type;
        Operations ops = Operations.NONE;
        Map<String, String> attrs = new LinkedHashMap<>();
        if (v instanceof MergeVertex) {
            type = NodeType.MERGE;
        } else if (v instanceof ElementWiseVertex ew) {
            type = NodeType.MERGE;
            String op = elementWiseOp(ew);
            attrs.put("operation", op);
            ops = switch (op) {
                case "Product" -> Operations.macs(extra);
                case "Max" -> Operations.comparisons(extra);
                case "Average" -> new Operations(0, 0, extra, e, 0);
                default -> Operations.additions(extra);
            };
        } else if (v instanceof ScaleVertex) {
            type = NodeType.NORMALIZATION;
            ops = Operations.macs(e);
        } else if (v instanceof ShiftVertex) {
            type = NodeType.NORMALIZATION;
            ops = Operations.additions(e);
        } else if (v instanceof L2NormalizeVertex) {
            type = NodeType.NORMALIZATION;
            ops = new Operations(e, 0, 0, e, 0);
        } else if (v instanceof PreprocessorVertex) {
            type = NodeType.RESHAPE;
        } else {
            type = NodeType.OTHER;
            String simple = v.getClass().getSimpleName();
            if (!simple.endsWith("SubsetVertex") && !simple.endsWith("StackVertex")) {
                warnings.add("vertex " + name + ": " + simple + " is not analysed: its operations are counted as 0");
            } else {
                type = NodeType.RESHAPE;
            }
        }
        add(
                name,
                BlockNames.of(name),
                v.getClass().getSimpleName(),
                type,
                from,
                outShape,
                v.numParams(true),
                0,
                ops,
                attrs);
    }

    private String add(
            String name,
            String block,
            String rawType,
            NodeType type,
            List<String> from,
            TensorShape out,
            long trainable,
            long nonTrainable,
            Operations ops,
            Map<String, String> attrs) {
        int seen = ids.merge(name, 1, Integer::sum);
        String id = seen == 1 ? name : name + "#" + seen;
        List<Port> ports = from.stream().map(f -> new Port(f, 0)).toList();
        nodes.add(new ArchitectureNode(
                id,
                name,
                type,
                rawType,
                ports,
                List.of(out),
                trainable,
                nonTrainable,
                ops,
                out.totalElements(),
                block,
                attrs,
                false));
        return id;
    }

    private static void convAttrs(Map<String, String> attrs, ConvolutionLayer cl) {
        attrs.put("n_out", String.valueOf(cl.getNOut()));
        attrs.put("kernel", hw(cl.getKernelSize()));
        attrs.put("stride", hw(cl.getStride()));
        attrs.put("pad", hw(cl.getPadding()));
        if (cl.getDilation() != null && (cl.getDilation()[0] != 1 || cl.getDilation()[1] != 1)) {
            attrs.put("dilation", hw(cl.getDilation()));
        }
        attrs.put("mode", String.valueOf(cl.getConvolutionMode()));
        attrs.put("bias", String.valueOf(cl.hasBias()));
    }

    private static String elementWiseOp(ElementWiseVertex ew) {
        try {
            Field f = ElementWiseVertex.class.getDeclaredField("op");
            f.setAccessible(true);
            Object op = f.get(ew);
            return op == null ? "Add" : op.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "Add";
        }
    }

    private static IActivation activationOf(Layer layer) {
        if (layer instanceof ActivationLayer al) {
            return al.getActivationFn();
        }
        if (layer instanceof BaseLayer bl && !(layer instanceof BatchNormalization)) {
            return bl.getActivationFn();
        }
        return null;
    }

    private static Operations activationOps(IActivation a, long e) {
        if (a instanceof ActivationIdentity) {
            return Operations.NONE;
        }
        String n = activationName(a);
        if (a instanceof ActivationSoftmax
                || n.contains("sigmoid")
                || n.contains("tanh")
                || n.contains("softplus")
                || n.contains("swish")
                || n.contains("gelu")
                || n.contains("mish")) {
            return new Operations(0, 0, e, e, e);
        }
        return Operations.comparisons(e);
    }

    private static String activationName(IActivation a) {
        return a.getClass().getSimpleName().replaceFirst("^Activation", "").toLowerCase(Locale.ROOT);
    }

    private static String hw(int[] v) {
        if (v == null || v.length == 0) {
            return "";
        }
        return v.length >= 2 && v[0] != v[1] ? v[0] + "×" + v[1] : String.valueOf(v[0]);
    }
}
