package io.convscope.network.design;

import io.convscope.network.Shape;

import java.util.List;

/**
 * A network a student describes: a square input of {@code inputSize} pixels with {@code channels} channels, the
 * blocks in order, and an output layer of {@code classes} units with softmax added after them.
 *
 * @param classes the number of classes, 2 to 200; null when the data set it is trained on decides
 */
public record ArchitectureDesign(String name, int inputSize, int channels, Integer classes, List<Block> blocks) {

    /** The id of the ready-made description of the bundled Tiny VGG. */
    public static final String TINY_VGG = "tinyvgg";

    public ArchitectureDesign {
        blocks = List.copyOf(blocks);
    }

    /**
     * CNN Explainer's Tiny VGG, which the bundled model is: 64 x 64 x 3, two stages of two 3 x 3 convolutions with 10
     * filters and ReLU followed by 2 x 2 max pooling, then the output layer.
     */
    public static ArchitectureDesign tinyVgg(Integer classes) {
        Block conv = new Block.Conv(10, 3, 1, Block.Padding.VALID, "relu", false);
        Block pool = new Block.Pool(Block.PoolMode.MAX, 2, 2);
        return new ArchitectureDesign("Tiny VGG", 64, 3, classes, List.of(conv, conv, pool, conv, conv, pool));
    }

    /** The ready-made description called {@code id}, or null. */
    public static ArchitectureDesign builtIn(String id) {
        return TINY_VGG.equalsIgnoreCase(id) ? tinyVgg(null) : null;
    }

    /** This description for a data set of {@code count} classes. */
    public ArchitectureDesign withClasses(int count) {
        return new ArchitectureDesign(name, inputSize, channels, count, blocks);
    }

    /** This description at another input size (e.g. a {@code --input} option). */
    public ArchitectureDesign withInputSize(int size) {
        return new ArchitectureDesign(name, size, channels, classes, blocks);
    }

    public Shape inputShape() {
        return new Shape(channels, inputSize, inputSize);
    }

    /**
     * Every layer the description becomes, with its shapes and parameters, after checking every field.
     *
     * @throws DesignException naming the block, the field and the allowed range, or the block whose output would
     *                         shrink to nothing
     */
    public List<DesignedLayer> layers() throws DesignException {
        return new DesignPlan(this).layers();
    }

    /**
     * The values every layer outputs for one image, the input included: what one training step keeps per image for
     * its backward pass (and as much again for the gradients), the figure a trainer multiplies by the batch size to
     * estimate its memory before it starts.
     */
    public long activationValues() throws DesignException {
        long total = inputShape().size();
        for (DesignedLayer l : layers()) {
            total += l.output().size();
        }
        return total;
    }

    /**
     * What one training step of {@code batch} images needs, in bytes: every layer's output of every image kept for the
     * backward pass and as much again for their gradients, beside the parameters, their gradients and an optimiser's
     * two moments.
     */
    public static long trainingStepBytes(long activationValues, long parameters, int batch) {
        return Float.BYTES * (2 * activationValues * batch + 4 * parameters);
    }

    /** The parameters of all layers ({@code numParams} of the DL4J network it builds). */
    public long parameterCount() throws DesignException {
        long total = 0;
        for (DesignedLayer l : layers()) {
            total += l.parameters();
        }
        return total;
    }
}
