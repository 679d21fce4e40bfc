package org.engram.nativelib.jna;

import com.sun.jna.Memory;

/** Java arrays copied into native memory for a JNA call (null stays null, for the C side's NULL check). */
public final class JnaMemory {
    private JnaMemory() {}

    public static Memory ints(int[] x) {
        if (x == null) return null;
        Memory m = new Memory(Math.max(1, 4L * x.length));
        if (x.length > 0) m.write(0, x, 0, x.length);
        return m;
    }

    public static Memory doubles(double[] x) {
        if (x == null) return null;
        Memory m = new Memory(Math.max(1, 8L * x.length));
        if (x.length > 0) m.write(0, x, 0, x.length);
        return m;
    }

    public static Memory longs(long[] x) {
        if (x == null) return null;
        Memory m = new Memory(Math.max(1, 8L * x.length));
        if (x.length > 0) m.write(0, x, 0, x.length);
        return m;
    }
}
