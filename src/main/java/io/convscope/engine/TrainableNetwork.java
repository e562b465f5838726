package io.convscope.engine;

import io.convscope.network.Gradients;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.PassMode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * A compiled network whose parameters can be trained and whose outputs can be differentiated: the same steps as
 * {@link CompiledNetwork}'s forward pass, each with its own backward arithmetic, over a batch of images or one.
 * <p>
 * Training: {@link #lossGradients} runs softmax cross-entropy on the logits (label smoothing optional) and returns
 * the gradients of the batch's mean loss; an optimiser updates {@link #parameters()} in place and calls
 * {@link #parametersChanged()}; {@link #writeTo(MultiLayerNetwork)} puts the result back into an ordinary DL4J model.
 * Attribution: {@link #backward(float[], int, float[])} seeds any layer's output with any gradient (a one-hot on a
 * logit, on an output cell) and returns the gradient at the input and at every layer before it.
 * <p>
 * Not thread-safe: one pass at a time (a pass itself uses every core over the batch). The network's
 * {@link NetworkDescription} keeps the weights it was compiled with; the live values are {@link #parameters()}.
 */
public final class TrainableNetwork {

    private TrainableNetwork() {}

    /** Compiles a DL4J network for training; refuses layers it cannot differentiate exactly. */
    public static TrainableNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes)
            throws ModelLoadException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Compiles a DL4J graph with one input and one output for training. */
    public static TrainableNetwork compile(ComputationGraph graph, Shape input, List<String> classes)
            throws ModelLoadException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The layers and what each reads; layer 0 is the input. */
    public NetworkDescription description() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The description layer that holds the logits (before the softmax), or -1 for a network whose output is a map. */
    public int logitsLayer() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Every parameter array, live, in a fixed order (the order of {@link Gradients#parameters()}), each with the DL4J
     * layer and key it maps to. Write into them, then call {@link #parametersChanged()}.
     */
    public List<ParameterBlock> parameters() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Must be called after {@link #parameters()} were changed, before the next pass (refreshes native copies). */
    public void parametersChanged() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Forward and backward over a labelled batch: gradients of the mean softmax cross-entropy (DL4J's MCXENT, with
     * targets {@code (1 - smoothing) * onehot + smoothing / classes}) with respect to every parameter and layer.
     * In {@link PassMode#TRAINING} batch normalisation uses the batch's statistics and updates its running mean and
     * variance, and dropout draws its masks from {@code seed} (the same seed gives the same masks).
     *
     * @param images  channel-major images, each of the input shape
     * @param labels  class index per image
     */
    public Gradients lossGradients(float[][] images, int[] labels, double labelSmoothing, PassMode mode, long seed) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * One image at inference: the gradient of {@code sum(outputGradient * output of layer)} with respect to every
     * layer up to {@code layer} and to the input (no parameter gradients, for speed). For the gradient of one logit
     * pass a one-hot {@code outputGradient} on {@link #logitsLayer()}.
     */
    public Gradients backward(float[] image, int layer, float[] outputGradient) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The gradient of logit {@code classIndex} (before the softmax) with respect to the image and every layer. */
    public Gradients logitGradient(float[] image, int classIndex) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Class probabilities per image at inference (for evaluation while training). */
    public float[][] probabilities(float[][] images) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes the current parameters into {@code net}, which must be the network this was compiled from (or a copy). */
    public void writeTo(MultiLayerNetwork net) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes the current parameters into {@code graph}, which must be the graph this was compiled from (or a copy). */
    public void writeTo(ComputationGraph graph) {
        throw new UnsupportedOperationException("not yet");
    }
}
