package io.convscope.engine.attribution;

import io.convscope.network.Translatable;

import java.util.List;

/**
 * A class activation map asked of a layer that has none to give: the network has no layer with spatial maps before
 * the explained output (a plain multilayer perceptron), or the layer chosen is a vector or comes after the output.
 * Typed, so the app can say it in the student's language; the message is the CLI's English sentence.
 */
public final class CamLayerException extends IllegalArgumentException implements Translatable {

    /** Why the layer cannot be read. */
    public enum Reason {
        /** No layer of the network has spatial maps before the explained output. */
        NO_SPATIAL_LAYER,
        /** The chosen layer has no spatial maps before the explained output. */
        NOT_SPATIAL
    }

    private final Reason reason;
    private final String layer;

    CamLayerException(Reason reason, String layer) {
        super(
                reason == Reason.NO_SPATIAL_LAYER
                        ? "no layer of the network has spatial maps for a CAM"
                        : "layer " + layer + " has no spatial maps before the explained output; choose a convolution,"
                                + " activation or pooling layer");
        this.reason = reason;
        this.layer = layer;
    }

    public Reason reason() {
        return reason;
    }

    /** The chosen layer's name (null for {@link Reason#NO_SPATIAL_LAYER}). */
    public String layer() {
        return layer;
    }

    /** The app's sentence, which also says what to choose instead. */
    @Override
    public String messageKey() {
        return reason == Reason.NO_SPATIAL_LAYER ? "attr.failed.noSpatialLayer" : "attr.failed.notSpatial";
    }

    @Override
    public List<String> arguments() {
        return layer == null ? List.of() : List.of(layer);
    }
}
