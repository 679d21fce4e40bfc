package org.engram.support.collect;

import java.util.Arrays;

/**
 * A growable int array (no boxing on the hot path). The backing array and size are public so an
 * engine's inner loop reads them without a call; only {@link #add} and {@link #clear} change them.
 */
public final class IntList {
    public int[] data = new int[16];
    public int size;

    public void add(int v) {
        if (size == data.length) data = Arrays.copyOf(data, size * 2);
        data[size++] = v;
    }

    public void clear() { size = 0; }

    public int size() { return size; }

    public int[] toArray() { return Arrays.copyOf(data, size); }
}
