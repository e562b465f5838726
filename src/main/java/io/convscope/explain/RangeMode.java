package io.convscope.explain;

/**
 * How widely an activation colour range is shared (CNN Explainer's "Scale" selector). See {@link ColorRanges}.
 */
public enum RangeMode {
    /** Each convolution's own range, shared with the layers that follow it (CNN Explainer's "local"). */
    UNIT("Unit"),
    /** The largest range within each block of layers that ends with a pooling layer. */
    MODULE("Module"),
    /** The largest range of all hidden layers, so every heatmap is comparable with every other. */
    GLOBAL("Global");

    private final String label;

    RangeMode(String label) {
        this.label = label;
    }

    /** The name CNN Explainer shows in its selector. */
    public String label() {
        return label;
    }
}
