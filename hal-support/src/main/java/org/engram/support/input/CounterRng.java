package org.engram.support.input;

/**
 * Counter-based random numbers keyed by (seed, stream, index): each number is a pure function of its
 * key, so a sample never depends on how many were drawn before it.
 */
// TODO(merge): use org.engram.support.rng.Philox
final class CounterRng {
    /** The generators' streams: one per purpose, so drawing for one never shifts another. */
    static final int INITIAL = 0, NARMA_INPUT = 1, NOISE = 2;

    private CounterRng() {}

    /** 64 random bits: splitmix64's finaliser applied to the key folded in three rounds. */
    static long bits(long seed, int stream, long index) {
        long z = mix(seed ^ 0x243F6A8885A308D3L);
        z = mix(z ^ (stream * 0x9E3779B97F4A7C15L));
        return mix(z + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    static double uniform(long seed, int stream, long index) {
        return (bits(seed, stream, index) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller from the words 2 index and 2 index + 1 (StrictMath: same bits everywhere). */
    static double gaussian(long seed, int stream, long index) {
        double u1 = ((bits(seed, stream, 2 * index) >>> 11) + 1) * 0x1.0p-53; // (0, 1]: log is finite
        double u2 = (bits(seed, stream, 2 * index + 1) >>> 11) * 0x1.0p-53;
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
