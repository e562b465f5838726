package io.convscope.explain;

import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;

/**
 * The transitions between explanation states for one network: what a click (or Enter) on a neuron opens, and what
 * Esc or a click on empty space goes back to. Pure logic: the UI asks, then animates to the answer.
 */
public final class ExplanationNavigator {

    private final NetworkDescription network;
    private ExplanationState state = ExplanationState.OVERVIEW;

    public ExplanationNavigator(NetworkDescription network) {
        this.network = network;
    }

    public ExplanationState state() {
        return state;
    }

    public NetworkDescription network() {
        return network;
    }

    /** A neuron of layer {@code layer} was chosen in the overview or a view. Returns the new state. */
    public ExplanationState choose(int layer, int neuron) {
        state = next(layer, neuron);
        return state;
    }

    /** An input channel (or its intermediate map) was chosen inside a convolution view. */
    public ExplanationState chooseChannel(int channel) {
        if (state instanceof ExplanationState.Convolution c) {
            state = new ExplanationState.ConvolutionFormula(c.layer(), c.neuron(), channel);
        } else if (state instanceof ExplanationState.ConvolutionFormula f) {
            state = f.channel() == channel
                    ? f.back()
                    : new ExplanationState.ConvolutionFormula(f.layer(), f.neuron(), channel);
        }
        return state;
    }

    /** The softmax box was chosen inside a flatten view; choosing it again closes it. */
    public ExplanationState chooseSoftmax() {
        if (state instanceof ExplanationState.Flatten f) {
            state = new ExplanationState.Softmax(f.layer(), f.neuron());
        } else if (state instanceof ExplanationState.Softmax s) {
            state = s.back();
        }
        return state;
    }

    /** Esc or a click on empty space: unwinds exactly one level. */
    public ExplanationState back() {
        state = state.back();
        return state;
    }

    private ExplanationState next(int layer, int neuron) {
        // Choosing the neuron that is already open closes its view, as in CNN Explainer.
        if (isOpen(layer, neuron)) {
            return ExplanationState.OVERVIEW;
        }
        LayerKind kind = network.layer(layer).kind();
        if (layer == network.layers().size() - 1 && network.predictsClasses()) {
            // The classes, whatever computes them (SqueezeNet ends in a softmax over pooled scores): the flatten view
            // when they read flattened maps, the softmax view alone otherwise (VGG's fc8 reads fc7's 4,096 units).
            return readsFlatten(layer)
                    ? new ExplanationState.Flatten(layer, neuron)
                    : new ExplanationState.OutputSoftmax(layer, neuron);
        }
        return switch (kind) {
            case CONVOLUTION -> new ExplanationState.Convolution(layer, neuron);
            case ACTIVATION,
                    ZERO_PADDING,
                    BATCH_NORM,
                    SCALE,
                    ADD,
                    MERGE,
                    CONCAT,
                    UPSAMPLE,
                    SPACE_TO_DEPTH,
                    DETECTION -> new ExplanationState.Activation(layer, neuron);
            case MAX_POOL, AVERAGE_POOL -> new ExplanationState.Pooling(layer, neuron);
                // A hidden dense layer (VGG's fc6, fc7) has no class to explain: nothing opens.
            case OUTPUT, DENSE -> state;
                // A local response normalisation reads neighbouring channels, not one value: no panel explains it yet.
                // An L2 normalisation is a vector and the input has nothing to explain: nothing opens.
            case INPUT, FLATTEN, LOCAL_RESPONSE_NORM, L2_NORMALIZE -> state;
        };
    }

    /**
     * True when the layer reads flattened maps, which the flatten view lays out map by map. ResNet flattens 2,048
     * pooled 1 x 1 "maps": there is no map to show, so its classes open the softmax view alone.
     */
    private boolean readsFlatten(int layer) {
        if (layer == 0 || network.layer(layer).kind() != LayerKind.OUTPUT) {
            return false;
        }
        var before = network.layer(network.inputOf(layer));
        return before.kind() == LayerKind.FLATTEN && !before.inputShape().isVector();
    }

    private boolean isOpen(int layer, int neuron) {
        ExplanationState open = state instanceof ExplanationState.ConvolutionFormula f
                ? f.back()
                : state instanceof ExplanationState.Softmax s ? s.back() : state;
        return open.equals(new ExplanationState.Convolution(layer, neuron))
                || open.equals(new ExplanationState.Activation(layer, neuron))
                || open.equals(new ExplanationState.Pooling(layer, neuron))
                || open.equals(new ExplanationState.Flatten(layer, neuron))
                || open.equals(new ExplanationState.OutputSoftmax(layer, neuron));
    }
}
