package io.convscope.network.caffe;

import io.convscope.network.graph.TensorShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a Caffe input's size comes from: an {@code Input} layer's or DummyData's {@code shape}, MemoryData's and
 * ImageData's sizes, or a data layer's {@code transform_param.crop_size} (then 3 channels, as Netscope assumes). The
 * batch axis in the file is dropped: everything is counted for one image. A size the file does not give stays unknown,
 * with a warning, because {@code --input} can still supply it.
 */
final class CaffeInputShapes {
    private final List<String> warnings;

    /** @param warnings the import's warnings, which unusable shapes are added to */
    CaffeInputShapes(List<String> warnings) {
        this.warnings = warnings;
    }

    /** One shape per top of a data layer ({@code key} is its lower-case type); the second top is the label. */
    List<TensorShape> ofDataLayer(ProtoMessage layer, String key, int tops) {
        List<TensorShape> outs = new ArrayList<>();
        ProtoMessage ip = layer.message("input_param");
        List<ProtoMessage> declared = !ip.messages("shape").isEmpty()
                ? ip.messages("shape")
                : layer.message("dummy_data_param").messages("shape");
        int crop = CaffeValues.nonNegative(layer.message("transform_param"), "crop_size", 0);
        for (int i = 0; i < tops; i++) {
            TensorShape s = TensorShape.UNKNOWN;
            if (i < declared.size()) {
                s = withoutBatch(declared.get(i).longs("dim"), "shape dim");
            } else if (!declared.isEmpty()) {
                s = withoutBatch(declared.get(declared.size() - 1).longs("dim"), "shape dim");
            } else if (i == 0 && crop > 0) {
                s = TensorShape.chw(3, crop, crop);
            } else if (i == 0 && key.equals("memorydata")) {
                ProtoMessage m = layer.message("memory_data_param");
                s = TensorShape.chw(
                        CaffeValues.positive(m, "channels", 3),
                        CaffeValues.required(m, "height"),
                        CaffeValues.required(m, "width"));
            } else if (i == 0
                    && key.equals("imagedata")
                    && layer.message("image_data_param").has("new_height")) {
                ProtoMessage m = layer.message("image_data_param");
                s = TensorShape.chw(
                        m.bool("is_color", true) ? 3 : 1,
                        CaffeValues.required(m, "new_height"),
                        CaffeValues.required(m, "new_width"));
            } else if (i == 1) {
                s = TensorShape.vector(1); // the label: one class index per image
            }
            outs.add(s);
        }
        return outs;
    }

    /**
     * Caffe shapes start with the batch axis; ConvScope counts for one image. A size of 0 or less leaves the shape
     * unknown (with a warning: --input can give it); one too large for Caffe's 32-bit sizes is an error.
     */
    TensorShape withoutBatch(List<Long> dims, String field) {
        for (long d : dims.subList(Math.min(1, dims.size()), dims.size())) {
            CaffeValues.toInt(field, d);
        }
        if (dims.size() < 2 || dims.stream().skip(1).anyMatch(d -> d <= 0)) {
            warnings.add("input shape " + dims + " is not usable");
            return TensorShape.UNKNOWN;
        }
        return new TensorShape(
                1, dims.subList(1, dims.size()).stream().map(Long::intValue).toList());
    }
}
