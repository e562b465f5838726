package io.convscope.engine;

import io.convscope.network.LayerDescription;
import io.convscope.network.Shape;

/** Steps that only move values: zero padding, nearest-neighbour upsampling, space-to-depth. */
final class LayoutSteps {

    private LayoutSteps() {}

    /** Zeros around each channel, {@code top} rows above and {@code left} columns before. */
    record ZeroPadding(Shape in, Shape out, int top, int left) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            ForwardKernels.zeroPad(x, in.channels(), in.height(), in.width(), top, left, y, out.height(), out.width());
            return y;
        }

        /** The padding's gradient is dropped: the input's is the inner window of the output's. */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            for (int c = 0; c < in.channels(); c++) {
                for (int row = 0; row < in.height(); row++) {
                    System.arraycopy(
                            dy,
                            (c * out.height() + row + top) * out.width() + left,
                            dx,
                            (c * in.height() + row) * in.width(),
                            in.width());
                }
            }
            return dx;
        }
    }

    /** Each cell copied into a {@code rows x columns} block (U-Net's decoder). */
    record Upsample(Shape in, Shape out, int rows, int columns) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            float[] y = new float[out.size()];
            for (int c = 0; c < in.channels(); c++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    int src = (c * in.height() + oy / rows) * in.width();
                    int dst = (c * out.height() + oy) * out.width();
                    for (int ox = 0; ox < out.width(); ox++) {
                        y[dst + ox] = x[src + ox / columns];
                    }
                }
            }
            return y;
        }

        /** Each input cell's gradient is the sum over the block it was copied into. */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            float[] dx = new float[x.length];
            for (int c = 0; c < in.channels(); c++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    int src = (c * in.height() + oy / rows) * in.width();
                    int dst = (c * out.height() + oy) * out.width();
                    for (int ox = 0; ox < out.width(); ox++) {
                        dx[src + ox / columns] += dy[dst + ox];
                    }
                }
            }
            return dx;
        }
    }

    /**
     * YOLOv2's passthrough: output channel {@code c} holds the cell of input channel {@code sourceChannel(c)} at
     * offset {@code (blockRow(c), blockColumn(c))} in each {@code block x block} patch, as the description says, so
     * the step and the views that explain it use one mapping.
     */
    record SpaceToDepth(LayerDescription layer, int block) implements Step.OneInput {

        @Override
        public float[] forward(float[] x) {
            Shape in = layer.inputShape();
            Shape out = layer.outputShape();
            float[] y = new float[out.size()];
            for (int c = 0; c < out.channels(); c++) {
                int src = layer.sourceChannel(c);
                int dy = layer.blockRow(c);
                int dx = layer.blockColumn(c);
                for (int oy = 0; oy < out.height(); oy++) {
                    int from = (src * in.height() + oy * block + dy) * in.width() + dx;
                    int to = (c * out.height() + oy) * out.width();
                    for (int ox = 0; ox < out.width(); ox++) {
                        y[to + ox] = x[from + ox * block];
                    }
                }
            }
            return y;
        }

        /** The same mapping backwards: each output cell's gradient goes to the one input cell it copied. */
        @Override
        public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
            Shape in = layer.inputShape();
            Shape out = layer.outputShape();
            float[] dx = new float[x.length];
            for (int c = 0; c < out.channels(); c++) {
                int src = layer.sourceChannel(c);
                int dy0 = layer.blockRow(c);
                int dx0 = layer.blockColumn(c);
                for (int oy = 0; oy < out.height(); oy++) {
                    int from = (src * in.height() + oy * block + dy0) * in.width() + dx0;
                    int to = (c * out.height() + oy) * out.width();
                    for (int ox = 0; ox < out.width(); ox++) {
                        dx[from + ox * block] += dy[to + ox];
                    }
                }
            }
            return dx;
        }
    }
}
