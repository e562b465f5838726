package io.convscope.explain.training;

import io.convscope.network.CostAnalysis;
import io.convscope.network.LayerCost;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignedLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a design costs before it is built, with the architecture analyzer's formulas ({@link CostAnalysis}): each
 * layer's output size, parameters and multiply-adds, the totals, the activation memory of one image, and what one
 * training step of a batch needs. A design that does not work is not refused silently: {@link #failure()} names the
 * block and says why, in any language through its wording (for a block the maps have shrunk away before,
 * {@link #shrunkBlock()} and {@link #mapsLeft()} let the view say it in the simple form's own terms).
 *
 * @param rows           one per layer, input first (empty when there is a problem)
 * @param failure        why the design cannot be laid out (naming block and field), or null when it works
 * @param shrunkBlock    the block (from 1) whose window no longer fits the maps, or 0
 * @param mapsLeft       the side of the maps that block reads, when {@code shrunkBlock} is set
 */
public record DesignSummary(
        List<Row> rows,
        long parameters,
        long multiplyAdds,
        long activationBytes,
        long peakActivationBytes,
        long activationValues,
        DesignException failure,
        int shrunkBlock,
        Block shrunkSource,
        int mapsLeft) {

    /** One layer of the table. */
    public record Row(String name, LayerKind kind, Shape output, long parameters, long multiplyAdds) {}

    public static DesignSummary of(ArchitectureDesign design) {
        List<DesignedLayer> layers;
        try {
            layers = design.layers();
        } catch (DesignException e) {
            return failed(design, e);
        }
        NetworkDescription network = describe(design, layers);
        CostAnalysis cost = CostAnalysis.of(network);
        List<Row> rows = new ArrayList<>();
        for (LayerCost c : cost.layers()) {
            LayerDescription l = c.layer();
            rows.add(new Row(l.name(), l.kind(), l.outputShape(), c.parameters(), c.multiplyAdds()));
        }
        long values;
        try {
            values = design.activationValues();
        } catch (DesignException e) {
            return failed(design, e);
        }
        return new DesignSummary(
                rows,
                cost.totalParameters(),
                cost.totalMultiplyAdds(),
                cost.totalActivationBytes(),
                cost.peakActivationBytes(),
                values,
                null,
                0,
                null,
                0);
    }

    public boolean works() {
        return failure == null;
    }

    /** Why the design does not work, in English (as the CLI says it), or null. */
    public String problem() {
        return failure == null ? null : failure.getMessage();
    }

    /**
     * What one training step of {@code batch} images keeps: every layer's output of every image for the backward
     * pass and as much again for their gradients, beside the parameters, their gradients and the optimiser's two
     * moments (the engine's own estimate before it starts).
     */
    public long trainingStepBytes(int batch) {
        return ArchitectureDesign.trainingStepBytes(activationValues, parameters, batch);
    }

    /** A design that fails; for a window the maps have shrunk below, the block and the maps it reads. */
    private static DesignSummary failed(ArchitectureDesign design, DesignException failure) {
        int k = failure.block();
        if (k > 1 && shrunkAway(failure)) {
            List<Block> blocks = design.blocks();
            int side = mapsAfter(design, blocks.subList(0, k - 1));
            return new DesignSummary(List.of(), 0, 0, 0, 0, 0, failure, k, blocks.get(k - 1), side);
        }
        return new DesignSummary(List.of(), 0, 0, 0, 0, 0, failure, 0, null, 0);
    }

    private static boolean shrunkAway(DesignException e) {
        return e.problem()
                .filter(p -> p == DesignException.Wording.KERNEL_DOES_NOT_FIT
                        || p == DesignException.Wording.WINDOW_DOES_NOT_FIT)
                .isPresent();
    }

    private static int mapsAfter(ArchitectureDesign design, List<Block> blocks) {
        try {
            List<DesignedLayer> l = new ArchitectureDesign(
                            design.name(), design.inputSize(), design.channels(), design.classes(), blocks)
                    .layers();
            return l.get(l.size() - 2).output().height(); // the last is the output layer
        } catch (DesignException e) {
            return design.inputSize();
        }
    }

    /** The design as the analyzer's network description: a chain, input first, a flatten before the first dense. */
    static NetworkDescription describe(ArchitectureDesign design, List<DesignedLayer> layers) {
        List<LayerDescription> out = new ArrayList<>();
        Shape input = design.inputShape();
        out.add(LayerDescription.elementwise("input", LayerKind.INPUT, input, input, "identity", 0));
        for (DesignedLayer l : layers) {
            if ((l.kind() == DesignedLayer.Kind.DENSE || l.kind() == DesignedLayer.Kind.OUTPUT)
                    && !l.input().isVector()) {
                Shape flat = Shape.vector(l.input().size());
                out.add(LayerDescription.elementwise("flatten", LayerKind.FLATTEN, l.input(), flat, "identity", 0));
            }
            LayerDescription d = describe(l);
            if (d != null) {
                out.add(d);
            }
        }
        return new NetworkDescription(design.name(), List.of(), out, Map.of());
    }

    private static LayerDescription describe(DesignedLayer l) {
        Shape in = l.input().isVector() || l.kind() == DesignedLayer.Kind.DENSE || l.kind() == DesignedLayer.Kind.OUTPUT
                ? Shape.vector(l.input().size())
                : l.input();
        LayerDescription.Window k = new LayerDescription.Window(l.kernel(), l.kernel());
        LayerDescription.Window s = new LayerDescription.Window(l.stride(), l.stride());
        return switch (l.kind()) {
            case CONVOLUTION -> new LayerDescription(
                    l.name(), LayerKind.CONVOLUTION, in, l.output(), k, s, padding(l), l.activation(), l.parameters());
            case MAX_POOL, AVG_POOL -> new LayerDescription(
                    l.name(),
                    l.kind() == DesignedLayer.Kind.MAX_POOL ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL,
                    in,
                    l.output(),
                    k,
                    s,
                    LayerDescription.Padding.NONE,
                    "identity",
                    0);
            case GLOBAL_MAX_POOL, GLOBAL_AVG_POOL -> new LayerDescription(
                    l.name(),
                    l.kind() == DesignedLayer.Kind.GLOBAL_MAX_POOL ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL,
                    in,
                    l.output(),
                    new LayerDescription.Window(in.height(), in.width()),
                    new LayerDescription.Window(in.height(), in.width()),
                    LayerDescription.Padding.NONE,
                    "identity",
                    0);
            case BATCH_NORM -> LayerDescription.elementwise(
                    l.name(), LayerKind.BATCH_NORM, in, l.output(), "identity", l.parameters());
            case ACTIVATION -> LayerDescription.elementwise(
                    l.name(), LayerKind.ACTIVATION, in, l.output(), l.activation(), 0);
            case DENSE -> LayerDescription.elementwise(
                    l.name(), LayerKind.DENSE, in, l.output(), l.activation(), l.parameters());
            case OUTPUT -> LayerDescription.elementwise(
                    l.name(), LayerKind.OUTPUT, in, l.output(), "softmax", l.parameters());
            case DROPOUT -> null; // the identity once trained: nothing to count
        };
    }

    private static LayerDescription.Padding padding(DesignedLayer l) {
        int total = Math.max(
                0,
                (l.output().height() - 1) * l.stride() + l.kernel() - l.input().height());
        int cells = l.padding().same() ? total / 2 : l.padding().cells();
        int after = l.padding().same() ? total - total / 2 : cells;
        return new LayerDescription.Padding(cells, cells, after, after);
    }
}
