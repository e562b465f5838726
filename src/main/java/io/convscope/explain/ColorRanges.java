package io.convscope.explain;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The activation colour range of every layer of one forward pass, in every {@link RangeMode}: the full width r of
 * the symmetric interval [-r/2, r/2] that {@link ValueColors#activation(double, double)} spreads over RdBu.
 * <p>
 * CNN Explainer's rule (spec §2.3), generalised from Tiny VGG to any sequential CNN. Only hidden map layers (not the
 * input or output, and not vectors such as flatten or dense) get a computed range; all others get 1. Walking left to
 * right, a convolution's range is 2 × (0.1 + its largest absolute output rounded to 3 decimals) — the 0.1 keeps the
 * extremes off the darkest colour — and the layers reading it (activation, pooling, normalisation, padding) inherit
 * it, so a ReLU map uses only the white-to-blue half. Layers that rescale or combine values start their own range
 * the same way: a batch normalisation, a residual addition, a concatenation of branches with different ranges, a
 * constant scaling. Map layers before the first convolution use their own output. A module is a run of map layers
 * ending with a pooling layer (or the last map layer).
 */
public final class ColorRanges {

    /** One legend bar: layers {@code firstLayer..lastLayer} (inclusive, network indices) share {@code range}. */
    public record LegendSpan(int firstLayer, int lastLayer, double range) {}

    private final Map<RangeMode, double[]> ranges = new EnumMap<>(RangeMode.class);
    private final Map<RangeMode, List<LegendSpan>> legends = new EnumMap<>(RangeMode.class);

    private ColorRanges(ActivationSnapshot snapshot) {
        List<LayerDescription> layers = snapshot.network().layers();
        int n = layers.size();
        boolean[] isMap = new boolean[n];
        int[] source = new int[n];
        int[] module = new int[n];
        double[] unit = new double[n];
        int modules = 0;
        for (int i = 0; i < n; i++) {
            LayerDescription layer = layers.get(i);
            isMap[i] = isHiddenMap(layer);
            if (!isMap[i]) {
                continue;
            }
            // A layer inherits the range of the map it reads (in a graph, its own input, not the previous layer).
            int input = snapshot.network().inputOf(i);
            source[i] = startsRange(layer.kind()) || input < 0 || !isMap[input] ? i : source[input];
            unit[i] = ownRange(snapshot.layer(source[i]));
            module[i] = modules;
            if (layer.kind().isPooling()) {
                modules++;
            }
        }
        share(RangeMode.UNIT, isMap, source, unit);
        share(RangeMode.MODULE, isMap, module, unit);
        share(RangeMode.GLOBAL, isMap, new int[n], unit);
    }

    /** The ranges of every layer of {@code snapshot}'s network, for its activations. */
    public static ColorRanges of(ActivationSnapshot snapshot) {
        return new ColorRanges(snapshot);
    }

    /** The range of layer {@code layerIndex} (an index into the network's layers and the snapshot). */
    public double range(RangeMode mode, int layerIndex) {
        return ranges.get(mode)[layerIndex];
    }

    /** The range of every layer, indexed like the network's layers; a copy. */
    public double[] ranges(RangeMode mode) {
        return ranges.get(mode).clone();
    }

    /**
     * The legend bars to draw in {@code mode}, left to right: in UNIT one per convolution covering the layers that
     * inherit its range, in MODULE one per module, in GLOBAL one for all hidden map layers.
     */
    public List<LegendSpan> legends(RangeMode mode) {
        return legends.get(mode);
    }

    /** Gives each run of consecutive map layers with the same group the largest unit range among them. */
    private void share(RangeMode mode, boolean[] isMap, int[] group, double[] unit) {
        double[] shared = new double[isMap.length];
        Arrays.fill(shared, 1);
        List<LegendSpan> spans = new ArrayList<>();
        int first = 0;
        while (first < isMap.length) {
            if (!isMap[first]) {
                first++;
                continue;
            }
            int end = first + 1;
            while (end < isMap.length && isMap[end] && group[end] == group[first]) {
                end++;
            }
            double range = Arrays.stream(unit, first, end).max().orElseThrow();
            Arrays.fill(shared, first, end, range);
            spans.add(new LegendSpan(first, end - 1, range));
            first = end;
        }
        ranges.put(mode, shared);
        legends.put(mode, List.copyOf(spans));
    }

    /** Layers whose values are on a new scale (a hidden dense layer starts its own range, as a convolution does). */
    private static boolean startsRange(LayerKind kind) {
        return switch (kind) {
            case CONVOLUTION, DENSE, BATCH_NORM, ADD, MERGE, CONCAT, SCALE -> true;
            default -> false;
        };
    }

    private static boolean isHiddenMap(LayerDescription layer) {
        return layer.kind() != LayerKind.INPUT
                && layer.kind() != LayerKind.OUTPUT
                && (!layer.outputShape().isVector() || layer.kind() == LayerKind.DENSE);
    }

    private static double ownRange(LayerActivation output) {
        double extent = Math.max(Math.abs(output.min()), Math.abs(output.max()));
        return 2 * (0.1 + Math.round(extent * 1000) / 1000.0);
    }
}
