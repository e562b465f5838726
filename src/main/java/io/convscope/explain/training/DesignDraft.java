package io.convscope.explain.training;

import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * A network as the Train workspace's simple controls describe it: convolution stages (each some convolutions of
 * one filter count and kernel size, then 2 x 2 max pooling or not), one padding and batch-norm choice for all of
 * them, hidden dense layers, and dropout before the output layer. Tiny VGG is two stages of two 3 x 3
 * convolutions with 10 filters, both pooled, no padding.
 *
 * @param dropout the share of values zeroed while training, 0 for none
 */
public record DesignDraft(
        int inputSize,
        List<Stage> stages,
        boolean samePadding,
        boolean batchNorm,
        List<Integer> denseUnits,
        double dropout) {

    public static final int MIN_INPUT = 32;
    public static final int MAX_INPUT = 128;
    public static final int MAX_STAGES = 6;
    public static final int MAX_DENSE = 3;
    public static final String TINY_VGG_NAME = ArchitectureDesign.tinyVgg(null).name();
    public static final String OWN_NAME = "My CNN";

    /** {@code convolutions} convolutions of {@code filters} kernels of {@code kernel x kernel}, then pooling or not. */
    public record Stage(int convolutions, int filters, int kernel, boolean pool) {}

    public DesignDraft {
        stages = List.copyOf(stages);
        denseUnits = List.copyOf(denseUnits);
    }

    public static DesignDraft tinyVgg() {
        return new DesignDraft(
                64, List.of(new Stage(2, 10, 3, true), new Stage(2, 10, 3, true)), false, false, List.of(), 0);
    }

    public DesignDraft withInputSize(int size) {
        return new DesignDraft(size, stages, samePadding, batchNorm, denseUnits, dropout);
    }

    public DesignDraft withStages(List<Stage> s) {
        return new DesignDraft(inputSize, s, samePadding, batchNorm, denseUnits, dropout);
    }

    public DesignDraft withStage(int index, Stage stage) {
        List<Stage> s = new ArrayList<>(stages);
        s.set(index, stage);
        return withStages(s);
    }

    public DesignDraft withSamePadding(boolean on) {
        return new DesignDraft(inputSize, stages, on, batchNorm, denseUnits, dropout);
    }

    public DesignDraft withBatchNorm(boolean on) {
        return new DesignDraft(inputSize, stages, samePadding, on, denseUnits, dropout);
    }

    public DesignDraft withDenseUnits(List<Integer> units) {
        return new DesignDraft(inputSize, stages, samePadding, batchNorm, units, dropout);
    }

    public DesignDraft withDropout(double rate) {
        return new DesignDraft(inputSize, stages, samePadding, batchNorm, denseUnits, rate);
    }

    /** The design these controls describe (named Tiny VGG when it is exactly Tiny VGG); its classes are the data's. */
    public ArchitectureDesign design() {
        Block.Padding padding = samePadding ? Block.Padding.SAME : Block.Padding.VALID;
        List<Block> blocks = new ArrayList<>();
        for (Stage s : stages) {
            for (int i = 0; i < s.convolutions(); i++) {
                blocks.add(new Block.Conv(s.filters(), s.kernel(), 1, padding, "relu", batchNorm));
            }
            if (s.pool()) {
                blocks.add(new Block.Pool(Block.PoolMode.MAX, 2, 2));
            }
        }
        for (int units : denseUnits) {
            blocks.add(new Block.Dense(units, "relu"));
        }
        if (dropout > 0) {
            blocks.add(new Block.Dropout(dropout));
        }
        String name = equals(tinyVgg()) ? TINY_VGG_NAME : OWN_NAME;
        return new ArchitectureDesign(name, inputSize, 3, null, blocks);
    }

    /**
     * The controls for a design (e.g. from an opened settings file), or null when the simple controls cannot say it
     * (strides, average pooling, other activations, mixed paddings, dropout between layers, grey input...).
     */
    public static DesignDraft of(ArchitectureDesign d) {
        if (d.channels() != 3 || d.inputSize() < MIN_INPUT || d.inputSize() > MAX_INPUT) {
            return null;
        }
        List<Stage> stages = new ArrayList<>();
        List<Integer> dense = new ArrayList<>();
        Boolean same = null;
        Boolean norm = null;
        double dropout = 0;
        Block.Conv first = null;
        int convs = 0;
        for (Block b : d.blocks()) {
            if (b instanceof Block.Conv c && dense.isEmpty() && dropout == 0) {
                boolean fits = c.stride() == 1
                        && "relu".equals(c.activation())
                        && (c.padding().equals(Block.Padding.SAME)
                                || c.padding().equals(Block.Padding.VALID))
                        && (same == null || same == c.padding().same())
                        && (norm == null || norm == c.batchNorm())
                        && (first == null || (first.filters() == c.filters() && first.kernel() == c.kernel()));
                if (!fits) {
                    return null;
                }
                same = c.padding().same();
                norm = c.batchNorm();
                first = first == null ? c : first;
                convs++;
            } else if (b instanceof Block.Pool p
                    && first != null
                    && p.mode() == Block.PoolMode.MAX
                    && p.size() == 2
                    && p.stride() == 2) {
                stages.add(new Stage(convs, first.filters(), first.kernel(), true));
                first = null;
                convs = 0;
            } else if (b instanceof Block.Dense u && "relu".equals(u.activation()) && dropout == 0) {
                if (first != null) {
                    stages.add(new Stage(convs, first.filters(), first.kernel(), false));
                    first = null;
                    convs = 0;
                }
                dense.add(u.units());
            } else if (b instanceof Block.Dropout r && dropout == 0) {
                dropout = r.rate();
            } else {
                return null;
            }
        }
        if (first != null) {
            stages.add(new Stage(convs, first.filters(), first.kernel(), false));
        }
        if (stages.isEmpty() || stages.size() > MAX_STAGES || dense.size() > MAX_DENSE) {
            return null;
        }
        return new DesignDraft(
                d.inputSize(), stages, Boolean.TRUE.equals(same), Boolean.TRUE.equals(norm), dense, dropout);
    }
}
