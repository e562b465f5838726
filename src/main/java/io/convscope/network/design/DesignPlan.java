package io.convscope.network.design;

import io.convscope.network.ConvGeometry;
import io.convscope.network.Phrase;
import io.convscope.network.Shape;
import io.convscope.network.design.DesignException.Wording;

import java.util.ArrayList;
import java.util.List;

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
    /** What made the maps on hand: the input or a block, as named in a sentence. */
    private Phrase shapeSource;

    private int stage = 1;
    private int convInStage;
    private int dense;
    private int dropout;
    private Phrase vectorSince;
    private Block current;
    private int currentNumber;

    DesignPlan(ArchitectureDesign design) {
        this.design = design;
    }

    List<DesignedLayer> layers() throws DesignException {
        range("inputSize", design.inputSize(), MIN_INPUT, MAX_INPUT);
        if (design.channels() != 1 && design.channels() != 3) {
            throw refused(Wording.CHANNELS, design.channels());
        }
        if (design.classes() == null) {
            throw refused(Wording.NO_CLASSES, MIN_CLASSES, MAX_CLASSES);
        }
        range("classes", design.classes(), MIN_CLASSES, MAX_CLASSES);
        if (design.blocks().isEmpty() || design.blocks().size() > MAX_BLOCKS) {
            throw refused(Wording.BLOCK_COUNT, MAX_BLOCKS, design.blocks().size());
        }
        shape = design.inputShape();
        shapeSource = Wording.THE_INPUT.of(design.inputSize());
        for (int i = 0; i < design.blocks().size(); i++) {
            Block b = design.blocks().get(i);
            current = b;
            currentNumber = i + 1;
            if (b instanceof Block.Conv c) {
                conv(i + 1, c);
            } else if (b instanceof Block.Pool p) {
                pool(i + 1, p);
            } else if (b instanceof Block.GlobalPool g) {
                globalPool(i + 1, g);
            } else if (b instanceof Block.Dense d) {
                dense(i + 1, d);
            } else if (b instanceof Block.Dropout d) {
                if (!(d.rate() > 0 && d.rate() <= MAX_DROPOUT)) {
                    throw refused(Wording.DROPOUT_RATE, d.rate(), MAX_DROPOUT);
                }
                add("dropout_" + ++dropout, DesignedLayer.Kind.DROPOUT, i + 1, shape, 0, 0, "identity", 0);
            }
            shapeSource = thisBlock();
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
            throw refused(Wording.TOO_MANY_PARAMETERS, total, MAX_PARAMETERS);
        }
        return List.copyOf(layers);
    }

    private void conv(int block, Block.Conv c) throws DesignException {
        requireMaps();
        range("filters", c.filters(), 1, MAX_FILTERS);
        range("kernel", c.kernel(), 1, MAX_KERNEL);
        range("stride", c.stride(), 1, MAX_STRIDE);
        if (!c.padding().same()) {
            range("padding", c.padding().cells(), 0, c.kernel() - 1);
        }
        activation(c.activation());
        int side = c.padding().same()
                ? ConvGeometry.outputSize(shape.height(), c.kernel(), c.stride(), 0, 1, ConvGeometry.Mode.SAME)
                : windowOutput(c.kernel(), c.stride(), c.padding().cells(), Wording.KERNEL_DOES_NOT_FIT);
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

    private void pool(int block, Block.Pool p) throws DesignException {
        requireMaps();
        range("size", p.size(), 1, MAX_POOL);
        range("stride", p.stride(), 1, MAX_POOL);
        int side = windowOutput(p.size(), p.stride(), 0, Wording.WINDOW_DOES_NOT_FIT);
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

    private void globalPool(int block, Block.GlobalPool g) throws DesignException {
        requireMaps();
        if (shape.height() == 1 && shape.width() == 1) {
            throw refused(Wording.NOTHING_TO_POOL, shapeSource);
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
        vectorSince = thisBlock();
    }

    private void dense(int block, Block.Dense d) throws DesignException {
        range("units", d.units(), 1, MAX_UNITS);
        activation(d.activation());
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
            vectorSince = thisBlock();
        }
    }

    /** Outputs along one side of a window moved over the current maps, or a sentence when it does not fit. */
    private int windowOutput(int window, int stride, int padding, Wording doesNotFit) throws DesignException {
        if (ConvGeometry.span(shape.height(), window, padding, 1) < 0) {
            Object padded = padding > 0 ? Wording.WITH_PADDING.of(padding) : "";
            throw refused(doesNotFit, window, shape.height(), shape.width(), shapeSource, padded);
        }
        return ConvGeometry.outputSize(shape.height(), window, stride, padding, 1, ConvGeometry.Mode.TRUNCATE);
    }

    private void requireMaps() throws DesignException {
        if (vectorSince != null) {
            throw refused(Wording.AFTER_VECTOR, vectorSince);
        }
    }

    private void activation(String name) throws DesignException {
        if (!Block.ACTIVATIONS.contains(name)) {
            throw refused(Wording.ACTIVATION, name, String.join(", ", Block.ACTIVATIONS));
        }
    }

    private void range(String field, long value, long min, long max) throws DesignException {
        if (value < min || value > max) {
            throw refused(Wording.OUT_OF_RANGE, field, value, min, max);
        }
    }

    /** The block being laid out, as a sentence names it: "block 3 (pool)". */
    private Phrase thisBlock() {
        return Wording.THE_BLOCK.of(currentNumber, current.type());
    }

    /** {@code problem}, said of the block being laid out (or of the whole design before and after the blocks). */
    private DesignException refused(Wording problem, Object... arguments) {
        Phrase said = problem.of(arguments);
        return current == null
                ? new DesignException(problem, 0, said)
                : new DesignException(problem, currentNumber, Wording.IN_BLOCK.of(currentNumber, current.type(), said));
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
