package io.convscope.network.caffe;

import io.convscope.network.ConvGeometry;
import io.convscope.network.caffe.CaffeLayers.Layer;
import io.convscope.network.caffe.CaffeLayers.Result;
import io.convscope.network.graph.Operations;
import io.convscope.network.graph.TensorShape;

import java.util.List;

/**
 * The layers that slide a window over a map: Convolution, Deconvolution and Pooling (formulas in
 * {@link CaffeLayers}). Sizes are computed in 64 bits and every count multiplied exactly, so a huge kernel or
 * num_output is an error or an empty output, never a negative total.
 */
final class CaffeWindowLayers {

    private CaffeWindowLayers() {}

    /** Kernel, stride, pad and dilation of a convolution or pooling parameter message, as {h, w} pairs. */
    record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        static Window of(ProtoMessage m, boolean kernelRequired) {
            int[] k = pair(m, "kernel_size", "kernel_h", "kernel_w", kernelRequired ? 0 : 1, true);
            int[] s = pair(m, "stride", "stride_h", "stride_w", 1, true);
            int[] p = pair(m, "pad", "pad_h", "pad_w", 0, false);
            int[] d = pair(m, "dilation", "dilation_h", "dilation_w", 1, true);
            return new Window(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
        }

        /** {@code fallback} 0 for a positive field means it is required. */
        private static int[] pair(ProtoMessage m, String both, String h, String w, int fallback, boolean positive) {
            if (m.has(h) || m.has(w)) {
                return new int[] {value(m, h, fallback, positive), value(m, w, fallback, positive)};
            }
            List<Long> v = m.longs(both);
            if (v.isEmpty()) {
                if (positive && fallback == 0) {
                    throw new CaffeValues.BadValue(both + " is missing");
                }
                return new int[] {fallback, fallback};
            }
            return new int[] {check(both, v.get(0), positive), check(both, v.get(v.size() > 1 ? 1 : 0), positive)};
        }

        private static int value(ProtoMessage m, String field, int fallback, boolean positive) {
            if (!m.has(field) && positive && fallback == 0) {
                throw new CaffeValues.BadValue(field + " is missing");
            }
            return check(field, m.longValue(field, fallback), positive);
        }

        private static int check(String field, long v, boolean positive) {
            int i = CaffeValues.toInt(field, v);
            if (positive && i <= 0) {
                throw new CaffeValues.BadValue(field + " " + i + " is not a positive number");
            }
            if (i < 0) {
                throw new CaffeValues.BadValue(field + " " + i + " is negative");
            }
            return i;
        }
    }

    static void convolution(Layer l, Result r, ProtoMessage cp, boolean transposed) {
        TensorShape in = l.in();
        Window w = Window.of(cp, true);
        int out = CaffeValues.required(cp, "num_output");
        int g = CaffeValues.positive(cp, "group", 1);
        boolean bias = cp.bool("bias_term", true);
        long effH = (long) w.dh() * (w.kh() - 1) + 1;
        long effW = (long) w.dw() * (w.kw() - 1) + 1;
        long h;
        long wd;
        long kernel = (long) w.kh() * w.kw();
        if (transposed) {
            h = (long) w.sh() * (in.height() - 1) + effH - 2L * w.ph();
            wd = (long) w.sw() * (in.width() - 1) + effW - 2L * w.pw();
            r.trainable = CaffeValues.sum(
                    "parameters", CaffeValues.product("weights", in.channels(), out / g, kernel), bias ? out : 0);
            r.ops = Operations.macs(CaffeValues.product("multiply-adds", in.totalElements(), kernel, out / g));
        } else {
            h = ConvGeometry.windows(in.height(), w.kh(), w.sh(), w.ph(), w.dh(), false);
            wd = ConvGeometry.windows(in.width(), w.kw(), w.sw(), w.pw(), w.dw(), false);
            r.trainable = CaffeValues.sum(
                    "parameters", CaffeValues.product("weights", kernel, in.channels() / g, out), bias ? out : 0);
            r.ops = Operations.macs(
                    h <= 0 || wd <= 0
                            ? 0
                            : CaffeValues.product("multiply-adds", kernel, in.channels() / g, out, h, wd, in.batch()));
        }
        if (in.channels() % g != 0 || out % g != 0) {
            r.warnings.add("layer " + l.name() + ": group " + g + " does not divide the channels");
        }
        r.attr("num_output", out)
                .attr("kernel", w.kh() + "×" + w.kw())
                .attr("stride", hw(w.sh(), w.sw()))
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

    static void pooling(Layer l, Result r, ProtoMessage pp) {
        TensorShape in = l.in();
        boolean global = pp.bool("global_pooling", false);
        Window w = Window.of(pp, !global);
        String pool = pp.string("pool", "MAX");
        int kh = global ? in.height() : w.kh();
        int kw = global ? in.width() : w.kw();
        long h;
        long wd;
        if (global) {
            h = 1;
            wd = 1;
        } else {
            h = caffePooledSize(in.height(), kh, w.sh(), w.ph());
            wd = caffePooledSize(in.width(), kw, w.sw(), w.pw());
        }
        long n = h <= 0 || wd <= 0 ? 0 : CaffeValues.product("operations", kh, kw, in.channels(), h, wd, in.batch());
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
    static long caffePooledSize(int in, int kernel, int stride, int pad) {
        long out = ConvGeometry.windows(in, kernel, stride, pad, 1, true);
        if (pad > 0 && (out - 1) * stride >= (long) in + pad) {
            out--;
        }
        return out;
    }

    private static TensorShape shapeOrWarn(Layer l, Result r, int batch, int c, long h, long w) {
        if (c <= 0 || h <= 0 || w <= 0) {
            r.warnings.add("layer " + l.name() + ": output " + c + "×" + h + "×" + w + " is empty for input " + l.in());
            return TensorShape.UNKNOWN;
        }
        return new TensorShape(
                batch, List.of(c, CaffeValues.dimension("output height", h), CaffeValues.dimension("output width", w)));
    }

    private static String hw(int h, int w) {
        return h == w ? String.valueOf(h) : h + "×" + w;
    }
}
