package io.convscope.network.design;

import io.convscope.network.ConvGeometry;
import io.convscope.network.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a description and lays it out as layers, with every output size from {@link ConvGeometry} (the formula the
 * engine and the playground use). Layers are named as CNN Explainer names Tiny VGG's: {@code conv_<stage>_<n>}, its
 * {@code relu_<stage>_<n>}, {@code max_pool_<stage>}, where a pooling block ends a stage.
 */
final class DesignPlan {

    static final int MIN_INPUT = 32;
    static final int MAX_INPUT = 224;
    static final int MIN_CLASSES = 2;
    static final int MAX_CLASSES = 200;
    static final int MAX_BLOCKS = 64;
    static final int MAX_FILTERS = 1024;
    static final int MAX_KERNEL = 11;
    static final int MAX_STRIDE = 8;
    static final int MAX_POOL = 8;
    static final int MAX_UNITS = 4096;
    static final double MAX_DROPOUT = 0.9;
    /** Beyond this a network is far too big to train on a laptop's CPU, and its optimiser state alone is a GB. */
    static final long MAX_PARAMETERS = 50_000_000L;

    private final ArchitectureDesign design;
    private final List<DesignedLayer> layers = new ArrayList<>();
    private Shape shape;
    private String shapeSource;
    private int stage = 1;
    private int convInStage;
    private int dense;
    private int dropout;
    private String vectorSince;
    private Block current;

    DesignPlan(ArchitectureDesign design) {
        this.design = design;
    }

    List<DesignedLayer> layers() throws DesignException {
        range("", "inputSize", design.inputSize(), MIN_INPUT, MAX_INPUT);
        if (design.channels() != 1 && design.channels() != 3) {
            throw new DesignException("channels " + design.channels() + " must be 3 (colour) or 1 (grey)");
        }
        if (design.classes() == null) {
            throw new DesignException("classes is missing: give the number of classes, " + MIN_CLASSES + " to "
                    + MAX_CLASSES + " (the data set's folders)");
        }
        range("", "classes", design.classes(), MIN_CLASSES, MAX_CLASSES);
        if (design.blocks().isEmpty() || design.blocks().size() > MAX_BLOCKS) {
            throw new DesignException("blocks: a network needs 1 to " + MAX_BLOCKS + " blocks, this one has "
                    + design.blocks().size());
        }
        shape = design.inputShape();
        shapeSource = "the " + design.inputSize() + " x " + design.inputSize() + " input";
        for (int i = 0; i < design.blocks().size(); i++) {
            Block b = design.blocks().get(i);
            String where = "block " + (i + 1) + " (" + b.type() + "): ";
            current = b;
            if (b instanceof Block.Conv c) {
                conv(i + 1, where, c);
            } else if (b instanceof Block.Pool p) {
                pool(i + 1, where, p);
            } else if (b instanceof Block.GlobalPool g) {
                globalPool(i + 1, where, g);
            } else if (b instanceof Block.Dense d) {
                dense(i + 1, where, d);
            } else if (b instanceof Block.Dropout d) {
                if (!(d.rate() > 0 && d.rate() <= MAX_DROPOUT)) {
                    throw new DesignException(where + "rate " + d.rate() + " is outside 0 to " + MAX_DROPOUT
                            + " (the share of values zeroed while training; 0 itself is no dropout)");
                }
                add("dropout_" + ++dropout, DesignedLayer.Kind.DROPOUT, i + 1, shape, 0, 0, "identity", 0);
            }
            shapeSource = "block " + (i + 1) + " (" + b.type() + ")";
        }
        int classes = design.classes();
        current = null;
        add(
                "output",
                DesignedLayer.Kind.OUTPUT,
                0,
                Shape.vector(classes),
                0,
                0,
                "softmax",
                (long) shape.size() * classes + classes);
        long total = 0;
        for (DesignedLayer l : layers) {
            total += l.parameters();
        }
        if (total > MAX_PARAMETERS) {
            throw new DesignException(String.format(
                    Locale.ROOT,
                    "the network would have %,d parameters; ConvScope "
                            + "trains up to %,d (use fewer filters or units, or pool before the first dense layer)",
                    total,
                    MAX_PARAMETERS));
        }
        return List.copyOf(layers);
    }

    private void conv(int block, String where, Block.Conv c) throws DesignException {
        requireMaps(where);
        range(where, "filters", c.filters(), 1, MAX_FILTERS);
        range(where, "kernel", c.kernel(), 1, MAX_KERNEL);
        range(where, "stride", c.stride(), 1, MAX_STRIDE);
        if (!c.padding().same()) {
            range(where, "padding", c.padding().cells(), 0, c.kernel() - 1);
        }
        activation(where, c.activation());
        int side = c.padding().same()
                ? ConvGeometry.outputSize(shape.height(), c.kernel(), c.stride(), 0, 1, ConvGeometry.Mode.SAME)
                : windowOutput(where, c.kernel(), c.stride(), c.padding().cells(), "kernel");
        convInStage++;
        String suffix = "_" + stage + "_" + convInStage;
        Shape out = new Shape(c.filters(), side, side);
        long weights = (long) c.kernel() * c.kernel() * shape.channels() * c.filters();
        addWindow(
                "conv" + suffix,
                DesignedLayer.Kind.CONVOLUTION,
                block,
                out,
                c.kernel(),
                c.stride(),
                c.padding(),
                weights + (c.batchNorm() ? 0 : c.filters()));
        if (c.batchNorm()) {
            // DL4J counts the stored mean and variance with gamma and beta: 4 per channel
            add("bn" + suffix, DesignedLayer.Kind.BATCH_NORM, block, out, 0, 0, "identity", 4L * c.filters());
        }
        if (!c.activation().equals("identity")) {
            add(c.activation() + suffix, DesignedLayer.Kind.ACTIVATION, block, out, 0, 0, c.activation(), 0);
        }
    }

