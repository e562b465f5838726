package io.convscope.network;

/**
 * One layer of a sequential network, described without any deep-learning library type.
 *
 * @param name        the layer's name as the model file gives it (e.g. {@code conv_1_1})
 * @param kind        what it does
 * @param inputShape  the shape it reads
 * @param outputShape the shape it produces
 * @param kernel      kernel or pooling window; {@link Window#NONE} when not spatial
 * @param stride      step of the window; {@link Window#NONE} when not spatial
 * @param padding     zeros added around the input
 * @param activation  the activation applied inside this layer ("identity", "relu", "softmax", ...)
 * @param parameters  trainable parameter count
 */
public record LayerDescription(
        String name,
        LayerKind kind,
        Shape inputShape,
        Shape outputShape,
        Window kernel,
        Window stride,
        Padding padding,
        String activation,
        long parameters) {

    /** Height and width of a kernel, pooling window or stride. */
    public record Window(int height, int width) {
        public static final Window NONE = new Window(0, 0);

        @Override
        public String toString() {
            return height + "x" + width;
        }
    }

    /** Zeros added on each side of the input. */
    public record Padding(int top, int left, int bottom, int right) {
        public static final Padding NONE = new Padding(0, 0, 0, 0);
    }

    /** A layer without spatial window (activation, flatten, dense...). */
    public static LayerDescription elementwise(
            String name, LayerKind kind, Shape in, Shape out, String activation, long parameters) {
        return new LayerDescription(
                name, kind, in, out, Window.NONE, Window.NONE, Padding.NONE, activation, parameters);
    }

    /**
     * The input channel output channel {@code channel} copies: for a space-to-depth rearrangement (stride = block),
     * output channel {@code (dy * block + dx) * C + c} holds input channel c; for every other layer, the same channel.
     */
    public int sourceChannel(int channel) {
        return kind == LayerKind.SPACE_TO_DEPTH ? channel % inputShape.channels() : channel;
    }

    /** For a space-to-depth rearrangement, the row inside each block that output channel {@code channel} copies. */
    public int blockRow(int channel) {
        return kind == LayerKind.SPACE_TO_DEPTH ? channel / inputShape.channels() / stride.width() : 0;
    }

    /** For a space-to-depth rearrangement, the column inside each block that output channel {@code channel} copies. */
    public int blockColumn(int channel) {
        return kind == LayerKind.SPACE_TO_DEPTH ? channel / inputShape.channels() % stride.width() : 0;
    }
}
