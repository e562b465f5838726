package io.convscope.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The output of a network that ends in a map instead of class scores, read the way the network is meant to be read:
 * YOLO's detection grid as boxes, U-Net's sigmoid map as a mask. Plain arithmetic on the snapshot's own values.
 */
public final class OutputMap {

    /** Mask values above this are foreground, as U-Net's sigmoid output is read. */
    public static final float MASK_THRESHOLD = 0.5f;

    private OutputMap() {}

    /**
     * One anchor box of one grid cell of YOLO's output, in fractions of the input image (0 to 1).
     *
     * @param anchor           the anchor box (0-based)
     * @param row              the grid cell's row
     * @param column           the grid cell's column
     * @param centreX          (column + σ(tx)) / grid width
     * @param centreY          (row + σ(ty)) / grid height
     * @param width            anchor width × exp(tw) / grid width
     * @param height           anchor height × exp(th) / grid height
     * @param objectness       σ(to): how likely the box holds an object
     * @param classIndex       its most probable class
     * @param classProbability that class's softmax probability
     */
    public record Detection(
            int anchor,
            int row,
            int column,
            float centreX,
            float centreY,
            float width,
            float height,
            float objectness,
            int classIndex,
            float classProbability) {

        /** YOLO's class-specific confidence: objectness × class probability. */
        public float score() {
            return objectness * classProbability;
        }
    }

    /** True when the network's last layer is a YOLO detection grid. */
    public static boolean isDetection(NetworkDescription network) {
        return lastLayer(network).kind() == LayerKind.DETECTION;
    }

    /** True when the network's output is a one-channel map of values between 0 and 1 (U-Net's sigmoid mask). */
    public static boolean isMask(NetworkDescription network) {
        LayerDescription last = lastLayer(network);
        return !network.predictsClasses()
                && last.kind() == LayerKind.ACTIVATION
                && last.activation().equals("sigmoid")
                && last.outputShape().channels() == 1;
    }

    /** Every anchor box of every cell, most confident first. */
    public static List<Detection> detections(ActivationSnapshot snapshot) {
        NetworkDescription network = snapshot.network();
        if (!isDetection(network)) {
            throw new IllegalArgumentException(network.name() + " does not end in a detection grid");
        }
        int last = network.layers().size() - 1;
        Shape shape = network.layer(last).outputShape();
        int boxes = network.weights(network.layer(last).name()).outputs();
        int perBox = shape.channels() / boxes;
        int h = shape.height();
        int w = shape.width();
        LayerActivation out = snapshot.layer(last);
        List<Detection> found = new ArrayList<>(boxes * h * w);
        for (int b = 0; b < boxes; b++) {
            int base = b * perBox;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int best = 0;
                    for (int k = 1; k < perBox - 5; k++) {
                        if (out.value(base + 5 + k, y, x) > out.value(base + 5 + best, y, x)) {
                            best = k;
                        }
                    }
                    found.add(new Detection(
                            b,
                            y,
                            x,
                            (x + out.value(base, y, x)) / w,
                            (y + out.value(base + 1, y, x)) / h,
                            out.value(base + 2, y, x) / w,
                            out.value(base + 3, y, x) / h,
                            out.value(base + 4, y, x),
                            best,
                            out.value(base + 5 + best, y, x)));
                }
            }
        }
        found.sort(Comparator.comparingDouble(Detection::score).reversed());
        return found;
    }

    /** The name of a detector's class {@code classIndex}: VOC's for Tiny YOLO's 20, COCO's for YOLOv2's 80. */
    public static String className(NetworkDescription network, int classIndex) {
        int last = network.layers().size() - 1;
        int boxes = network.weights(network.layer(last).name()).outputs();
        return ClassLists.detectionClass(network.layer(last).outputShape().channels() / boxes - 5, classIndex);
    }

    /** The share of a mask's values above {@link #MASK_THRESHOLD}, from 0 to 1. */
    public static double maskCoverage(ActivationSnapshot snapshot) {
        if (!isMask(snapshot.network())) {
            throw new IllegalArgumentException(snapshot.network().name() + " does not end in a mask");
        }
        LayerActivation mask = snapshot.layer(snapshot.layerCount() - 1);
        int above = 0;
        for (int i = 0; i < mask.size(); i++) {
            if (mask.value(i) > MASK_THRESHOLD) {
                above++;
            }
        }
        return (double) above / mask.size();
    }

    private static LayerDescription lastLayer(NetworkDescription network) {
        return network.layer(network.layers().size() - 1);
    }
}
