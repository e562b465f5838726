package io.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Caches are bounded by what their values weigh, never by their count. */
class ByteBoundedCacheTest {

    @Test
    void dropsTheLeastRecentlyUsedUntilTheBytesFit() {
        ByteBoundedCache<byte[]> cache = new ByteBoundedCache<>(100, b -> b.length);
        byte[] a = new byte[40];
        byte[] b = new byte[40];
        cache.put("a", a);
        cache.put("b", b);
        assertSame(a, cache.get("a")); // a is now the most recently used
        cache.put("c", new byte[40]);
        assertNull(cache.get("b"), "b was the least recently used");
        assertSame(a, cache.get("a"));
        assertEquals(80, cache.bytes());
        cache.put("small", new byte[1]);
        assertEquals(3, cache.size(), "count is no bound: three values fit in 100 bytes");
        assertEquals(81, cache.bytes());
    }

    @Test
    void keepsNothingHeavierThanTheWholeBudget() {
        ByteBoundedCache<byte[]> cache = new ByteBoundedCache<>(100, b -> b.length);
        cache.put("a", new byte[60]);
        cache.put("huge", new byte[101]);
        assertNull(cache.get("huge"));
        assertEquals(60, cache.bytes(), "and it does not push out what does fit");
        cache.put("a", new byte[10]);
        assertEquals(10, cache.bytes(), "replacing a key counts only the new value");
    }
}
