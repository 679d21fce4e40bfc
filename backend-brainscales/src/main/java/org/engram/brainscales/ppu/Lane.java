package org.engram.brainscales.ppu;

/**
 * A SIMD lane width of the plasticity processors' vector unit: 128 lanes of 8 bits or 64 lanes of 16 bits
 * (one 128-byte vector). Values are signed two's complement; the fractional view is Q0.7 or Q0.15
 * ({@link #fracBits()}), i.e. a lane x stands for x / 2^fracBits in [-1, 1).
 */
public enum Lane {
    B8(8, 128), H16(16, 64);

    private final int bits;
    private final int lanes;

    Lane(int bits, int lanes) {
        this.bits = bits;
        this.lanes = lanes;
    }

    public int bits() { return bits; }

    /** Lanes per 128-byte vector. */
    public int lanes() { return lanes; }

    public int fracBits() { return bits - 1; }

    public int min() { return -(1 << (bits - 1)); }

    public int max() { return (1 << (bits - 1)) - 1; }

    /** Saturates an integer to the lane's range. */
    public int sat(long x) {
        return (int) Math.max(min(), Math.min(max(), x));
    }

    /** Wraps an integer to the lane's range (keeps the low {@code bits} bits, sign-extended). */
    public int wrap(long x) {
        int s = 64 - bits;
        return (int) ((x << s) >> s);
    }

    public boolean fits(int x) {
        return x >= min() && x <= max();
    }
}
