package io.convscope.engine.runtime;

/**
 * One computation of a {@link CompiledNetwork}'s forward pass, over channel-major float arrays that no step changes
 * once made. Sealed, one record per kind of step, each carrying its parameters next to its arithmetic: a backward pass
 * (gradients with respect to the input and to the parameters of the kinds that have any) becomes one more method
 * every kind must implement, and the compiler stays the only place that knows DL4J.
 */
public sealed interface Step permits Step.OneInput, ElementwiseSteps.Combine, ElementwiseSteps.Concatenation {

    /** The output, given the outputs of the layers this step reads, in the order the description lists them. */
    float[] forward(float[][] inputs);

    /** A step that reads exactly one earlier output: every kind except the merges of a graph. */
    sealed interface OneInput extends Step
            permits LinearSteps.Convolution,
                    LinearSteps.Depthwise,
                    LinearSteps.Dense,
                    ElementwiseSteps.Activation,
                    ElementwiseSteps.Identity,
                    ElementwiseSteps.Scale,
                    PoolingSteps.Pooling,
                    PoolingSteps.GlobalPooling,
                    NormalisationSteps.ScaleShift,
                    NormalisationSteps.LocalResponse,
                    NormalisationSteps.L2Normalize,
                    LayoutSteps.ZeroPadding,
                    LayoutSteps.Upsample,
                    LayoutSteps.SpaceToDepth,
                    Detection {

        float[] forward(float[] input);

        @Override
        default float[] forward(float[][] inputs) {
            return forward(inputs[0]);
        }
    }
}
