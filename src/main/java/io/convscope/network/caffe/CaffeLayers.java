package io.convscope.network.caffe;

import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.Operations;
import io.convscope.network.graph.TensorShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape inference and cost of every Caffe layer type the analyzer knows, for one input image. Shapes exclude the batch
 * axis; a blob's {@link TensorShape#batch()} multiplies its costs (it is 1 except after Faster R-CNN's proposals).
 * Notation: input C_in×H_in×W_in, output C_out×H_out×W_out, kernel k_h×k_w, stride s, pad p, dilation d, groups g,
 * E = number of output values.
 *
 * <h2>Formulas (Netscope's analyzer, with its miscounts fixed; see {@code docs/cost-formulas.md})</h2>
 * <ul>
 *   <li><b>Convolution</b>: H_out = ⌊(H_in + 2p − (d(k−1)+1)) / s⌋ + 1 (same for W); C_out = num_output;
 *       params = k_h·k_w·(C_in/g)·C_out + C_out if bias_term (default true);
 *       MACs = k_h·k_w·(C_in/g)·C_out·H_out·W_out.</li>
 *   <li><b>Deconvolution</b>: H_out = s(H_in − 1) + d(k−1) + 1 − 2p; params = C_in·(C_out/g)·k_h·k_w (+ C_out bias);
 *       MACs = C_in·H_in·W_in·k_h·k_w·C_out/g (every input value is spread over a k×k window of every output channel
 *       in its group; Netscope's C_in·C_out·H_out·W_out·(k/s)² approximates this and ignores bias and groups).</li>
 *   <li><b>InnerProduct</b>: output num_output; params = N_in·C_out + C_out if bias_term; MACs = N_in·C_out, where
 *       N_in = C_in·H_in·W_in.</li>
 *   <li><b>Pooling</b>: H_out = ⌈(H_in + 2p − k) / s⌉ + 1 (Caffe rounds up), then, if p &gt; 0 and
 *       (H_out − 1)·s ≥ H_in + p, H_out − 1 (the last window must start inside the image); global pooling: k = H_in,
 *       output 1×1. MAX: k_h·k_w comparisons per output value; AVE: k_h·k_w additions per output value.</li>
 *   <li><b>BatchNorm</b>: 3 non-trainable blobs, mean (C), variance (C) and the moving-average factor (1): 2C+1
 *       (Netscope counts 2C); 1 addition + 1 division per value.</li>
 *   <li><b>Scale</b>: γ (C) trainable, plus β (C) when bias_term (Netscope counts 0); 1 MAC per value. With a second
 *       bottom the factors are an input, not parameters. <b>Bias</b>: C params, 1 addition per value.</li>
 *   <li><b>LRN</b>: local_size MACs per value + 1 addition, 1 exponential (the power), 2 divisions per value;
 *       0 params (Netscope counts 2). <b>Normalize</b> (SSD): C scale params (1 if channel_shared); 2 MACs (square and
 *       scale) + 1 division per value and one square root (exponential) per position.</li>
 *   <li><b>ReLU, ReLU6, PReLU, Threshold, AbsVal</b>: 1 comparison per value (ReLU6: 2); PReLU has C slopes
 *       (1 if channel_shared) trainable. <b>ELU</b>: 1 comparison + 1 exponential. <b>Sigmoid, TanH, BNLL</b>:
 *       1 exponential, 1 addition, 1 division per value.</li>
 *   <li><b>Power</b> y = (shift + scale·x)^power: per value 1 MAC if scale ≠ 1, 1 addition if shift ≠ 0,
 *       1 exponential if power ≠ 1 (Netscope ignores the batch here; we do not).</li>
 *   <li><b>Softmax</b> (and SoftmaxWithLoss): 1 exponential, 1 addition, 1 division per value.</li>
 *   <li><b>Eltwise</b> over n inputs: (n−1)·E operations of the kind its operation says: SUM → additions (MACs when
 *       coefficients other than 1 are given), PROD → MACs, MAX → comparisons (Netscope counts every Eltwise as SUM).</li>
 *   <li><b>Dropout</b>: the identity at inference: 0 operations (Netscope counts 1 comparison per value).</li>
 *   <li><b>Concat, Flatten, Reshape, Permute, Crop, Split, Slice, PriorBox, Accuracy, ROIPooling, Python proposals,
 *       DetectionOutput</b>: shapes only, 0 operations counted.</li>
 * </ul>
 * Every number is checked and every count multiplied exactly ({@link CaffeValues}); the shape-changing layers are in
 * {@link CaffeBlobLayers}, convolution and pooling in {@link CaffeWindowLayers}.
 * Activations: every node's outputs count ({@code batch × elements} values), in-place ones too, as in Netscope.
 */
final class CaffeLayers {

    /** What one layer analyses to. */
    record Analysis(
            NodeType type,
            List<TensorShape> outputs,
            long trainable,
            long nonTrainable,
            Operations ops,
            Map<String, String> attributes,
            List<String> warnings) {}

    /** A layer to analyse: its canonical type, parameters, input shapes and number of tops. */
    record Layer(String name, String type, ProtoMessage proto, List<TensorShape> inputs, int tops) {
        TensorShape in() {
            return inputs.isEmpty() ? TensorShape.UNKNOWN : inputs.get(0);
        }
    }

    private CaffeLayers() {}

    /** The kind of each type the analyzer knows, keyed by lower-case type name. */
    static final Map<String, NodeType> KNOWN = new LinkedHashMap<>();

    static {
        for (String t : List.of(
                "input", "data", "imagedata", "dummydata", "memorydata", "hdf5data", "windowdata", "annotateddata")) {
            KNOWN.put(t, NodeType.INPUT);
        }
        KNOWN.put("convolution", NodeType.CONVOLUTION);
        KNOWN.put("deconvolution", NodeType.DECONVOLUTION);
        KNOWN.put("innerproduct", NodeType.DENSE);
        KNOWN.put("pooling", NodeType.POOLING);
        KNOWN.put("roipooling", NodeType.POOLING);
        for (String t : List.of("batchnorm", "bn", "scale", "bias", "lrn", "normalize")) {
            KNOWN.put(t, NodeType.NORMALIZATION);
        }
        for (String t :
                List.of("relu", "relu6", "elu", "prelu", "sigmoid", "tanh", "absval", "bnll", "threshold", "power")) {
            KNOWN.put(t, NodeType.ACTIVATION);
        }
        KNOWN.put("dropout", NodeType.DROPOUT);
        for (String t : List.of(
                "softmax",
                "softmaxwithloss",
                "accuracy",
                "detectionoutput",
                "euclideanloss",
                "sigmoidcrossentropyloss")) {
            KNOWN.put(t, NodeType.OUTPUT);
        }
        KNOWN.put("concat", NodeType.MERGE);
        KNOWN.put("eltwise", NodeType.MERGE);
        for (String t : List.of("flatten", "reshape", "permute", "crop", "split", "slice", "priorbox", "silence")) {
            KNOWN.put(t, NodeType.RESHAPE);
        }
        KNOWN.put("python", NodeType.OTHER);
        KNOWN.put("implicit", NodeType.OTHER);
    }

    /** @throws CaffeValues.BadValue when a parameter makes no sense or a count does not fit in 64 bits */
    static Analysis analyse(Layer l) {
        Result r = new Result(KNOWN.getOrDefault(l.type(), NodeType.OTHER));
        if (l.type().equals("input") || KNOWN.get(l.type()) == NodeType.INPUT) {
            throw new IllegalStateException("data layers are handled by the importer");
        }
        boolean inputsKnown = !l.inputs().isEmpty() && l.inputs().stream().allMatch(TensorShape::known);
        if (!inputsKnown && !l.type().equals("python") && !l.type().equals("priorbox")) {
            // no warning: the layer that lost the shape already said why
            for (int i = 0; i < l.tops(); i++) {
                r.outputs.add(TensorShape.UNKNOWN);
            }
            return r.done();
        }
        TensorShape in = l.in();
        ProtoMessage p = l.proto();
        switch (l.type()) {
            case "convolution" -> CaffeWindowLayers.convolution(l, r, p.message("convolution_param"), false);
            case "deconvolution" -> CaffeWindowLayers.convolution(l, r, p.message("convolution_param"), true);
            case "innerproduct" -> {
                ProtoMessage ip = p.message("inner_product_param");
                int out = CaffeValues.required(ip, "num_output");
                long nIn = in.elements();
                boolean bias = ip.bool("bias_term", true);
                r.trainable = CaffeValues.sum("parameters", CaffeValues.product("weights", nIn, out), bias ? out : 0);
                r.ops = Operations.macs(CaffeValues.product("multiply-adds", nIn, out, in.batch()));
                r.attr("num_output", out).attr("bias", bias);
                r.outputs.add(new TensorShape(in.batch(), List.of(out)));
            }
            case "pooling" -> CaffeWindowLayers.pooling(l, r, p.message("pooling_param"));
            case "batchnorm", "bn" -> {
                r.nonTrainable = 2L * in.channels() + 1;
                long e = in.totalElements();
                r.ops = new Operations(0, 0, e, e, 0);
                r.attr("eps", p.message("batch_norm_param").doubleValue("eps", 1e-5));
                r.outputs.add(in);
            }
            case "scale" -> {
                ProtoMessage sp = p.message("scale_param");
                boolean bias = sp.bool("bias_term", false);
                long c = l.inputs().size() > 1 ? 0 : in.channels();
                r.trainable = c + (bias ? in.channels() : 0);
                r.ops = Operations.macs(in.totalElements());
                r.attr("bias", bias);
                r.outputs.add(in);
            }
            case "bias" -> {
                r.trainable = l.inputs().size() > 1 ? 0 : in.channels();
                r.ops = Operations.additions(in.totalElements());
                r.outputs.add(in);
            }
            case "lrn" -> {
                ProtoMessage lp = p.message("lrn_param");
                int size = CaffeValues.positive(lp, "local_size", 5);
                long e = in.totalElements();
                r.ops = new Operations(
                        CaffeValues.product("multiply-adds", e, size), 0, e, CaffeValues.product("divisions", e, 2), e);
                r.attr("local_size", size)
                        .attr("alpha", lp.doubleValue("alpha", 1))
                        .attr("beta", lp.doubleValue("beta", 0.75))
                        .attr("region", lp.string("norm_region", "ACROSS_CHANNELS"));
                r.outputs.add(in);
            }
            case "normalize" -> {
                ProtoMessage np = p.message("norm_param");
                boolean shared = np.bool("channel_shared", true);
                r.trainable = shared ? 1 : in.channels();
                long e = in.totalElements();
                r.ops = new Operations(
                        CaffeValues.product("multiply-adds", e, 2),
                        0,
                        0,
                        e,
                        CaffeValues.product("square roots", in.batch(), in.height(), in.width()));
                r.attr("across_spatial", np.bool("across_spatial", true)).attr("channel_shared", shared);
                r.outputs.add(in);
            }
            case "relu", "threshold", "absval" -> elementwise(r, in, Operations.comparisons(in.totalElements()));
            case "relu6" -> elementwise(
                    r, in, Operations.comparisons(CaffeValues.product("comparisons", in.totalElements(), 2)));
            case "prelu" -> {
                r.trainable = p.message("prelu_param").bool("channel_shared", false) ? 1 : in.channels();
                elementwise(r, in, Operations.comparisons(in.totalElements()));
            }
            case "elu" -> elementwise(r, in, new Operations(0, in.totalElements(), 0, 0, in.totalElements()));
            case "sigmoid", "tanh", "bnll", "softmax" -> {
                long e = in.totalElements();
                elementwise(r, in, new Operations(0, 0, e, e, e));
            }
            case "power" -> {
                ProtoMessage pp = p.message("power_param");
                double power = pp.doubleValue("power", 1);
                double scale = pp.doubleValue("scale", 1);
                double shift = pp.doubleValue("shift", 0);
                long e = in.totalElements();
                r.attr("power", power).attr("scale", scale).attr("shift", shift);
                elementwise(r, in, new Operations(scale != 1 ? e : 0, 0, shift != 0 ? e : 0, 0, power != 1 ? e : 0));
            }
            case "dropout" -> {
                r.attr("ratio", p.message("dropout_param").doubleValue("dropout_ratio", 0.5));
                elementwise(r, in, Operations.NONE);
            }
            case "softmaxwithloss", "sigmoidcrossentropyloss", "euclideanloss" -> {
                long e = in.totalElements();
                r.ops = new Operations(0, 0, e, e, e);
                r.outputs.add(TensorShape.vector(1));
            }
            case "accuracy" -> r.outputs.add(TensorShape.vector(1));
            case "concat" -> CaffeBlobLayers.concat(l, r, p.message("concat_param"));
            case "eltwise" -> CaffeBlobLayers.eltwise(l, r, p.message("eltwise_param"));
            case "flatten" -> CaffeBlobLayers.flatten(l, r, p.message("flatten_param"));
            case "reshape" -> CaffeBlobLayers.reshape(l, r, p.message("reshape_param"));
            case "permute" -> CaffeBlobLayers.permute(l, r, p.message("permute_param"));
            case "crop" -> CaffeBlobLayers.crop(l, r, p.message("crop_param"));
            case "split" -> {
                for (int i = 0; i < l.tops(); i++) {
                    r.outputs.add(in);
                }
            }
            case "slice" -> CaffeBlobLayers.slice(l, r, p.message("slice_param"));
            case "silence" -> {
                // consumes its inputs, produces nothing
            }
            case "priorbox" -> CaffeBlobLayers.priorBox(l, r, p.message("prior_box_param"));
            case "python" -> python(l, r, p.message("python_param"));
            case "roipooling" -> {
                ProtoMessage rp = p.message("roi_pooling_param");
                int ph = CaffeValues.required(rp, "pooled_h");
                int pw = CaffeValues.required(rp, "pooled_w");
                int rois = l.inputs().size() > 1 ? l.inputs().get(1).batch() : 1;
                r.attr("pooled", ph + "×" + pw).attr("spatial_scale", rp.doubleValue("spatial_scale", 1));
                r.outputs.add(new TensorShape(Math.max(1, rois), List.of(in.channels(), ph, pw)));
            }
            case "detectionoutput" -> {
                ProtoMessage dp = p.message("detection_output_param");
                int keep = CaffeValues.integer(dp, "keep_top_k", -1);
                if (keep <= 0) {
                    keep = CaffeValues.positive(dp.message("nms_param"), "top_k", 1);
                }
                r.attr("keep_top_k", keep);
                // Caffe's SSD output: one row [image_id, label, confidence, xmin, ymin, xmax, ymax] per kept detection
                r.outputs.add(TensorShape.of(1, keep, 7));
            }
            case "implicit" -> r.outputs.add(in);
            default -> {
                r.warnings.add("layer " + l.name() + ": unknown type, counted as 0 parameters and 0 operations"
                        + (l.inputs().size() == 1 && l.tops() == 1
                                ? ", its output shape assumed equal to its input"
                                : ""));
                for (int i = 0; i < l.tops(); i++) {
                    r.outputs.add(l.inputs().size() == 1 && l.tops() == 1 ? in : TensorShape.UNKNOWN);
                }
            }
        }
        return r.done();
    }

    private static void elementwise(Result r, TensorShape in, Operations ops) {
        r.ops = ops;
        r.outputs.add(in);
    }

    /** Faster R-CNN's {@code rpn.proposal_layer}: Netscope's 300 proposals of [batch index, x1, y1, x2, y2]. */
    private static void python(Layer l, Result r, ProtoMessage pp) {
        String module = pp.string("module", "");
        r.attr("module", module).attr("layer", pp.string("layer", ""));
        if (module.equals("rpn.proposal_layer")) {
            r.type = NodeType.OTHER;
            r.outputs.add(new TensorShape(PROPOSALS, List.of(5)));
            for (int i = 1; i < l.tops(); i++) {
                r.outputs.add(new TensorShape(PROPOSALS, List.of(1)));
            }
        } else {
            r.warnings.add("layer " + l.name() + ": Python module " + module + " is unknown; its outputs are unknown");
            for (int i = 0; i < l.tops(); i++) {
                r.outputs.add(TensorShape.UNKNOWN);
            }
        }
    }

    /** Proposals Faster R-CNN keeps after non-maximum suppression at test time (Netscope's fixed figure). */
    static final int PROPOSALS = 300;

    /** What {@link #analyse} fills in for one layer. */
    static final class Result {
        NodeType type;
        final List<TensorShape> outputs = new ArrayList<>();
        long trainable;
        long nonTrainable;
        Operations ops = Operations.NONE;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();

        Result(NodeType type) {
            this.type = type;
        }

        Result attr(String key, Object value) {
            // 1.0 reads better as 1 in a table; everything else as written
            attributes.put(
                    key,
                    value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                            ? String.valueOf(d.longValue())
                            : String.valueOf(value));
            return this;
        }

        Analysis done() {
            return new Analysis(type, outputs, trainable, nonTrainable, ops, attributes, warnings);
        }
    }
}
