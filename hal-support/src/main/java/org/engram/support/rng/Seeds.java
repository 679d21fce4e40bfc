package org.engram.support.rng;

/** Derived seeds: one master seed gives independent seeds per element (connector, heterogeneity...). */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser: derives independent seeds from the master seed. */
    public static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
