package io.convscope.network;

/** What a layer does, as the explanation views need to know it. */
public enum LayerKind {
    INPUT("input"),
    CONVOLUTION("conv"),
    ACTIVATION("relu"),
    MAX_POOL("max_pool"),
    AVERAGE_POOL("avg_pool"),
    BATCH_NORM("batch_norm"),
    LOCAL_RESPONSE_NORM("lrn"),
    ZERO_PADDING("padding"),
    FLATTEN("flatten"),
    DENSE("dense"),
    OUTPUT("output");

    private final String genericName;

    LayerKind(String genericName) {
        this.genericName = genericName;
    }

    /** The short name CNN Explainer shows when "Show details" is off. */
    public String genericName() {
        return genericName;
    }

    public boolean isPooling() {
        return this == MAX_POOL || this == AVERAGE_POOL;
    }

    public boolean hasWeights() {
        return this == CONVOLUTION || this == DENSE || this == OUTPUT;
    }
}
