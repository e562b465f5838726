package io.convscope.engine;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

/** Steps for DL4J's convolutions: plain and separable (as a depthwise then a pointwise step). */
final class ConvolutionFactory {

    private ConvolutionFactory() {}

    static void convolution(Dl4jCompiler c, ConvolutionLayer conf, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        Shape in = c.shape();
        Dl4jWindows.Placed placed = Dl4jWindows.place(
                conf.getKernelSize(),
                conf.getStride(),
                conf.getDilation(),
                conf.getPadding(),
                conf.getConvolutionMode(),
                in,
                name);
        int outC = (int) conf.getNOut();
        checkChannels(conf.getNIn(), in, name);
        Shape out = new Shape(outC, placed.outH(), placed.outW());
        float[] w = ref.runtime().getParam("W").dup('c').data().asFloat();
        float[] b = conf.hasBias() ? ref.runtime().getParam("b").dup().data().asFloat() : new float[outC];
        ForwardKernels.Window win = placed.window();
        c.putWeights(name, new LayerWeights(outC, in.channels(), win.kernelH(), win.kernelW(), w, b));
        ActivationFunction f = ActivationFunction.of(conf.getActivationFn(), name);
        c.add(
                new LayerDescription(
                        name,
                        LayerKind.CONVOLUTION,
                        in,
                        out,
                        new Window(win.kernelH(), win.kernelW()),
                        new Window(win.strideH(), win.strideW()),
                        placed.padding(),
                        "identity",
                        (long) w.length + (conf.hasBias() ? outC : 0)),
                LinearSteps.Convolution.of(in, out, w, b, win),
                f == ActivationFunction.IDENTITY ? ref.key() : null);
        c.ownParameters(ParameterOwner.asIs(name, "W", conf.hasBias() ? "b" : null));
        if (f != ActivationFunction.IDENTITY) {
            c.activation(name + "_" + f.label, f, Dl4jCompiler.alphaOf(conf.getActivationFn()), ref.key());
        }
    }

    /**
     * A separable convolution (Xception's) is two steps a student can look at one by one: a depthwise
     * convolution, each input channel convolved on its own with {@code depthMultiplier} kernels (no bias), then
     * a pointwise 1x1 convolution mixing those channels, with the bias and the activation. DL4J keeps the
     * depthwise kernels as {@code W [multiplier][in][kh][kw]} and orders their outputs channel-major
     * ({@code c * multiplier + m}), the pointwise ones as {@code pW [out][in * multiplier][1][1]}.
     */
    static void separable(Dl4jCompiler c, SeparableConvolution2D conf, String name, Dl4jCompiler.Ref ref)
            throws ModelLoadException {
        Shape in = c.shape();
        Dl4jWindows.Placed placed = Dl4jWindows.place(
                conf.getKernelSize(),
                conf.getStride(),
                conf.getDilation(),
                conf.getPadding(),
                conf.getConvolutionMode(),
                in,
                name);
        ForwardKernels.Window win = placed.window();
        int inC = in.channels();
        checkChannels(conf.getNIn(), in, name);
        int multiplier = conf.getDepthMultiplier();
        int midC = inC * multiplier;
        int outC = (int) conf.getNOut();
        int taps = win.kernelH() * win.kernelW();
        float[] dlDepth = ref.runtime().getParam("W").dup('c').data().asFloat();
        float[] depth = new float[midC * taps];
        for (int m = 0; m < multiplier; m++) {
            for (int ch = 0; ch < inC; ch++) {
                System.arraycopy(dlDepth, (m * inC + ch) * taps, depth, (ch * multiplier + m) * taps, taps);
            }
        }
        float[] point = ref.runtime().getParam("pW").dup('c').data().asFloat();
        float[] b = conf.hasBias() ? ref.runtime().getParam("b").dup().data().asFloat() : new float[outC];
        Shape mid = new Shape(midC, placed.outH(), placed.outW());
        String depthName = name + "_depthwise";
        c.putWeights(depthName, new LayerWeights(midC, 1, win.kernelH(), win.kernelW(), depth, new float[midC], inC));
        c.add(
                new LayerDescription(
                        depthName,
                        LayerKind.CONVOLUTION,
                        in,
                        mid,
                        new Window(win.kernelH(), win.kernelW()),
                        new Window(win.strideH(), win.strideW()),
                        placed.padding(),
                        "identity",
                        depth.length),
                new LinearSteps.Depthwise(in, mid, depth, win, multiplier),
                null);
        c.ownParameters(
                new ParameterOwner(name, new String[] {"W"}, ParameterOwner.Layout.DEPTHWISE, null, multiplier));
        Shape out = new Shape(outC, placed.outH(), placed.outW());
        ForwardKernels.Window unit = new ForwardKernels.Window(1, 1, 1, 1, 1, 1, 0, 0);
        c.putWeights(name, new LayerWeights(outC, midC, 1, 1, point, b));
        ActivationFunction f = ActivationFunction.of(conf.getActivationFn(), name);
        c.add(
                new LayerDescription(
                        name,
                        LayerKind.CONVOLUTION,
                        mid,
                        out,
                        new Window(1, 1),
                        new Window(1, 1),
                        Padding.NONE,
                        "identity",
                        (long) point.length + (conf.hasBias() ? outC : 0)),
                LinearSteps.Convolution.of(mid, out, point, b, unit),
                f == ActivationFunction.IDENTITY ? ref.key() : null);
        c.ownParameters(ParameterOwner.asIs(name, "pW", conf.hasBias() ? "b" : null));
        if (f != ActivationFunction.IDENTITY) {
            c.activation(name + "_" + f.label, f, Dl4jCompiler.alphaOf(conf.getActivationFn()), ref.key());
        }
    }

    private static void checkChannels(long expected, Shape in, String name) throws ModelLoadException {
        if (expected != in.channels()) {
            throw new ModelLoadException(
                    "layer " + name + " expects " + expected + " channels but receives " + in.channels());
        }
    }
}
