package org.engram.brainscales.ppu;

/**
 * The processors' lane arithmetic, bit-exactly. Every operation takes and returns signed lane values of
 * one {@link Lane} width (a value outside the width is an error) and is defined on exact integers:
 *
 * <ul>
 *   <li>{@code addSat/subSat}: a ± b, saturated to [min, max]. Fractional and integer saturating addition are
 *       the same operation.</li>
 *   <li>{@code addMod/subMod/mulMod}: a ± b, a·b, wrapped to the width (low bits, two's complement).</li>
 *   <li>{@code mulFrac}: the fractional product, rounded half up: sat((a·b + 2^(F-1)) >> F) with F = 7 or 15 and
 *       {@code >>} an arithmetic (flooring) shift. Only (-1)·(-1) overflows: it saturates to max
 *       (127 or 32767).</li>
 *   <li>{@code mulFracStochastic}: sat((a·b + R) >> F) with R = the random byte r (0..255) placed directly below
 *       the kept precision: R = r << (F - 8) for 16 bit, R = r >> 1 for 8 bit (its top 7 bits).</li>
 *   <li>{@code shr}: a >> n rounded half up: (a + 2^(n-1)) >> n; {@code shrStochastic}: (a + R) >> n with
 *       R = r << (n - 8) if n ≥ 8, else r >> (8 - n) (the top n random bits). 1 ≤ n ≤ bits - 1.</li>
 *   <li>{@code narrowStochastic}: a 16-bit lane to an 8-bit lane, Q0.15 → Q0.7: sat8((a + r) >> 8).</li>
 *   <li>{@code min, max}; {@code cmpGe}: -1 (all ones) if a ≥ b else 0; {@code select}: mask ≠ 0 ? a : b.</li>
 * </ul>
 *
 * Stochastic rounding is unbiased up to the random resolution: E[(a + R) >> n] = a / 2^n within
 * 2^-8 of a result unit (R takes 256 values spaced 2^(n-8) apart when n ≥ 8).
 */
public final class PpuArithmetic {
    private PpuArithmetic() {}

    private static int check(Lane w, int a) {
        if (!w.fits(a)) throw new IllegalArgumentException(a + " does not fit a " + w.bits() + "-bit lane");
        return a;
    }

    private static void checkRandom(int r) {
        if (r < 0 || r > 255) throw new IllegalArgumentException("random byte must be 0..255, got " + r);
    }

    public static int addSat(Lane w, int a, int b) {
        return w.sat((long) check(w, a) + check(w, b));
    }

    public static int subSat(Lane w, int a, int b) {
        return w.sat((long) check(w, a) - check(w, b));
    }

    public static int addMod(Lane w, int a, int b) {
        return w.wrap((long) check(w, a) + check(w, b));
    }

    public static int subMod(Lane w, int a, int b) {
        return w.wrap((long) check(w, a) - check(w, b));
    }

    public static int mulMod(Lane w, int a, int b) {
        return w.wrap((long) check(w, a) * check(w, b));
    }

    public static int mulFrac(Lane w, int a, int b) {
        long p = (long) check(w, a) * check(w, b);
        return w.sat((p + (1L << (w.fracBits() - 1))) >> w.fracBits());
    }

    public static int mulFracStochastic(Lane w, int a, int b, int r) {
        checkRandom(r);
        long p = (long) check(w, a) * check(w, b);
        long rr = w == Lane.H16 ? (long) r << (w.fracBits() - 8) : r >> 1;
        return w.sat((p + rr) >> w.fracBits());
    }

    private static void checkShift(Lane w, int n) {
        if (n < 1 || n > w.bits() - 1) throw new IllegalArgumentException("shift must be 1.." + (w.bits() - 1) + ", got " + n);
    }

    public static int shr(Lane w, int a, int n) {
        checkShift(w, n);
        return (check(w, a) + (1 << (n - 1))) >> n;
    }

    /** The random addend of a stochastic right shift by n: the top n bits of r, placed below the kept bits. */
    public static int randomBelow(int n, int r) {
        return n >= 8 ? r << (n - 8) : r >> (8 - n);
    }

    public static int shrStochastic(Lane w, int a, int n, int r) {
        checkShift(w, n);
        checkRandom(r);
        return (check(w, a) + randomBelow(n, r)) >> n;
    }

    public static int narrowStochastic(int a16, int r) {
        checkRandom(r);
        return Lane.B8.sat((check(Lane.H16, a16) + r) >> 8);
    }

    public static int min(Lane w, int a, int b) {
        return Math.min(check(w, a), check(w, b));
    }

    public static int max(Lane w, int a, int b) {
        return Math.max(check(w, a), check(w, b));
    }

    public static int cmpGe(Lane w, int a, int b) {
        return check(w, a) >= check(w, b) ? -1 : 0;
    }

    public static int select(Lane w, int mask, int a, int b) {
        return check(w, mask) != 0 ? check(w, a) : check(w, b);
    }
}
