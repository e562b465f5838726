package io.convscope.engine;

/**
 * One computation of a {@link CompiledNetwork}'s forward pass, over channel-major float arrays that no step changes
 * once made. Sealed, one record per kind of step, each carrying its parameters next to its arithmetic: a backward pass
 * (gradients with respect to the input and to the parameters of the kinds that have any) becomes one more method
 * every kind must implement, and the compiler stays the only place that knows DL4J.
 */
sealed interface Step permits Step.OneInput, ElementwiseSteps.Combine, ElementwiseSteps.Concatenation {

    /** The parameters of a step that has none. */
    float[][] NO_PARAMETERS = new float[0][];

    /** The output, given the outputs of the layers this step reads, in the order the description lists them. */
    float[] forward(float[][] inputs);

    /**
     * The backward pass at inference: given the inputs, this step's output and the gradient of a scalar with respect
     * to that output, the gradient with respect to each input (in the order of {@code inputs}). When
     * {@code parameterGradients} is not null, the gradients of this step's {@link #parameters()} are <em>added</em>
     * into it (one array per parameter array, same order and size). A returned array may be {@code dOutput} itself or
     * shared between inputs: callers never write into it.
     */
    float[][] backward(float[][] inputs, float[] output, float[] dOutput, float[][] parameterGradients);

    /**
     * {@link #backward} for several images on one thread: {@code dInputs[n]} receives image {@code n}'s input
     * gradients (an entry may stay null where {@code wantInputs} is false: the network's input while training).
     * Steps whose parameter gradients are faster summed over images before reducing override this.
     */
    default void backwardImages(
            float[][][] inputs,
            float[][] outputs,
            float[][] dOutputs,
            float[][][] dInputs,
            float[][] parameterGradients,
            boolean wantInputs) {
        for (int n = 0; n < inputs.length; n++) {
            dInputs[n] = backward(inputs[n], outputs[n], dOutputs[n], parameterGradients);
        }
    }

    /** This step's parameter arrays, live, in the order {@link #backward} adds their gradients. */
    default float[][] parameters() {
        return NO_PARAMETERS;
    }

    /** A step that reads exactly one earlier output: every kind except the merges of a graph. */
    sealed interface OneInput extends Step
            permits LinearSteps.Convolution,
                    LinearSteps.Depthwise,
                    LinearSteps.Dense,
                    ElementwiseSteps.Activation,
                    ElementwiseSteps.Identity,
                    ElementwiseSteps.Scale,
                    ElementwiseSteps.Dropout,
                    PoolingSteps.Pooling,
                    PoolingSteps.GlobalPooling,
                    NormalisationSteps.BatchNorm,
                    NormalisationSteps.LocalResponse,
                    NormalisationSteps.L2Normalize,
                    LayoutSteps.ZeroPadding,
                    LayoutSteps.Upsample,
                    LayoutSteps.SpaceToDepth,
                    Detection {

        float[] forward(float[] input);

        /** {@link Step#backward} for the one input. */
        float[] backward(float[] input, float[] output, float[] dOutput, float[][] parameterGradients);

        @Override
        default float[] forward(float[][] inputs) {
            return forward(inputs[0]);
        }

        @Override
        default float[][] backward(float[][] inputs, float[] output, float[] dOutput, float[][] parameterGradients) {
            return new float[][] {backward(inputs[0], output, dOutput, parameterGradients)};
        }
    }
}
