package io.convscope.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by the bytes its values hold, never by their count: 64 of Tiny VGG's snapshots
 * are 20 MB, 64 of VGG-16's 9 GB. A value heavier than the whole budget is not kept at all. Not thread-safe.
 */
public final class ByteBoundedCache<V> {

    private final long budget;
    private final ToLongFunction<V> weigher;
    private final Map<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param weigher the bytes one value holds */
    public ByteBoundedCache(long budgetBytes, ToLongFunction<V> weigher) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("negative budget " + budgetBytes);
        }
        this.budget = budgetBytes;
        this.weigher = weigher;
    }

    /** A fraction of the heap the JVM may grow to ({@code -Xmx}), the budget every cache of the app is sized by. */
    public static long heapFraction(double fraction) {
        return (long) (Runtime.getRuntime().maxMemory() * fraction);
    }

    /** The value, now the most recently used, or null. */
    public V get(String key) {
        return entries.get(key);
    }

    /** Keeps {@code value} (if it fits the budget at all), dropping the least recently used values until it fits. */
    public void put(String key, V value) {
        remove(key);
        long weight = weigher.applyAsLong(value);
        if (weight > budget) {
            return;
        }
        entries.put(key, value);
        bytes += weight;
        Iterator<V> eldest = entries.values().iterator();
        while (bytes > budget) {
            bytes -= weigher.applyAsLong(eldest.next());
            eldest.remove();
        }
    }

    public void remove(String key) {
        V old = entries.remove(key);
        if (old != null) {
            bytes -= weigher.applyAsLong(old);
        }
    }

    public void forEach(BiConsumer<String, V> action) {
        entries.forEach(action);
    }

    public void clear() {
        entries.clear();
        bytes = 0;
    }

    public int size() {
        return entries.size();
    }

    /** What the kept values weigh, at most {@link #budget()}. */
    public long bytes() {
        return bytes;
    }

    public long budget() {
        return budget;
    }
}
