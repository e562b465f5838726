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
 * Activations: every node's outputs count ({@code batch × elements} values), in-place ones too, as in Netscope.
 */
final class CaffeLayers {

    /** What one layer analyses to. */
    record Analysis(NodeType type, List<TensorShape> outputs, long trainable, long nonTrainable, Operations ops,
                    Map<String, String> attributes, List<String> warnings) {
    }

    /** A layer to analyse: its canonical type, parameters, input shapes and number of tops. */
    record Layer(String name, String type, ProtoMessage proto, List<TensorShape> inputs, int tops) {
        TensorShape in() {
            return inputs.isEmpty() ? TensorShape.UNKNOWN : inputs.get(0);
        }
    }

    private CaffeLayers() {
    }

    /** The kind of each type the analyzer knows, keyed by lower-case type name. */
    static final Map<String, NodeType> KNOWN = new LinkedHashMap<>();

    static {
        for (String t : List.of("input", "data", "imagedata", "dummydata", "memorydata", "hdf5data", "windowdata",
                "annotateddata")) {
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
        for (String t : List.of("relu", "relu6", "elu", "prelu", "sigmoid", "tanh", "absval", "bnll", "threshold",
                "power")) {
            KNOWN.put(t, NodeType.ACTIVATION);
        }
        KNOWN.put("dropout", NodeType.DROPOUT);
        for (String t : List.of("softmax", "softmaxwithloss", "accuracy", "detectionoutput", "euclideanloss",
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
            case "convolution" -> convolution(l, r, p.message("convolution_param"), false);
            case "deconvolution" -> convolution(l, r, p.message("convolution_param"), true);
            case "innerproduct" -> {
                ProtoMessage ip = p.message("inner_product_param");
                int out = ip.intValue("num_output", 0);
                long nIn = in.elements();
                boolean bias = ip.bool("bias_term", true);
                r.trainable = nIn * out + (bias ? out : 0);
                r.ops = Operations.macs(nIn * out * in.batch());
                r.attr("num_output", out).attr("bias", bias);
                r.outputs.add(new TensorShape(in.batch(), List.of(out)));
            }
            case "pooling" -> pooling(l, r, p.message("pooling_param"));
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
                int size = lp.intValue("local_size", 5);
                long e = in.totalElements();
                r.ops = new Operations(e * size, 0, e, 2 * e, e);
                r.attr("local_size", size).attr("alpha", lp.doubleValue("alpha", 1)).attr("beta", lp.doubleValue("beta", 0.75))
                        .attr("region", lp.string("norm_region", "ACROSS_CHANNELS"));
                r.outputs.add(in);
            }
            case "normalize" -> {
                ProtoMessage np = p.message("norm_param");
                boolean shared = np.bool("channel_shared", true);
                r.trainable = shared ? 1 : in.channels();
                long e = in.totalElements();
                r.ops = new Operations(2 * e, 0, 0, e, (long) in.batch() * in.height() * in.width());
                r.attr("across_spatial", np.bool("across_spatial", true)).attr("channel_shared", shared);
                r.outputs.add(in);
            }
            case "relu", "threshold", "absval" -> elementwise(r, in, Operations.comparisons(in.totalElements()));
            case "relu6" -> elementwise(r, in, Operations.comparisons(2 * in.totalElements()));
            case "prelu" -> {
                r.trainable = p.message("prelu_param").bool("channel_shared", false) ? 1 : in.channels();
                elementwise(r, in, Operations.comparisons(in.totalElements()));
            }
            case "elu" -> elementwise(r, in, new Operations(0, in.totalElements(), 0, 0, in.totalElements()));
            case "sigmoid", "tanh", "bnll" -> {
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
            case "softmax" -> {
                long e = in.totalElements();
                elementwise(r, in, new Operations(0, 0, e, e, e));
            }
            case "softmaxwithloss", "sigmoidcrossentropyloss", "euclideanloss" -> {
                long e = in.totalElements();
                r.ops = new Operations(0, 0, e, e, e);
                r.outputs.add(TensorShape.vector(1));
            }
            case "accuracy" -> r.outputs.add(TensorShape.vector(1));
            case "concat" -> concat(l, r, p.message("concat_param"));
            case "eltwise" -> eltwise(l, r, p.message("eltwise_param"));
            case "flatten" -> {
                ProtoMessage fp = p.message("flatten_param");
                List<Integer> full = full(in);
                int axis = axis(fp.intValue("axis", 1), full.size());
                int end = axis(fp.intValue("end_axis", -1), full.size());
                List<Integer> out = new ArrayList<>(full.subList(0, axis));
                long n = 1;
                for (int i = axis; i <= end; i++) {
                    n *= full.get(i);
                }
                out.add(Math.toIntExact(n));
                out.addAll(full.subList(end + 1, full.size()));
                r.outputs.add(fromFull(out));
            }
            case "reshape" -> reshape(l, r, p.message("reshape_param"));
            case "permute" -> {
                List<Integer> full = full(in);
                List<Long> order = p.message("permute_param").longs("order");
                List<Integer> out = new ArrayList<>();
                List<Integer> used = new ArrayList<>();
                for (long o : order) {
                    out.add(full.get((int) o));
                    used.add((int) o);
                }
                for (int i = 0; i < full.size(); i++) {
                    if (!used.contains(i)) {
                        out.add(full.get(i));
                    }
                }
                r.attr("order", order);
                r.outputs.add(fromFull(out));
            }
            case "crop" -> {
                if (l.inputs().size() < 2) {
                    r.warnings.add("layer " + l.name() + ": Crop needs two bottoms; output assumed equal to its input");
                    r.outputs.add(in);
                } else {
                    List<Integer> full = full(in);
                    List<Integer> ref = full(l.inputs().get(1));
                    int axis = axis(p.message("crop_param").intValue("axis", 2), full.size());
                    for (int i = axis; i < full.size() && i < ref.size(); i++) {
                        full.set(i, ref.get(i));
                    }
                    r.attr("axis", axis).attr("offset", p.message("crop_param").longs("offset"));
                    r.outputs.add(fromFull(full));
                }
            }
            case "split" -> {
                for (int i = 0; i < l.tops(); i++) {
                    r.outputs.add(in);
                }
            }
            case "slice" -> slice(l, r, p.message("slice_param"));
            case "silence" -> {
                // consumes its inputs, produces nothing
            }
            case "priorbox" -> priorBox(l, r, p.message("prior_box_param"));
            case "python" -> python(l, r, p.message("python_param"));
            case "roipooling" -> {
                ProtoMessage rp = p.message("roi_pooling_param");
                int ph = rp.intValue("pooled_h", 0);
                int pw = rp.intValue("pooled_w", 0);
                int rois = l.inputs().size() > 1 ? l.inputs().get(1).batch() : 1;
                r.attr("pooled", ph + "×" + pw).attr("spatial_scale", rp.doubleValue("spatial_scale", 1));
                r.outputs.add(new TensorShape(rois, List.of(in.channels(), ph, pw)));
            }
            case "detectionoutput" -> {
                ProtoMessage dp = p.message("detection_output_param");
                int keep = dp.intValue("keep_top_k", -1);
                if (keep <= 0) {
                    keep = dp.message("nms_param").intValue("top_k", 1);
                }
                r.attr("keep_top_k", keep);
                // Caffe's SSD output: one row [image_id, label, confidence, xmin, ymin, xmax, ymax] per kept detection
                r.outputs.add(TensorShape.of(1, keep, 7));
            }
            case "implicit" -> r.outputs.add(in);
            default -> {
                r.warnings.add("layer " + l.name() + ": unknown type, counted as 0 parameters and 0 operations"
                        + (l.inputs().size() == 1 && l.tops() == 1 ? ", its output shape assumed equal to its input" : ""));
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

    /** Kernel, stride, pad and dilation of a convolution or pooling parameter message, as {h, w} pairs. */
    record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        static Window of(ProtoMessage m) {
            int[] k = pair(m, "kernel_size", "kernel_h", "kernel_w", 0);
            int[] s = pair(m, "stride", "stride_h", "stride_w", 1);
            int[] p = pair(m, "pad", "pad_h", "pad_w", 0);
            int[] d = pair(m, "dilation", "dilation_h", "dilation_w", 1);
            return new Window(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
        }

        private static int[] pair(ProtoMessage m, String both, String h, String w, int fallback) {
            if (m.has(h) || m.has(w)) {
                return new int[] {m.intValue(h, fallback), m.intValue(w, fallback)};
            }
            List<Long> v = m.longs(both);
            if (v.isEmpty()) {
                return new int[] {fallback, fallback};
            }
            return new int[] {v.get(0).intValue(), v.get(v.size() > 1 ? 1 : 0).intValue()};
        }
    }

    private static void convolution(Layer l, Result r, ProtoMessage cp, boolean transposed) {
        TensorShape in = l.in();
        Window w = Window.of(cp);
        int out = cp.intValue("num_output", 0);
        int g = cp.intValue("group", 1);
        boolean bias = cp.bool("bias_term", true);
        int effH = w.dh() * (w.kh() - 1) + 1;
        int effW = w.dw() * (w.kw() - 1) + 1;
        int h;
        int wd;
        long kernel = (long) w.kh() * w.kw();
        if (transposed) {
            h = w.sh() * (in.height() - 1) + effH - 2 * w.ph();
            wd = w.sw() * (in.width() - 1) + effW - 2 * w.pw();
            r.trainable = (long) in.channels() * (out / g) * kernel + (bias ? out : 0);
            r.ops = Operations.macs(in.totalElements() * kernel * (out / g));
        } else {
            h = Math.floorDiv(in.height() + 2 * w.ph() - effH, w.sh()) + 1;
            wd = Math.floorDiv(in.width() + 2 * w.pw() - effW, w.sw()) + 1;
            r.trainable = kernel * (in.channels() / g) * out + (bias ? out : 0);
            r.ops = Operations.macs(kernel * (in.channels() / g) * out * h * wd * in.batch());
        }
        if (in.channels() % g != 0 || out % g != 0) {
            r.warnings.add("layer " + l.name() + ": group " + g + " does not divide the channels");
        }
        r.attr("num_output", out).attr("kernel", w.kh() + "×" + w.kw()).attr("stride", hw(w.sh(), w.sw()))
                .attr("pad", hw(w.ph(), w.pw()));
        if (w.dh() != 1 || w.dw() != 1) {
            r.attr("dilation", hw(w.dh(), w.dw()));
        }
        if (g != 1) {
            r.attr("groups", g);
        }
        r.attr("bias", bias);
        r.outputs.add(shapeOrWarn(l, r, in.batch(), out, h, wd));
    }

    private static void pooling(Layer l, Result r, ProtoMessage pp) {
        TensorShape in = l.in();
        Window w = Window.of(pp);
        boolean global = pp.bool("global_pooling", false);
        String pool = pp.string("pool", "MAX");
        int kh = global ? in.height() : w.kh();
        int kw = global ? in.width() : w.kw();
        int h;
        int wd;
        if (global) {
            h = 1;
            wd = 1;
        } else {
            h = caffePooledSize(in.height(), kh, w.sh(), w.ph());
            wd = caffePooledSize(in.width(), kw, w.sw(), w.pw());
        }
        long n = (long) kh * kw * in.channels() * h * wd * in.batch();
        r.ops = pool.equals("MAX") ? Operations.comparisons(n) : Operations.additions(n);
        r.attr("pool", pool);
        if (global) {
            r.attr("global", true);
        } else {
            r.attr("kernel", kh + "×" + kw).attr("stride", hw(w.sh(), w.sw())).attr("pad", hw(w.ph(), w.pw()));
        }
        r.outputs.add(shapeOrWarn(l, r, in.batch(), in.channels(), h, wd));
    }

    /**
     * Caffe's pooled size: ⌈(in + 2·pad − kernel) / stride⌉ + 1, minus one when padding would make the last window
     * start in the padding ({@code (out − 1)·stride ≥ in + pad}), as {@code PoolingLayer::Reshape} does.
     */
    static int caffePooledSize(int in, int kernel, int stride, int pad) {
        int out = (int) Math.ceil((double) (in + 2 * pad - kernel) / stride) + 1;
        if (pad > 0 && (long) (out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }

    private static void concat(Layer l, Result r, ProtoMessage cp) {
        List<Integer> first = full(l.in());
        int axis = axis(cp.has("axis") ? cp.intValue("axis", 1) : cp.intValue("concat_dim", 1), first.size());
        List<Integer> out = new ArrayList<>(first);
        long sum = 0;
        for (TensorShape s : l.inputs()) {
            List<Integer> f = full(s);
            if (f.size() != first.size() || !sameExcept(f, first, axis)) {
                r.warnings.add("layer " + l.name() + ": Concat inputs " + l.inputs() + " differ outside axis " + axis);
            }
            sum += axis < f.size() ? f.get(axis) : 0;
        }
        out.set(axis, Math.toIntExact(sum));
        r.attr("axis", axis);
        r.outputs.add(fromFull(out));
    }

    private static void eltwise(Layer l, Result r, ProtoMessage ep) {
        TensorShape in = l.in();
        String op = ep.string("operation", "SUM");
        for (TensorShape s : l.inputs()) {
            if (!s.equals(in)) {
                r.warnings.add("layer " + l.name() + ": Eltwise inputs differ: " + l.inputs());
                break;
            }
        }
        long n = (l.inputs().size() - 1L) * in.totalElements();
        boolean coefficients = ep.strings("coeff").stream().anyMatch(c -> Double.parseDouble(c) != 1.0);
        r.ops = switch (op) {
            case "PROD" -> Operations.macs(n);
            case "MAX" -> Operations.comparisons(n);
            default -> coefficients ? Operations.macs(n) : Operations.additions(n);
        };
        r.attr("operation", op);
        r.outputs.add(in);
    }

    private static void reshape(Layer l, Result r, ProtoMessage rp) {
        List<Integer> full = full(l.in());
        long total = 1;
        for (int d : full) {
            total *= d;
        }
        List<Long> dims = rp.message("shape").longs("dim");
        int axis = axis(rp.intValue("axis", 0), full.size() + 1);
        int numAxes = rp.intValue("num_axes", -1);
        int end = numAxes < 0 ? full.size() : Math.min(full.size(), axis + numAxes);
        List<Integer> out = new ArrayList<>(full.subList(0, axis));
        int inferred = -1;
        for (int i = 0; i < dims.size(); i++) {
            long d = dims.get(i);
            if (d == 0) {
                out.add(full.get(axis + i));
            } else if (d == -1) {
                inferred = out.size();
                out.add(1);
            } else {
                out.add((int) d);
            }
        }
        out.addAll(full.subList(end, full.size()));
        long known = 1;
        for (int d : out) {
            known *= d;
        }
        if (inferred >= 0) {
            out.set(inferred, Math.toIntExact(total / known));
            known *= total / known;
        }
        if (known != total) {
            r.warnings.add("layer " + l.name() + ": Reshape to " + out + " does not keep the " + total + " values");
            r.outputs.add(TensorShape.UNKNOWN);
            return;
        }
        r.attr("shape", dims);
        r.outputs.add(fromFull(out));
    }

    private static void slice(Layer l, Result r, ProtoMessage sp) {
        List<Integer> full = full(l.in());
        int axis = axis(sp.has("axis") ? sp.intValue("axis", 1) : sp.intValue("slice_dim", 1), full.size());
        List<Long> points = sp.longs("slice_point");
        int size = full.get(axis);
        List<Integer> sizes = new ArrayList<>();
        if (points.isEmpty()) {
            for (int i = 0; i < l.tops(); i++) {
                sizes.add(size / Math.max(1, l.tops()));
            }
        } else {
            long prev = 0;
            for (long pt : points) {
                sizes.add((int) (pt - prev));
                prev = pt;
            }
            sizes.add((int) (size - prev));
        }
        for (int s : sizes) {
            List<Integer> out = new ArrayList<>(full);
            out.set(axis, s);
            r.outputs.add(fromFull(out));
        }
        r.attr("axis", axis).attr("slice_point", points);
    }

    /** SSD's prior boxes: 2 × (H·W·priors·4) values (box corners, then their variances); shared by the batch. */
    private static void priorBox(Layer l, Result r, ProtoMessage pp) {
        TensorShape map = l.in();
        if (!map.known()) {
            r.outputs.add(TensorShape.UNKNOWN);
            return;
        }
        List<Double> ratios = new ArrayList<>(List.of(1.0));
        boolean flip = pp.bool("flip", true);
        for (String s : pp.strings("aspect_ratio")) {
            double ar = Double.parseDouble(s);
            if (ratios.stream().noneMatch(x -> Math.abs(x - ar) < 1e-6)) {
                ratios.add(ar);
                if (flip) {
                    ratios.add(1 / ar);
                }
            }
        }
        int priors = ratios.size() * pp.strings("min_size").size() + pp.strings("max_size").size();
        r.attr("priors", priors).attr("min_size", pp.strings("min_size")).attr("max_size", pp.strings("max_size"))
                .attr("aspect_ratio", pp.strings("aspect_ratio"));
        r.outputs.add(TensorShape.of(2, map.height() * map.width() * priors * 4));
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

    private static TensorShape shapeOrWarn(Layer l, Result r, int batch, int c, int h, int w) {
        if (c <= 0 || h <= 0 || w <= 0) {
            r.warnings.add("layer " + l.name() + ": output " + c + "×" + h + "×" + w + " is empty for input " + l.in());
            return TensorShape.UNKNOWN;
        }
        return new TensorShape(batch, List.of(c, h, w));
    }

    /** The shape with Caffe's leading batch axis, as Caffe's axis numbers count it. */
    private static List<Integer> full(TensorShape s) {
        List<Integer> f = new ArrayList<>();
        f.add(s.batch());
        f.addAll(s.dims());
        return f;
    }

    private static TensorShape fromFull(List<Integer> full) {
        return new TensorShape(full.get(0), full.subList(1, full.size()));
    }

    private static int axis(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    private static boolean sameExcept(List<Integer> a, List<Integer> b, int axis) {
        for (int i = 0; i < a.size(); i++) {
            if (i != axis && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String hw(int h, int w) {
        return h == w ? String.valueOf(h) : h + "×" + w;
    }

    private static final class Result {
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
            attributes.put(key, value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                    ? String.valueOf(d.longValue()) : String.valueOf(value));
            return this;
        }

        Analysis done() {
            return new Analysis(type, outputs, trainable, nonTrainable, ops, attributes, warnings);
        }
    }
}
