package org.engram.brainscales.ppu;

/**
 * The per-column 16-bit random generators. Each is a Fibonacci LFSR with the maximal polynomial
 * x^16 + x^14 + x^13 + x^11 + 1 (period 65535, every non-zero state): one clock computes
 * {@code b = (s ^ s>>2 ^ s>>3 ^ s>>5) & 1} and {@code s = (s >> 1) | (b << 15)}. A draw clocks 8 times and
 * returns the top byte {@code s >> 8} (0..255): the 8 bits that entered last, so successive draws are
 * disjoint 8-bit windows of one m-sequence. Over 65535 draws every non-zero byte appears 256 times and 0
 * appears 255 times.
 *
 * <p>Seeding: column k (0..511, hemisphere·256 + column) of an experiment with seed S starts from
 * {@code x = splitmix64(S + (k + 1)·0x9E3779B97F4A7C15)}, folded to 16 bits as
 * {@code (x ^ x>>>16 ^ x>>>32 ^ x>>>48) & 0xFFFF}, with 0 replaced by 1.
 */
public final class Lfsr {
    public static final int PERIOD = 65535;
    /** Clocks per 8-bit draw. */
    public static final int CLOCKS_PER_DRAW = 8;

    private Lfsr() {}

    public static int clock(int s) {
        int b = (s ^ (s >> 2) ^ (s >> 3) ^ (s >> 5)) & 1;
        return (s >> 1) | (b << 15);
    }

    /** The state after one draw (8 clocks). */
    public static int afterDraw(int s) {
        for (int i = 0; i < CLOCKS_PER_DRAW; i++) s = clock(s);
        return s;
    }

    /** The byte a draw returns, given the state after it. */
    public static int output(int stateAfterDraw) {
        return (stateAfterDraw >> 8) & 0xFF;
    }

    public static int seed(long experimentSeed, int column) {
        if (column < 0) throw new IllegalArgumentException("column must be >= 0, got " + column);
        long x = experimentSeed + (column + 1L) * 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        x = x ^ (x >>> 31);
        int s = (int) ((x ^ (x >>> 16) ^ (x >>> 32) ^ (x >>> 48)) & 0xFFFF);
        return s == 0 ? 1 : s;
    }

    /**
     * The state after {@code clocks} clocks, in O(log clocks): the clock is linear over GF(2), so it is a
     * 16 x 16 bit matrix and a jump is a matrix power. Equal to clocking one at a time.
     */
    public static int jump(int s, long clocks) {
        if (clocks < 0) throw new IllegalArgumentException("clocks must be >= 0");
        clocks %= PERIOD;   // the state sequence repeats with the period (non-zero states)
        int[] m = clockMatrix();
        int v = s;
        while (clocks > 0) {
            if ((clocks & 1) != 0) v = apply(m, v);
            m = square(m);
            clocks >>= 1;
        }
        return v;
    }

    /** Column j of the matrix is the image of the unit vector e_j. */
    private static int[] clockMatrix() {
        int[] m = new int[16];
        for (int j = 0; j < 16; j++) m[j] = clock(1 << j);
        return m;
    }

    private static int apply(int[] m, int v) {
        int r = 0;
        for (int j = 0; j < 16; j++) if ((v >> j & 1) != 0) r ^= m[j];
        return r;
    }

    private static int[] square(int[] m) {
        int[] r = new int[16];
        for (int j = 0; j < 16; j++) r[j] = apply(m, m[j]);
        return r;
    }
}
