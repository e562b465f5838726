package io.convscope.network.design;

import io.convscope.network.Shape;

/**
 * One layer a description becomes, in order, with the shapes it reads and writes.
 *
 * @param block      the block it comes from, counted from 1; 0 for the output layer added after the blocks
 * @param source     that block, null for the output layer
 * @param kernel     the window side of a convolution or pooling layer, else 0
 * @param stride     the window's step, else 0
 * @param padding    a convolution's padding, else {@link Block.Padding#VALID}
 * @param activation the function applied inside the layer ("identity" for most; the activation layer's own)
 * @param parameters what DL4J counts ({@code numParams}): batch norm's stored mean and variance included
 */
public record DesignedLayer(
        String name,
        Kind kind,
        int block,
        Block source,
        Shape input,
        Shape output,
        int kernel,
        int stride,
        Block.Padding padding,
        String activation,
        long parameters) {

    /** What the layer does. */
    public enum Kind {
        CONVOLUTION,
        BATCH_NORM,
        ACTIVATION,
        MAX_POOL,
        AVG_POOL,
        GLOBAL_MAX_POOL,
        GLOBAL_AVG_POOL,
        DENSE,
        DROPOUT,
        OUTPUT
    }
}
