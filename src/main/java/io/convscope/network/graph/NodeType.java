package io.convscope.network.graph;

/** What a node does, coarsely: the category a graph view colours it by. The exact type is the node's raw type. */
public enum NodeType {
    /** Where data enters: Caffe Input/Data layers, DL4J's network inputs. */
    INPUT,
    /** Dense 2-D (or 1-D) convolution, grouped or dilated. */
    CONVOLUTION,
    /** Depthwise or depthwise-separable convolution. */
    SEPARABLE_CONVOLUTION,
    /** Transposed convolution ("deconvolution"). */
    DECONVOLUTION,
    /** Fully connected (Caffe InnerProduct, DL4J DenseLayer). */
    DENSE,
    /** Max/average/global pooling, ROI pooling. */
    POOLING,
    /** Batch normalisation, Caffe Scale/Bias, LRN, L2 normalisation. */
    NORMALIZATION,
    /** Element-wise non-linearity (ReLU, sigmoid, PReLU...) and Power. */
    ACTIVATION,
    /** Dropout: the identity at inference. */
    DROPOUT,
    /** Joins several inputs: concatenation, element-wise sum/product/max. */
    MERGE,
    /** Moves values without computing: flatten, reshape, permute, crop, padding, split, slice, upsampling. */
    RESHAPE,
    /** Softmax, loss and output layers (including accuracy and detection outputs). */
    OUTPUT,
    /** Anything else, including layer types the analyzer does not know. */
    OTHER
}
