package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;

import java.util.function.Supplier;

/**
 * The most recent snapshots by input key, so switching back to an image shows it at once without a forward pass.
 * Bounded by the snapshots' bytes ({@link ActivationSnapshot#bytes()}): Tiny VGG's are 0.3 MB, VGG-16's 140 MB.
 * Snapshots are immutable, so handing the same one out twice is safe.
 */
public final class SnapshotCache {

    /** The share of the maximum heap the snapshots may hold: a pass, the weights and the window need the rest. */
    public static final double HEAP_FRACTION = 0.25;

    private final ByteBoundedCache<ActivationSnapshot> entries;

    public SnapshotCache(long budgetBytes) {
        this.entries = new ByteBoundedCache<>(budgetBytes, ActivationSnapshot::bytes);
    }

    /**
     * A cache for a model that was just loaded: at most {@link #HEAP_FRACTION} of the maximum heap, and never more
     * than what leaves room for two passes ({@code passBytes} each) beside what the heap holds now. VGG-16 at
     * -Xmx2g holds about 1.1 GB once loaded and needs 0.3 GB per pass, so its cache gets about 0.4 GB, three images;
     * Tiny VGG's gets the whole share.
     */
    public static SnapshotCache forHeap(long passBytes) {
        Runtime rt = Runtime.getRuntime();
        long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) - 2 * passBytes;
        return new SnapshotCache(Math.max(0, Math.min(ByteBoundedCache.heapFraction(HEAP_FRACTION), room)));
    }

    public synchronized ActivationSnapshot get(String key, Supplier<ActivationSnapshot> compute) {
        ActivationSnapshot s = entries.get(key);
        if (s == null) {
            s = compute.get();
            entries.put(key, s);
        }
        return s;
    }

    /** The cached snapshot, or null. */
    public synchronized ActivationSnapshot peek(String key) {
        return entries.get(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** What the cached snapshots hold, at most the budget. */
    public synchronized long bytes() {
        return entries.bytes();
    }

    public synchronized long budget() {
        return entries.budget();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
