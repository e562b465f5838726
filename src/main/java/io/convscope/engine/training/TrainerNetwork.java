package io.convscope.engine.training;

import io.convscope.engine.TrainableNetwork;
import io.convscope.network.Gradients;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * A classification network as the {@link Trainer} fits it: live parameter blocks that the optimiser changes in place,
 * the gradients of a minibatch's mean loss, probabilities for evaluation, and the export as a DL4J network. The
 * compiled network's backward pass ({@link TrainableNetwork}) and the hand-written Tiny VGG implement it.
 */
interface TrainerNetwork extends AutoCloseable {

    Shape inputShape();

    int classes();

    /** The layers, with the weights the network was built with (the live ones are {@link #parameters()}). */
    NetworkDescription description();

    /** Every block, live, in a fixed order (the order of {@link Gradients#parameters()}). */
    List<ParameterBlock> parameters();

    /** Called after the optimiser wrote into {@link #parameters()}, before the next pass. */
    void parametersChanged();

    /**
     * The mean softmax cross-entropy of a labelled minibatch in training mode (label smoothing as given; batch
     * statistics updated; dropout masks from {@code seed}) and its gradients with respect to every parameter.
     */
    Gradients lossGradients(float[][] images, int[] labels, double labelSmoothing, long seed);

    /** Class probabilities per image at inference. */
    float[][] probabilities(float[][] images);

    /** The current parameters as an ordinary DL4J network with the same layers. */
    MultiLayerNetwork toDl4j();

    @Override
    default void close() {}
}
