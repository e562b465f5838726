package io.convscope.engine;

import io.convscope.engine.runtime.ForwardKernels;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one forward pass with every activation kept needs on the Java heap, computed from the description before
 * running it, so a model that loads but cannot run (50,000 ReLU filters, VGG-16 in a small heap) is refused with a
 * sentence instead of an {@link OutOfMemoryError} halfway through.
 *
 * @param activations every layer's output, the input included, plus logits and probabilities: the snapshot, which is
 *                    all a pass allocates on the heap besides its scratch (each step writes a new array, kept)
 * @param workspace   the im2col lines {@link ForwardKernels} keeps per thread, grown as the convolutions need them
 *                    (big layers multiply in native buffers, outside the Java heap)
 */
public record PassMemory(long activations, long workspace) {

    /**
     * The share of the free heap a pass may take: big arrays need contiguous regions, so a heap that is exactly
     * big enough can still fail.
     */
    static final double HEADROOM = 0.9;

    private static final double GB = 1024.0 * 1024 * 1024;

    public static PassMemory of(NetworkDescription network) {
        long activations = 2L * network.classes().size();
        for (LayerDescription l : network.layers()) {
            long size = (long) l.outputShape().channels()
                    * l.outputShape().height()
                    * l.outputShape().width();
            activations += size;
        }
        return new PassMemory(Float.BYTES * activations, Float.BYTES * im2colFloats(network));
    }

    /**
     * Replays how the per-thread im2col scratch grows: line {@code k} (one tap of the unfolded input) is as long as
     * the longest line ({@link ForwardKernels#unfoldedLine}) of any convolution with more than {@code k} taps.
     */
    static long im2colFloats(NetworkDescription network) {
        long[] lines = new long[0];
        for (LayerDescription l : network.layers()) {
            if (l.kind() != LayerKind.CONVOLUTION) {
                continue;
            }
            LayerWeights w = network.weights(l.name());
            long channels = w == null ? l.inputShape().channels() : w.inputs(); // a depthwise step unfolds one channel
            int taps = (int) Math.min(
                    Integer.MAX_VALUE - 8,
                    channels * l.kernel().height() * l.kernel().width());
            Shape out = l.outputShape();
            boolean regular = w == null || w.inputs() == l.inputShape().channels();
            boolean strideOneUnpadded = regular
                    && l.stride().height() == 1
                    && l.stride().width() == 1
                    && l.padding().top() == 0
                    && l.padding().left() == 0;
            long macs = (long) out.channels() * taps * out.height() * out.width();
            long plane = ForwardKernels.unfoldedLine(
                    macs,
                    strideOneUnpadded,
                    out.height(),
                    out.width(),
                    l.inputShape().width());
            if (lines.length < taps) {
                lines = Arrays.copyOf(lines, taps);
            }
            for (int k = 0; k < taps; k++) {
                lines[k] = Math.max(lines[k], plane);
            }
        }
        return Arrays.stream(lines).sum();
    }

    public long total() {
        return activations + workspace;
    }

    /**
     * Throws when one pass cannot fit in {@code freeBytes} of a heap of {@code maxBytes}; {@code model} names the
     * model in the sentence.
     */
    public void requireFits(String model, long freeBytes, long maxBytes) throws ModelTooBigException {
        if (total() > HEADROOM * freeBytes) {
            throw new ModelTooBigException(model, total(), freeBytes, maxBytes, suggestedHeapGb(maxBytes - freeBytes));
        }
    }

    /** Checks against the heap of this JVM, collecting garbage once before refusing (used heap counts garbage too). */
    public void requireFitsHeap(String model) throws ModelTooBigException {
        Runtime rt = Runtime.getRuntime();
        if (total() <= HEADROOM * free(rt)) {
            return;
        }
        System.gc(); // only on the way to a refusal: make sure it is not dead activations that fill the heap
        requireFits(model, free(rt), rt.maxMemory());
    }

    private static long free(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** A whole number of gigabytes for -Xmx: what is in use, one pass and the snapshot cache's share, rounded up. */
    int suggestedHeapGb(long usedBytes) {
        double needed = (usedBytes + total()) / (1 - SnapshotCache.HEAP_FRACTION);
        return (int) Math.ceil(needed / GB);
    }

    /** Bytes as a reader says them: "9.6 GB", "180 MB". */
    public static String readable(long bytes) {
        if (bytes >= GB) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / GB);
        }
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (1024.0 * 1024)));
    }
}
