package org.engram.support.collect;

import java.util.Arrays;

/** A growable long array (no boxing on the hot path). */
public final class LongList {
    public long[] data = new long[16];
    public int size;

    public void add(long v) {
        if (size == data.length) data = Arrays.copyOf(data, size * 2);
        data[size++] = v;
    }

    public void clear() { size = 0; }

    public int size() { return size; }

    public long[] toArray() { return Arrays.copyOf(data, size); }
}
