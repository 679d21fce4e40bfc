package org.engram.support.fixed;

/**
 * Fixed-point primitives of the bit-accurate engine (docs/fixed-point.md, "Arithmetic").
 * All rounding is "round half up": add 2^(k-1), then arithmetic shift right by k.
 */
public final class Fx {
    private Fx() {}

    /** Q16.16: membrane potential, synaptic input and background (mV), calcium. */
    public static final int Q16 = 16;
    /** Q8.24: early-phase weight h and total weight w (mV). */
    public static final int Q24 = 24;
    /** Q2.30 (Q30): p, z, and every decay factor in [0, 1]. */
    public static final int Q30 = 30;
    public static final int ONE_Q30 = 1 << 30;

    /** Rounds x / 2^k half up (k >= 1). */
    public static long rshift(long x, int k) {
        return (x + (1L << (k - 1))) >> k;
    }

    /** Saturates to the int32 range. */
    public static int sat(long x) {
        return x > Integer.MAX_VALUE ? Integer.MAX_VALUE : x < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) x;
    }

    /** rnd(a * f / 2^30): scales a value by a Q30 factor, saturating. */
    public static int mulQ30(int a, int f) {
        return sat(rshift((long) a * f, Q30));
    }

    /** The fixed-point representation of a real value with {@code frac} fraction bits (round half up). */
    public static int of(double value, int frac) {
        double scaled = StrictMath.floor(value * (double) (1L << frac) + 0.5);
        if (scaled > Integer.MAX_VALUE || scaled < Integer.MIN_VALUE || Double.isNaN(scaled)) {
            throw new ArithmeticException(value + " does not fit Q" + (31 - frac) + "." + frac);
        }
        return (int) scaled;
    }

    /** A long fixed-point constant with {@code frac} fraction bits. */
    public static long ofLong(double value, int frac) {
        return (long) StrictMath.floor(value * (double) (1L << frac) + 0.5);
    }

    public static double toDouble(int x, int frac) {
        return x / (double) (1L << frac);
    }

    /** exp(-ticks * dt / tau) in Q30, computed with StrictMath (identical on every JVM). */
    public static int decayQ30(double dtOverTau) {
        return of(StrictMath.exp(-dtOverTau), Q30);
    }
}
