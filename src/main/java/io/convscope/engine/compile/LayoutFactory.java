package io.convscope.engine.compile;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.runtime.LayoutSteps;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/** Steps for DL4J's layers that only move values: zero padding, upsampling, space-to-depth. */
final class LayoutFactory {

    private LayoutFactory() {}

    static void zeroPadding(Dl4jCompiler c, ZeroPaddingLayer z, String name, Dl4jCompiler.Ref ref) {
        int[] p = z.getPadding(); // top, bottom, left, right
        Shape in = c.shape();
        Shape out = new Shape(in.channels(), in.height() + p[0] + p[1], in.width() + p[2] + p[3]);
        c.add(
                new LayerDescription(
                        name,
                        LayerKind.ZERO_PADDING,
                        in,
                        out,
                        Window.NONE,
                        Window.NONE,
                        new Padding(p[0], p[2], p[1], p[3]),
                        "identity",
                        0),
                new LayoutSteps.ZeroPadding(in, out, p[0], p[2]),
                ref.key());
    }

    static void upsampling(Dl4jCompiler c, Upsampling2D u, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        int[] size = u.getSize();
        if (u.getFormat() == CNN2DFormat.NHWC) {
            throw new ModelLoadException(
                    "layer " + name + " upsamples channels-last data, which ConvScope does not support");
        }
        Shape in = c.shape();
        Shape out = new Shape(in.channels(), in.height() * size[0], in.width() * size[1]);
        c.add(
                LayerDescription.elementwise(name, LayerKind.UPSAMPLE, in, out, "identity", 0),
                new LayoutSteps.Upsample(in, out, size[0], size[1]),
                ref.key());
    }

    /**
     * YOLOv2's passthrough: each {@code block x block} patch of every channel becomes {@code block²} channels of
     * one cell, so a 2x larger map can be concatenated with the final 13x13 one. Output channel
     * {@code (dy * block + dx) * C + c} holds input channel c's cell {@code (y * block + dy, x * block + dx)}, as
     * {@link LayerDescription#sourceChannel} says (DL4J's order, checked in PresetModelsTest).
     */
    static void spaceToDepth(Dl4jCompiler c, SpaceToDepthLayer s, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        int block = s.getBlockSize();
        if (s.getDataFormat() != CNN2DFormat.NCHW) {
            throw new ModelLoadException(
                    "layer " + name + " rearranges channels-last data, which ConvScope does not support");
        }
        Shape in = c.shape();
        if (in.height() % block != 0 || in.width() % block != 0) {
            throw new ModelLoadException("layer " + name + " cuts " + in + " maps into " + block + "x" + block
                    + " blocks, which do not divide them");
        }
        Shape out = new Shape(in.channels() * block * block, in.height() / block, in.width() / block);
        LayerDescription d = new LayerDescription(
                name,
                LayerKind.SPACE_TO_DEPTH,
                in,
                out,
                new Window(block, block),
                new Window(block, block),
                Padding.NONE,
                "identity",
                0);
        c.add(d, new LayoutSteps.SpaceToDepth(d, block), ref.key());
    }
}
