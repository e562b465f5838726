package io.convscope.engine;

/**
 * A step that computes something else while training: batch normalisation (the batch's own statistics) and dropout
 * (a random mask). The batch is passed whole because batch normalisation's output for one image depends on all.
 */
interface TrainingStep {

    /** The outputs of a batch in training mode; {@code seed} fixes any randomness (the same seed, the same masks). */
    float[][] forwardTraining(float[][] batch, long seed);

    /**
     * The gradients with respect to each image's input in training mode, for the outputs {@link #forwardTraining}
     * gave with the same {@code seed}; parameter gradients are added into {@code parameterGradients} unless null.
     */
    float[][] backwardTraining(
            float[][] batch, float[][] outputs, float[][] dOutputs, float[][] parameterGradients, long seed);
}
