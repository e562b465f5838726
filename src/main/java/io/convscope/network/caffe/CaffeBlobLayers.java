package io.convscope.network.caffe;

import io.convscope.network.caffe.CaffeLayers.Layer;
import io.convscope.network.caffe.CaffeLayers.Result;
import io.convscope.network.graph.Operations;
import io.convscope.network.graph.TensorShape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layers that move, join or cut blobs rather than compute on them: Flatten, Reshape, Permute, Crop, Concat,
 * Eltwise, Slice and SSD's PriorBox (formulas in {@link CaffeLayers}). Axis numbers count Caffe's way, the batch
 * axis included; an axis outside the blob, a slice point outside it or a dimension that does not fit is an error.
 */
final class CaffeBlobLayers {

    private CaffeBlobLayers() {}

    static void flatten(Layer l, Result r, ProtoMessage fp) {
        List<Integer> full = full(l.in());
        int axis = CaffeValues.axis("axis", CaffeValues.integer(fp, "axis", 1), full.size());
        int end = CaffeValues.axis("end_axis", CaffeValues.integer(fp, "end_axis", -1), full.size());
        if (end < axis) {
            throw new CaffeValues.BadValue("end_axis " + fp.string("end_axis", "") + " comes before axis " + axis);
        }
        List<Integer> out = new ArrayList<>(full.subList(0, axis));
        long n = 1;
        for (int i = axis; i <= end; i++) {
            n = CaffeValues.product("flattened size", n, full.get(i));
        }
        out.add(CaffeValues.dimension("flattened size", n));
        if (end + 1 < full.size()) {
            out.addAll(full.subList(end + 1, full.size()));
        }
        r.outputs.add(fromFull(out));
    }

    static void reshape(Layer l, Result r, ProtoMessage rp) {
        List<Integer> full = full(l.in());
        long total = l.in().totalElements();
        List<Long> dims = rp.message("shape").longs("dim");
        int axis = CaffeValues.axis("axis", CaffeValues.integer(rp, "axis", 0), full.size() + 1);
        int numAxes = CaffeValues.integer(rp, "num_axes", -1);
        int end = numAxes < 0 ? full.size() : (int) Math.min(full.size(), (long) axis + numAxes);
        List<Integer> out = new ArrayList<>(full.subList(0, axis));
        int inferred = -1;
        for (int i = 0; i < dims.size(); i++) {
            long d = dims.get(i);
            if (d == 0) {
                if (axis + i >= full.size()) {
                    throw new CaffeValues.BadValue(
                            "dim 0 (copy axis " + (axis + i) + ") is outside the input's " + full.size() + " axes");
                }
                out.add(full.get(axis + i));
            } else if (d == -1 && inferred < 0) {
                inferred = out.size();
                out.add(1);
            } else if (d < 0) {
                throw new CaffeValues.BadValue("dim " + d + (d == -1 ? " is given twice" : " is negative"));
            } else {
                out.add(CaffeValues.toInt("dim", d));
            }
        }
        out.addAll(full.subList(Math.max(end, axis), full.size()));
        long known = 1;
        for (int d : out) {
            known = CaffeValues.product("reshaped size", known, d);
        }
        if (inferred >= 0 && total % known == 0) {
            out.set(inferred, CaffeValues.dimension("inferred dim", total / known));
            known *= total / known;
        }
        if (known != total || out.isEmpty()) {
            r.warnings.add("layer " + l.name() + ": Reshape to " + out + " does not keep the " + total + " values");
            r.outputs.add(TensorShape.UNKNOWN);
            return;
        }
        r.attr("shape", dims);
        r.outputs.add(fromFull(out));
    }

    static void permute(Layer l, Result r, ProtoMessage pp) {
        List<Integer> full = full(l.in());
        List<Long> order = pp.longs("order");
        List<Integer> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (long o : order) {
            if (o < 0 || o >= full.size() || !used.add((int) o)) {
                throw new CaffeValues.BadValue("order " + o
                        + (o < 0 || o >= full.size()
                                ? " is outside the input's " + full.size() + " axes"
                                : " is given twice"));
            }
            out.add(full.get((int) o));
        }
        for (int i = 0; i < full.size(); i++) {
            if (!used.contains(i)) {
                out.add(full.get(i));
            }
        }
        r.attr("order", order);
        r.outputs.add(fromFull(out));
    }

    static void crop(Layer l, Result r, ProtoMessage cp) {
        TensorShape in = l.in();
        if (l.inputs().size() < 2) {
            r.warnings.add("layer " + l.name() + ": Crop needs two bottoms; output assumed equal to its input");
            r.outputs.add(in);
            return;
        }
        List<Integer> full = full(in);
        List<Integer> ref = full(l.inputs().get(1));
        int axis = CaffeValues.axis("axis", CaffeValues.integer(cp, "axis", 2), full.size());
        for (int i = axis; i < full.size() && i < ref.size(); i++) {
            full.set(i, ref.get(i));
        }
        r.attr("axis", axis).attr("offset", cp.longs("offset"));
        r.outputs.add(fromFull(full));
    }

