package io.convscope.engine;

import io.convscope.network.Shape;

/** The steps with weights that mix values: convolutions and dense layers. */
final class LinearSteps {

    private LinearSteps() {}

    /**
     * A cross-correlation with a bias per output channel; {@code nativeWeights} is set when the layer has enough
     * multiply-accumulates for native BLAS to beat the vectorised Java loop ({@link NativeGemm#MIN_MACS}).
     *
     * @param weights {@code [out][in][kh][kw]}
     */
    record Convolution(
            Shape in,
            Shape out,
            float[] weights,
            float[] bias,
            ForwardKernels.Window window,
            NativeGemm.Matrix nativeWeights)
            implements Step.OneInput {

        static Convolution of(Shape in, Shape out, float[] weights, float[] bias, ForwardKernels.Window window) {
            long macs = (long) weights.length * out.height() * out.width();
            int outC = out.channels();
            return new Convolution(
                    in,
                    out,
                    weights,
                    bias,
                    window,
                    macs >= NativeGemm.MIN_MACS ? NativeGemm.matrix(weights, outC, weights.length / outC) : null);
        }

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            if (nativeWeights != null) {
                ForwardKernels.convolveNative(
                        x,
                        in.channels(),
                        in.height(),
                        in.width(),
                        nativeWeights,
                        bias,
                        window,
                        y,
                        out.height(),
                        out.width());
            } else {
                ForwardKernels.convolve(
                        x,
                        in.channels(),
                        in.height(),
                        in.width(),
                        weights,
                        bias,
                        window,
                        y,
                        out.height(),
                        out.width(),
                        0,
                        out.channels());
            }
            return y;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            BackwardKernels.convolution(
                    x,
                    in.channels(),
                    in.height(),
                    in.width(),
                    weights,
                    window,
                    dy,
                    out.channels(),
                    out.height(),
                    out.width(),
                    dx,
                    grads == null ? null : grads[0],
                    grads == null ? null : grads[1]);
            return dx;
        }

        @Override
        public void backwardImages(
                float[][][] inputs,
                float[][] outputs,
                float[][] dOutputs,
                float[][][] dInputs,
                float[][] grads,
                boolean wantInputs) {
            if (grads == null) {
                Step.OneInput.super.backwardImages(inputs, outputs, dOutputs, dInputs, grads, wantInputs);
                return;
            }
            float[][] x = new float[inputs.length][];
            float[][] dx = new float[inputs.length][];
            for (int n = 0; n < inputs.length; n++) {
                x[n] = inputs[n][0];
                dx[n] = wantInputs ? new float[x[n].length] : null;
                dInputs[n] = new float[][] {dx[n]};
            }
            WeightGradients.convolutionImages(
                    x,
                    in.channels(),
                    in.height(),
                    in.width(),
                    weights,
                    window,
                    dOutputs,
                    out.channels(),
                    out.height(),
                    out.width(),
                    dx,
                    grads[0],
                    grads[1]);
        }

        @Override
        public float[][] parameters() {
            return new float[][] {weights, bias};
        }

        /** The same step reading {@link #weights} afresh (the native copy is made once, from the values then). */
        Convolution refreshed() {
            return of(in, out, weights, bias, window);
        }
    }

    /**
     * Each input channel correlated on its own with {@code multiplier} kernels, no bias; output channel
     * {@code c * multiplier + m}.
     *
     * @param weights {@code [channels * multiplier][kh][kw]}
     */
    record Depthwise(Shape in, Shape out, float[] weights, ForwardKernels.Window window, int multiplier)
            implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            ForwardKernels.depthwise(
                    x,
                    in.channels(),
                    in.height(),
                    in.width(),
                    weights,
                    window,
                    y,
                    out.height(),
                    out.width(),
                    multiplier);
            return y;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            BackwardKernels.depthwise(
                    x,
                    in.channels(),
                    in.height(),
                    in.width(),
                    weights,
                    window,
                    dy,
                    out.height(),
                    out.width(),
                    multiplier,
                    dx,
                    grads == null ? null : grads[0]);
            return dx;
        }

        @Override
        public float[][] parameters() {
            return new float[][] {weights};
        }
    }

    /**
     * {@code y = W x + b} for a vector; big matrices (VGG's fc6) go through native BLAS.
     *
     * @param weights {@code [out][in]}, channel-major inputs
     */
    record Dense(int inputs, int outputs, float[] weights, float[] bias, NativeGemm.Matrix nativeWeights)
            implements Step.OneInput {

        static Dense of(int inputs, int outputs, float[] weights, float[] bias) {
            return new Dense(
                    inputs,
                    outputs,
                    weights,
                    bias,
                    (long) inputs * outputs >= NativeGemm.MIN_MACS
                            ? NativeGemm.matrix(weights, outputs, inputs)
                            : null);
        }

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[outputs];
            if (nativeWeights != null) {
                NativeGemm.multiplyVector(nativeWeights, x, y);
                for (int o = 0; o < outputs; o++) {
                    y[o] += bias[o];
                }
            } else {
                ForwardKernels.dense(x, weights, bias, y);
            }
            return y;
        }

        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            BackwardKernels.dense(x, weights, dy, dx, grads == null ? null : grads[0], grads == null ? null : grads[1]);
            return dx;
        }

        @Override
        public float[][] parameters() {
            return new float[][] {weights, bias};
        }

        /** The same step reading {@link #weights} afresh (the native copy is made once, from the values then). */
        Dense refreshed() {
            return of(inputs, outputs, weights, bias);
        }
    }
}
