package io.convscope.network;

/**
 * What one layer costs for one input, Netscope-style but counted for DL4J's layers.
 *
 * @param layer            the layer
 * @param parameters       trainable parameters (weights and biases)
 * @param multiplyAdds     multiply-accumulate operations (FLOPs are about twice this)
 * @param otherOperations  comparisons (ReLU, max-pooling), additions (average pooling) and exponentials (softmax)
 * @param activationValues values the layer outputs (multiply by 4 for bytes at fp32)
 */
public record LayerCost(
        LayerDescription layer, long parameters, long multiplyAdds, long otherOperations, long activationValues) {

    /** Bytes of the layer's output at 32-bit floats. */
    public long activationBytes() {
        return Math.multiplyExact(activationValues, Float.BYTES);
    }
}
