package io.convscope.explain;

/**
 * Where the student is in the explanations (CNN Explainer's §2.6 state machine), as an immutable value.
 * {@code layer} is a network layer index; {@code neuron} a channel (or class, for the output).
 */
public sealed interface ExplanationState {

    /** Every neuron of the network; controls enabled. */
    record Overview() implements ExplanationState {}

    /** A convolution neuron's elastic view: its inputs, their intermediate maps, the sum and the bias. */
    public record Convolution(int layer, int neuron) implements ExplanationState {}

    /** The formula panel over a convolution view: one input channel cross-correlated with its kernel. */
    record ConvolutionFormula(int layer, int neuron, int channel) implements ExplanationState {}

    /**
     * An element-wise neuron (ReLU and other activations, padding, batch norm, a residual addition, a concatenation...)
     * paired with its input or inputs, with the formula panel.
     */
    record Activation(int layer, int neuron) implements ExplanationState {}

    /** A pooling neuron paired with its input, with the formula panel. */
    record Pooling(int layer, int neuron) implements ExplanationState {}

    /** An output class: the last maps flattened, weighted and summed into the class logit. */
    record Flatten(int layer, int neuron) implements ExplanationState {}

    /** The softmax view over the flatten view: every logit, its exponential, and the class probability. */
    record Softmax(int layer, int neuron) implements ExplanationState {}

    /**
     * The softmax view on its own, for an output layer that reads a dense layer rather than flattened maps (VGG's
     * fc8 reads fc7's 4,096 units), so there is no flatten view to come from.
     */
    record OutputSoftmax(int layer, int neuron) implements ExplanationState {}

    Overview OVERVIEW = new Overview();

    /** Only the overview lets the student change the image, the scale or the details (as CNN Explainer). */
    default boolean controlsEnabled() {
        return this instanceof Overview;
    }

    /** One level up: a formula panel closes to its view, a view to the overview (Esc, or a click on empty space). */
    default ExplanationState back() {
        if (this instanceof ConvolutionFormula f) {
            return new Convolution(f.layer(), f.neuron());
        }
        if (this instanceof Softmax s) {
            return new Flatten(s.layer(), s.neuron());
        }
        return OVERVIEW;
    }
}