    private void pool(int block, String where, Block.Pool p) throws DesignException {
        requireMaps(where);
        range(where, "size", p.size(), 1, MAX_POOL);
        range(where, "stride", p.stride(), 1, MAX_POOL);
        int side = windowOutput(where, p.size(), p.stride(), 0, "window");
        DesignedLayer.Kind kind =
                p.mode() == Block.PoolMode.MAX ? DesignedLayer.Kind.MAX_POOL : DesignedLayer.Kind.AVG_POOL;
        addWindow(
                p.mode() == Block.PoolMode.MAX ? "max_pool_" + stage : "avg_pool_" + stage,
                kind,
                block,
                new Shape(shape.channels(), side, side),
                p.size(),
                p.stride(),
                Block.Padding.VALID,
                0);
        stage++;
        convInStage = 0;
    }

    private void globalPool(int block, String where, Block.GlobalPool g) throws DesignException {
        requireMaps(where);
        if (shape.height() == 1 && shape.width() == 1) {
            throw new DesignException(where + "the maps " + shapeSource + " leaves are already 1 x 1, so there is "
                    + "nothing to pool; remove this block (a dense block reads the maps as they are)");
        }
        boolean max = g.mode() == Block.PoolMode.MAX;
        add(
                max ? "global_max_pool" : "global_avg_pool",
                max ? DesignedLayer.Kind.GLOBAL_MAX_POOL : DesignedLayer.Kind.GLOBAL_AVG_POOL,
                block,
                Shape.vector(shape.channels()),
                0,
                0,
                "identity",
                0);
        vectorSince = where.substring(0, where.length() - 2);
    }

    private void dense(int block, String where, Block.Dense d) throws DesignException {
        range(where, "units", d.units(), 1, MAX_UNITS);
        activation(where, d.activation());
        add(
                "dense_" + ++dense,
                DesignedLayer.Kind.DENSE,
                block,
                Shape.vector(d.units()),
                0,
                0,
                d.activation(),
                (long) shape.size() * d.units() + d.units());
        if (vectorSince == null) {
            vectorSince = where.substring(0, where.length() - 2);
        }
    }

    /** Outputs along one side of a window moved over the current maps, or a sentence when it does not fit. */
    private int windowOutput(String where, int window, int stride, int padding, String what) throws DesignException {
        if (ConvGeometry.span(shape.height(), window, padding, 1) < 0) {
            String side = shape.height() + " x " + shape.width();
            throw new DesignException(where + "its " + window + " x " + window + " " + what + " does not fit the "
                    + side + " maps " + shapeSource + " leaves" + (padding > 0 ? " (with padding " + padding + ")" : "")
                    + ": the maps have shrunk to nothing by here. Use padding \"same\", smaller strides, fewer "
                    + "pooling blocks or a larger input size");
        }
        return ConvGeometry.outputSize(shape.height(), window, stride, padding, 1, ConvGeometry.Mode.TRUNCATE);
    }

    private void requireMaps(String where) throws DesignException {
        if (vectorSince != null) {
            throw new DesignException(where + "comes after " + vectorSince + ", which turned the maps into a vector; "
                    + "convolution and pooling blocks must come before the first dense or global pooling block");
        }
    }

    private static void activation(String where, String name) throws DesignException {
        if (!Block.ACTIVATIONS.contains(name)) {
            throw new DesignException(
                    where + "activation \"" + name + "\" is not one of " + String.join(", ", Block.ACTIVATIONS));
        }
    }

    static void range(String where, String field, long value, long min, long max) throws DesignException {
        if (value < min || value > max) {
            throw new DesignException(where + field + " " + value + " is outside " + min + " to " + max);
        }
    }

    private void addWindow(
            String name,
            DesignedLayer.Kind kind,
            int block,
            Shape out,
            int kernel,
            int stride,
            Block.Padding padding,
            long parameters) {
        layers.add(new DesignedLayer(
                name, kind, block, current, shape, out, kernel, stride, padding, "identity", parameters));
        shape = out;
    }

    private void add(
            String name,
            DesignedLayer.Kind kind,
            int block,
            Shape out,
            int kernel,
            int stride,
            String activation,
            long parameters) {
        layers.add(new DesignedLayer(
                name, kind, block, current, shape, out, kernel, stride, Block.Padding.VALID, activation, parameters));
        shape = out;
    }
}
