package io.convscope.network;

import java.util.List;

/**
 * The result of one backward pass: gradients of one scalar with respect to every parameter and every layer output.
 * For a loss over a batch the scalar is the <em>mean</em> loss over the batch (DL4J's score convention; DL4J's own
 * {@code gradient()} before its updater is the sum over the batch, {@code batch} times these), so the parameter
 * gradients are means too. Arrays are owned by this object once returned; callers may read or change them.
 *
 * @param loss        mean loss over the batch (softmax cross-entropy, with label smoothing if asked), or NaN when the
 *                    backward pass was seeded with a given output gradient
 * @param correct     images whose highest probability is their label; 0 without labels
 * @param parameters  one gradient per {@code TrainableNetwork.parameters()} block, in the same order and layout; all
 *                    zero for running statistics; empty when parameter gradients were not asked for
 * @param activations {@code [layer][image]}: the gradient with respect to the output of description layer
 *                    {@code layer} (layer 0 is the input image), channel-major like the activations; null for layers
 *                    the seeded output does not depend on (those after it)
 */
public record Gradients(double loss, int correct, List<float[]> parameters, float[][][] activations) {

    public Gradients {
        parameters = List.copyOf(parameters);
    }

    /** Number of images. */
    public int images() {
        return activations[0].length;
    }

    /** The gradient with respect to image {@code image} of the input, {@code [c][y][x]}. */
    public float[] input(int image) {
        return activations[0][image];
    }

    /** The gradient with respect to layer {@code layer}'s output for image {@code image}, or null (see above). */
    public float[] activation(int layer, int image) {
        return activations[layer][image];
    }
}
