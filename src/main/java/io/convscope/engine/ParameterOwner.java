package io.convscope.engine;

import io.convscope.network.Shape;

/**
 * Where a step's parameter arrays come from in DL4J, so a trained network can be written back: the layer (or
 * vertex) name, the parameter-table key of each of the step's {@link Step#parameters()} arrays (null for an array
 * DL4J does not have, such as the zero bias of a convolution without one), and how our layout differs from DL4J's.
 *
 * @param layout     how the first array (the weights) is stored differently from DL4J's
 * @param hwcFlatten for {@link Layout#DENSE}, the map a channels-last flatten read (rows re-ordered), else null
 * @param multiplier for {@link Layout#DEPTHWISE}, the depth multiplier
 */
record ParameterOwner(String dl4jLayer, String[] keys, Layout layout, Shape hwcFlatten, int multiplier) {

    enum Layout {
        /** Every array as DL4J stores it (convolution kernels {@code [out][in][kh][kw]}, biases, gamma, beta). */
        AS_IS,
        /** Dense weights: ours {@code [out][in]}, DL4J's {@code [in][out]}. */
        DENSE,
        /** Depthwise kernels: ours {@code [c * multiplier + m][kh][kw]}, DL4J's {@code [m][c][kh][kw]}. */
        DEPTHWISE,
        /** Batch normalisation whose DL4J layer stores {@code log10stdev} where we keep the variance. */
        LOG_STD
    }

    static ParameterOwner asIs(String dl4jLayer, String... keys) {
        return new ParameterOwner(dl4jLayer, keys, Layout.AS_IS, null, 1);
    }
}
