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
    /** Element-wise sum of two or more layers' outputs (ResNet's skip connections). */
    ADD("add"),
    /** Other element-wise merges: product, difference, average or maximum of several outputs. */
    MERGE("merge"),
    /** Channels of several outputs stacked into one (Inception's and SqueezeNet's branches). */
    CONCAT("concat"),
    /** Every value multiplied by one constant (Inception-ResNet's residual scaling). */
    SCALE("scale"),
    /** The whole vector divided by its length (an embedding's L2 normalisation). */
    L2_NORMALIZE("l2_norm"),
    /** Each value repeated over a block (U-Net's decoder). */
    UPSAMPLE("upsample"),
    SPACE_TO_DEPTH("space_to_depth"),
    DENSE("dense"),
    OUTPUT("output"),
    DETECTION("detection");

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
