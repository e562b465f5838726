package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few snapshots by input key, so switching back to an image shows it at once without a forward pass.
 * Snapshots are immutable, so handing the same one out twice is safe.
 */
public final class SnapshotCache {

    private final Map<String, ActivationSnapshot> entries;

    public SnapshotCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ActivationSnapshot> eldest) {
                return size() > capacity;
            }
        };
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

    public synchronized void clear() {
        entries.clear();
    }
}
