package org.engram.support.input;

import org.engram.support.rng.Philox;
import org.engram.support.rng.Streams;

/**
 * The generators' random numbers: the project's Philox keyed by (seed, stream, index), so each number
 * is a pure function of its key and a sample never depends on how many were drawn before it.
 */
final class CounterRng {
    /** The generators' streams (Philox streams Streams.INPUT + this): one per purpose. */
    static final int INITIAL = 0, NARMA_INPUT = 1, NOISE = 2;

    private CounterRng() {}

    /** 64 random bits: Philox words 0 of the counters 2 index and 2 index + 1. */
    static long bits(long seed, int stream, long index) {
        long hi = Philox.draw(seed, Streams.INPUT + stream, 0, 2 * index) & 0xFFFFFFFFL;
        long lo = Philox.draw(seed, Streams.INPUT + stream, 0, 2 * index + 1) & 0xFFFFFFFFL;
        return hi << 32 | lo;
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
