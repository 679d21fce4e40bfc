package org.engram.support.rng;

/**
 * Philox4x32-10 (Salmon et al., SC'11): a counter-based generator. The output is a pure function of a
 * 64-bit key and a 128-bit counter, so a random number depends only on (seed, stream, element, step),
 * never on thread count or iteration order. docs/fixed-point.md fixes how counters are laid out.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    private Philox() {}

    /** Writes the four 32-bit outputs for the key (k0, k1) and counter (c0..c3) into {@code out}. */
    public static void block(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
        block(k0, k1, c0, c1, c2, c3, out, 0);
    }

    /** As {@link #block(int, int, int, int, int, int, int[])}, into out[off .. off + 3]. */
    public static void block(int k0, int k1, int c0, int c1, int c2, int c3, int[] out, int off) {
        for (int r = 0; r < 10; r++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /**
     * Word {@code step & 3} of the block for counter (step >> 2, element, stream): consecutive steps of
     * one element share a block, so a caller that keeps the block draws four numbers per evaluation.
     * {@code out} holds the block; {@code out[4..5]} remember which block it is (step >> 2), so
     * the buffer must have six entries and start with {@link #NO_BLOCK} in out[4] and out[5].
     */
    public static int stepWord(long seed, int stream, int element, long step, int[] out, int off) {
        long b = step >> 2;
        if (out[off + 4] != (int) b || out[off + 5] != (int) (b >>> 32)) {
            block((int) seed, (int) (seed >>> 32), (int) b, (int) (b >>> 32), element, stream, out, off);
            out[off + 4] = (int) b;
            out[off + 5] = (int) (b >>> 32);
        }
        return out[off + (int) (step & 3)];
    }

    /** Marks a {@link #stepWord} buffer as holding no block (step blocks are never negative). */
    public static final int NO_BLOCK = -1;

    /**
     * The first output word for a (seed, stream, element, step) quadruple: the engines' one way to
     * draw a uniform 32-bit number. Counter = (step low, step high, element, stream).
     */
    public static int draw(long seed, int stream, int element, long step) {
        // the rounds of block(), kept in locals: the engines draw on every step, so no scratch array
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        int c0 = (int) step, c1 = (int) (step >>> 32), c2 = element, c3 = stream;
        for (int r = 0; r < 10; r++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            c0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            c1 = (int) p1;
            c2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c3 = (int) p0;
            k0 += W0;
            k1 += W1;
        }
        return c0;
    }
}
