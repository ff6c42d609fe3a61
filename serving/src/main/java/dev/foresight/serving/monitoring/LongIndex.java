package dev.foresight.serving.monitoring;

import java.util.Arrays;

/** A fixed map from long keys to non-negative ints, open addressing, no boxing on lookups. */
final class LongIndex {
    private final long[] keys;
    private final int[] values;
    private final int mask;

    /** @param capacity most keys it will hold */
    LongIndex(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        keys = new long[size];
        values = new int[size];
        Arrays.fill(values, -1);
        mask = size - 1;
    }

    void put(long key, int value) {
        int slot = slot(key);
        while (values[slot] >= 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int slot = slot(key);
        while (values[slot] >= 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}
