package io.convscope.network.caffe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Caffe layer's type name, whichever format wrote it: the deprecated V1 {@code layers {}} use {@code LayerType} enum
 * values ({@code CONVOLUTION}, {@code INNER_PRODUCT}), V2 {@code layer {}} their names ({@code Convolution}). Kept apart
 * from the importer because it is a fixed table, and both formats may be mixed in one file.
 */
final class CaffeLayerTypes {

    /** V1 enum value → V2 type name. */
    private static final Map<String, String> V1_TYPES = new HashMap<>();

    static {
        String[][] pairs = {
            {"ABSVAL", "AbsVal"},
            {"ACCURACY", "Accuracy"},
            {"ARGMAX", "ArgMax"},
            {"BNLL", "BNLL"},
            {"CONCAT", "Concat"},
            {"CONTRASTIVE_LOSS", "ContrastiveLoss"},
            {"CONVOLUTION", "Convolution"},
            {"CROP", "Crop"},
            {"DATA", "Data"},
            {"DECONVOLUTION", "Deconvolution"},
            {"DROPOUT", "Dropout"},
            {"DUMMY_DATA", "DummyData"},
            {"EUCLIDEAN_LOSS", "EuclideanLoss"},
            {"ELTWISE", "Eltwise"},
            {"EXP", "Exp"},
            {"FLATTEN", "Flatten"},
            {"HDF5_DATA", "HDF5Data"},
            {"HDF5_OUTPUT", "HDF5Output"},
            {"HINGE_LOSS", "HingeLoss"},
            {"IM2COL", "Im2col"},
            {"IMAGE_DATA", "ImageData"},
            {"INFOGAIN_LOSS", "InfogainLoss"},
            {"INNER_PRODUCT", "InnerProduct"},
            {"LRN", "LRN"},
            {"MEMORY_DATA", "MemoryData"},
            {"MULTINOMIAL_LOGISTIC_LOSS", "MultinomialLogisticLoss"},
            {"MVN", "MVN"},
            {"POOLING", "Pooling"},
            {"POWER", "Power"},
            {"RELU", "ReLU"},
            {"SIGMOID", "Sigmoid"},
            {"SIGMOID_CROSS_ENTROPY_LOSS", "SigmoidCrossEntropyLoss"},
            {"SILENCE", "Silence"},
            {"SOFTMAX", "Softmax"},
            {"SOFTMAX_LOSS", "SoftmaxWithLoss"},
            {"SPLIT", "Split"},
            {"SLICE", "Slice"},
            {"TANH", "TanH"},
            {"WINDOW_DATA", "WindowData"},
            {"THRESHOLD", "Threshold"}
        };
        for (String[] p : pairs) {
            V1_TYPES.put(p[0], p[1]);
        }
    }

    private CaffeLayerTypes() {}

    /** The V2 type name as written in the file (a V1 enum value translated), e.g. {@code "InnerProduct"}. */
    static String name(ProtoMessage layer) {
        String raw = layer.string("type", "");
        return V1_TYPES.getOrDefault(raw, raw);
    }

    /** The lower-case key {@link CaffeLayers#KNOWN} is indexed by. */
    static String key(ProtoMessage layer) {
        return name(layer).toLowerCase(Locale.ROOT);
    }
}
