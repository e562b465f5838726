package io.convscope.engine.compile;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.runtime.PoolingSteps;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** Steps for DL4J's max and average pooling, windowed and global. */
final class PoolingFactory {

    private PoolingFactory() {}

    static void pooling(Dl4jCompiler c, SubsamplingLayer s, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        boolean max = s.getPoolingType() == PoolingType.MAX;
        if (!max && s.getPoolingType() != PoolingType.AVG) {
            throw new ModelLoadException(
                    "layer " + name + " uses " + s.getPoolingType() + " pooling, which ConvScope does not support");
        }
        Shape in = c.shape();
        Dl4jWindows.Placed placed = Dl4jWindows.place(
                s.getKernelSize(), s.getStride(), s.getDilation(), s.getPadding(), s.getConvolutionMode(), in, name);
        Shape out = new Shape(in.channels(), placed.outH(), placed.outW());
        c.add(
                placed.describe(name, max ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL, in, out, 0),
                new PoolingSteps.Pooling(in, out, placed.window(), max, s.isAvgPoolIncludePadInDivisor()),
                ref.key());
    }

    static void globalPooling(Dl4jCompiler c, GlobalPoolingLayer g, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        Shape in = c.shape();
        boolean max = g.getPoolingType() == PoolingType.MAX;
        if (!max && g.getPoolingType() != PoolingType.AVG || !g.isCollapseDimensions() || in.isVector()) {
            throw new ModelLoadException(
                    "layer " + name + " is a " + g.getPoolingType() + " global pooling ConvScope does not support");
        }
        Shape out = Shape.vector(in.channels());
        c.add(
                new LayerDescription(
                        name,
                        max ? LayerKind.MAX_POOL : LayerKind.AVERAGE_POOL,
                        in,
                        out,
                        new Window(in.height(), in.width()),
                        new Window(in.height(), in.width()),
                        Padding.NONE,
                        "identity",
                        0),
                new PoolingSteps.GlobalPooling(in.channels(), in.height() * in.width(), max),
                ref.key());
    }
}
