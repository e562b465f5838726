package io.convscope.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters, operations and activation memory of every layer of a network, with totals (exact: a count beyond 64
 * bits throws {@link ArithmeticException} rather than wrapping to a negative figure). The formulas (documented
 * per case below) follow Netscope's analyzer, with its known miscounts fixed: shapes come from the network itself (so
 * DL4J's floor/ceil rules hold), and in-place-able layers are not double counted in the peak estimate.
 */
public final class CostAnalysis {

    private final NetworkDescription network;
    private final List<LayerCost> layers;

    private CostAnalysis(NetworkDescription network, List<LayerCost> layers) {
        this.network = network;
        this.layers = List.copyOf(layers);
    }

    public static CostAnalysis of(NetworkDescription network) {
        List<LayerCost> costs = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            costs.add(cost(network.layer(i), network.inputsOf(i).size()));
        }
        return new CostAnalysis(network, costs);
    }

    private static LayerCost cost(LayerDescription l, int inputs) {
        Shape in = l.inputShape();
        Shape out = l.outputShape();
        long outSize = out.size();
        return switch (l.kind()) {
                // k_h * k_w * C_in multiply-adds for each of the C_out * H_out * W_out outputs
            case CONVOLUTION -> new LayerCost(
                    l,
                    l.parameters(),
                    Math.multiplyExact((long) l.kernel().height() * l.kernel().width() * in.channels(), outSize),
                    0,
                    outSize);
                // one multiply-add per (input, output) pair
            case DENSE, OUTPUT -> new LayerCost(
                    l,
                    l.parameters(),
                    Math.multiplyExact((long) in.size(), outSize),
                    "softmax".equals(l.activation()) ? 3 * outSize : 0,
                    outSize);
                // k_h * k_w comparisons (max) or additions (average) per output value
            case MAX_POOL, AVERAGE_POOL -> new LayerCost(
                    l, 0, 0, (long) l.kernel().height() * l.kernel().width() * outSize, outSize);
                // one comparison (ReLU) or function evaluation per value
            case ACTIVATION -> new LayerCost(l, 0, 0, outSize, outSize);
                // scale and shift per value: one multiply-add
            case BATCH_NORM -> new LayerCost(l, l.parameters(), outSize, 0, outSize);
                // a sum of n squares across channels, a power and a division per value (n = 5 in AlexNet)
            case LOCAL_RESPONSE_NORM -> new LayerCost(l, 0, 0, 7L * outSize, outSize);
                // n inputs need n - 1 additions (or products, comparisons) per output value
            case ADD, MERGE -> new LayerCost(l, 0, 0, (long) Math.max(1, inputs - 1) * outSize, outSize);
                // one multiplication per value
            case SCALE -> new LayerCost(l, 0, 0, outSize, outSize);
                // a square and an addition per value for the length, then a division per value
            case L2_NORMALIZE -> new LayerCost(l, 0, 0, 3 * outSize, outSize);
                // YOLO's output: one sigmoid, exponential or softmax term per value
            case DETECTION -> new LayerCost(l, 0, 0, outSize, outSize);
                // copies only
            case INPUT, FLATTEN, ZERO_PADDING, CONCAT, UPSAMPLE, SPACE_TO_DEPTH -> new LayerCost(l, 0, 0, 0, outSize);
        };
    }

    public NetworkDescription network() {
        return network;
    }

    /** One entry per layer of the network, input first. */
    public List<LayerCost> layers() {
        return layers;
    }

    public long totalParameters() {
        return layers.stream().mapToLong(LayerCost::parameters).reduce(0, Math::addExact);
    }

    public long totalMultiplyAdds() {
        return layers.stream().mapToLong(LayerCost::multiplyAdds).reduce(0, Math::addExact);
    }

    public long totalOtherOperations() {
        return layers.stream().mapToLong(LayerCost::otherOperations).reduce(0, Math::addExact);
    }

    /** Sum of every layer's output, input included (Netscope's "activations" total): an upper bound. */
    public long totalActivationBytes() {
        return layers.stream().mapToLong(LayerCost::activationBytes).reduce(0, Math::addExact);
    }

    /** The most one layer needs at once, its inputs and its output, in bytes (a lower bound for the whole pass). */
    public long peakActivationBytes() {
        long peak = 0;
        for (int i = 1; i < layers.size(); i++) {
            long bytes = layers.get(i).activationBytes();
            for (int from : network.inputsOf(i)) {
                bytes = Math.addExact(bytes, layers.get(from).activationBytes());
            }
            peak = Math.max(peak, bytes);
        }
        return peak;
    }

    public long parameterBytes() {
        return Math.multiplyExact(totalParameters(), Float.BYTES);
    }
}