    static void concat(Layer l, Result r, ProtoMessage cp) {
        List<Integer> first = full(l.in());
        int axis = CaffeValues.axis(
                cp.has("axis") ? "axis" : "concat_dim",
                cp.has("axis") ? CaffeValues.integer(cp, "axis", 1) : CaffeValues.integer(cp, "concat_dim", 1),
                first.size());
        List<Integer> out = new ArrayList<>(first);
        long sum = 0;
        for (TensorShape s : l.inputs()) {
            List<Integer> f = full(s);
            if (f.size() != first.size() || !sameExcept(f, first, axis)) {
                r.warnings.add("layer " + l.name() + ": Concat inputs " + l.inputs() + " differ outside axis " + axis);
            }
            sum += axis < f.size() ? f.get(axis) : 0;
        }
        out.set(axis, CaffeValues.dimension("concatenated size", sum));
        r.attr("axis", axis);
        r.outputs.add(fromFull(out));
    }

    static void eltwise(Layer l, Result r, ProtoMessage ep) {
        TensorShape in = l.in();
        String op = ep.string("operation", "SUM");
        for (TensorShape s : l.inputs()) {
            if (!s.equals(in)) {
                r.warnings.add("layer " + l.name() + ": Eltwise inputs differ: " + l.inputs());
                break;
            }
        }
        long n = CaffeValues.product("operations", l.inputs().size() - 1L, in.totalElements());
        boolean coefficients = ep.strings("coeff").stream().anyMatch(c -> CaffeValues.finite("coeff", c) != 1.0);
        r.ops = switch (op) {
            case "PROD" -> Operations.macs(n);
            case "MAX" -> Operations.comparisons(n);
            default -> coefficients ? Operations.macs(n) : Operations.additions(n);
        };
        r.attr("operation", op);
        r.outputs.add(in);
    }

    static void slice(Layer l, Result r, ProtoMessage sp) {
        List<Integer> full = full(l.in());
        int axis = CaffeValues.axis(
                sp.has("axis") ? "axis" : "slice_dim",
                sp.has("axis") ? CaffeValues.integer(sp, "axis", 1) : CaffeValues.integer(sp, "slice_dim", 1),
                full.size());
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
                if (pt <= prev || pt >= size) {
                    throw new CaffeValues.BadValue("slice_point " + pt + " is not between " + prev + " and " + size
                            + " (the points must increase inside axis " + axis + ")");
                }
                sizes.add((int) (pt - prev));
                prev = pt;
            }
            sizes.add((int) (size - prev));
        }
        for (int s : sizes) {
            if (s <= 0) {
                r.warnings.add("layer " + l.name() + ": Slice makes an empty part of axis " + axis);
                r.outputs.add(TensorShape.UNKNOWN);
                continue;
            }
            List<Integer> out = new ArrayList<>(full);
            out.set(axis, s);
            r.outputs.add(fromFull(out));
        }
        r.attr("axis", axis).attr("slice_point", points);
    }

    /** SSD's prior boxes: 2 × (H·W·priors·4) values (box corners, then their variances); shared by the batch. */
    static void priorBox(Layer l, Result r, ProtoMessage pp) {
        TensorShape map = l.in();
        if (!map.known()) {
            r.outputs.add(TensorShape.UNKNOWN);
            return;
        }
        List<Double> ratios = new ArrayList<>(List.of(1.0));
        boolean flip = pp.bool("flip", true);
        for (String s : pp.strings("aspect_ratio")) {
            double ar = CaffeValues.finite("aspect_ratio", s);
            if (ar <= 0) {
                throw new CaffeValues.BadValue("aspect_ratio " + s + " is not a positive number");
            }
            if (ratios.stream().noneMatch(x -> Math.abs(x - ar) < 1e-6)) {
                ratios.add(ar);
                if (flip) {
                    ratios.add(1 / ar);
                }
            }
        }
        int priors = ratios.size() * pp.strings("min_size").size()
                + pp.strings("max_size").size();
        r.attr("priors", priors)
                .attr("min_size", pp.strings("min_size"))
                .attr("max_size", pp.strings("max_size"))
                .attr("aspect_ratio", pp.strings("aspect_ratio"));
        if (priors == 0) {
            r.warnings.add("layer " + l.name() + ": PriorBox has no min_size, so it makes no boxes");
            r.outputs.add(TensorShape.UNKNOWN);
            return;
        }
        long values = CaffeValues.product("prior box values", map.height(), map.width(), priors, 4);
        r.outputs.add(TensorShape.of(2, CaffeValues.dimension("prior box values", values)));
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

    private static boolean sameExcept(List<Integer> a, List<Integer> b, int axis) {
        for (int i = 0; i < a.size(); i++) {
            if (i != axis && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
