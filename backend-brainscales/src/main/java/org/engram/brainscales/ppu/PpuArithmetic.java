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
 *   <li>{@code shr}: a >> n rounded half up: (a + 2^(n-1)) >> n.</li>
 *   <li>{@code shrStochastic}: (a + R(n, r)) >> n, the random byte r (0..255) placed directly below the kept
 *       precision: R(n, r) = r >> (8 - n) if n ≤ 8 (the top n random bits: every dropped bit pattern equally
 *       likely), else R(n, r) = (r << (n - 8)) + 2^(n - 9) (256 cells of 2^(n-8), each at its centre).
 *       1 ≤ n ≤ bits - 1.</li>
 *   <li>{@code mulFracStochastic}: sat((a·b + R(F, r)) >> F) with F = 7 or 15.</li>
 *   <li>{@code narrowStochastic}: a 16-bit lane to an 8-bit lane, Q0.15 → Q0.7: sat8((a + r) >> 8).</li>
 *   <li>{@code min, max}; {@code cmpGe}: -1 (all ones) if a ≥ b else 0; {@code select}: mask ≠ 0 ? a : b.</li>
 * </ul>
 *
 * Stochastic rounding is unbiased up to the random resolution: over the 256 values of r,
 * E[(a + R) >> n] = a / 2^n exactly for n ≤ 8, and within 2^-9 of a result unit for n > 8, with the error
 * averaging to 2^-(n+1) over the dropped bits (centred cells, ties up; without the 2^(n-9) the error would
 * be one-sided, up to -2^-8, and a long relaxation would settle about 12 LSB off its target).
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
        return w.sat((p + randomBelow(w.fracBits(), r)) >> w.fracBits());
    }

    private static void checkShift(Lane w, int n) {
        if (n < 1 || n > w.bits() - 1) throw new IllegalArgumentException("shift must be 1.." + (w.bits() - 1) + ", got " + n);
    }

    public static int shr(Lane w, int a, int n) {
        checkShift(w, n);
        return (check(w, a) + (1 << (n - 1))) >> n;
    }

    /** The random addend R(n, r) of a stochastic right shift by n (see the class comment). */
    public static int randomBelow(int n, int r) {
        return n > 8 ? (r << (n - 8)) + (1 << (n - 9)) : r >> (8 - n);
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
