package io.convscope.engine.compile;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.runtime.ForwardKernels;
import io.convscope.network.ConvGeometry;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * A DL4J convolution's or pooling's kernel, stride, dilation, padding and mode, placed over its input. The one place
 * the step factories read a window from DL4J's configuration, so convolutions, separable convolutions and poolings
 * describe their windows the same way.
 */
final class Dl4jWindows {

    private Dl4jWindows() {}

    /**
     * The window the kernels slide, the output size and the padding each side as the views draw it (the trailing
     * side is what the last window reads past the input, which SAME mode and a stride can make uneven).
     */
    record Placed(ForwardKernels.Window window, int outH, int outW, Padding padding) {

        /** The layer's description with this window's kernel, stride and padding and no activation of its own. */
        LayerDescription describe(String name, LayerKind kind, Shape in, Shape out, long params) {
            return new LayerDescription(
                    name,
                    kind,
                    in,
                    out,
                    new Window(window.kernelH(), window.kernelW()),
                    new Window(window.strideH(), window.strideW()),
                    padding,
                    "identity",
                    params);
        }
    }

    /** The window of a convolution (a separable one too) over {@code in}; a pooling passes its own settings. */
    static Placed place(ConvolutionLayer conf, Shape in, String name) throws ModelLoadException {
        return place(
                conf.getKernelSize(),
                conf.getStride(),
                conf.getDilation(),
                conf.getPadding(),
                conf.getConvolutionMode(),
                in,
                name);
    }

    /**
     * @param dilation null for layers without one (DL4J's pooling may have none)
     * @throws ModelLoadException naming the layer when the window does not fit or a strict stride does not divide
     */
    static Placed place(
            int[] kernel, int[] stride, int[] dilation, int[] padding, ConvolutionMode dl4jMode, Shape in, String name)
            throws ModelLoadException {
        ConvGeometry.Mode mode = mode(dl4jMode, name);
        int[] dil = dilation == null ? new int[] {1, 1} : dilation;
        int padTop = padding[0];
        int padLeft = padding[1];
        if (mode == ConvGeometry.Mode.SAME) {
            padTop = ConvGeometry.sameLeadingPadding(in.height(), kernel[0], stride[0], dil[0]);
            padLeft = ConvGeometry.sameLeadingPadding(in.width(), kernel[1], stride[1], dil[1]);
        } else {
            int spanH = ConvGeometry.span(in.height(), kernel[0], padTop, dil[0]);
            int spanW = ConvGeometry.span(in.width(), kernel[1], padLeft, dil[1]);
            if (spanH < 0 || spanW < 0) {
                throw new ModelLoadException("layer " + name + "'s window " + kernel[0] + "x" + kernel[1]
                        + " does not fit its " + in + " input");
            }
            if (mode == ConvGeometry.Mode.STRICT && (spanH % stride[0] != 0 || spanW % stride[1] != 0)) {
                throw new ModelLoadException(
                        "layer " + name + "'s stride does not divide its input exactly (strict mode)");
            }
        }
        int outH = ConvGeometry.outputSize(in.height(), kernel[0], stride[0], padTop, dil[0], mode);
        int outW = ConvGeometry.outputSize(in.width(), kernel[1], stride[1], padLeft, dil[1], mode);
        Padding sides = new Padding(
                padTop,
                padLeft,
                ConvGeometry.trailingPadding(in.height(), outH, kernel[0], stride[0], dil[0], padTop),
                ConvGeometry.trailingPadding(in.width(), outW, kernel[1], stride[1], dil[1], padLeft));
        return new Placed(
                new ForwardKernels.Window(kernel[0], kernel[1], stride[0], stride[1], dil[0], dil[1], padTop, padLeft),
                outH,
                outW,
                sides);
    }

    private static ConvGeometry.Mode mode(ConvolutionMode mode, String name) throws ModelLoadException {
        return switch (mode) {
            case Same -> ConvGeometry.Mode.SAME;
            case Strict -> ConvGeometry.Mode.STRICT;
            case Truncate -> ConvGeometry.Mode.TRUNCATE;
            case Causal -> throw new ModelLoadException(
                    "layer " + name + " uses causal padding, which 2-D networks do not have");
        };
    }
}
