package org.engram.brainscales.ppu;

/**
 * A real factor x in [0, 1) as a Q0.15 multiplier k and an extra right shift s: x ≈ k / 2^(15 + s), applied
 * to a lane a as {@code mulFrac(a, k)} followed (if s > 0) by a right shift by s (rounded half up or
 * stochastically). s is the largest shift in 0..15 with k = floor(x·2^(15+s) + 0.5) ≤ 32767, so k keeps
 * 15 significant bits even for tiny factors.
 */
public record Scaled(String name, double value, int k, int shift) {
    public Scaled {
        if (k < 0 || k > Lane.H16.max()) throw new IllegalArgumentException(name + ": multiplier " + k + " outside 0..32767");
        if (shift < 0 || shift > 15) throw new IllegalArgumentException(name + ": shift " + shift + " outside 0..15");
    }

    public static Scaled of(String name, double x) {
        return withShift(name, x, shiftFor(name, x));
    }

    /** Two factors that must share one shift (chosen per lane by a select): the larger one decides it. */
    public static Scaled[] pair(String a, double x, String b, double y) {
        int s = Math.min(shiftFor(a, x), shiftFor(b, y));
        return new Scaled[]{withShift(a, x, s), withShift(b, y, s)};
    }

    static int shiftFor(String name, double x) {
        if (!(x >= 0 && x < 1)) throw new IllegalArgumentException(name + " = " + x + ": a scaled factor must lie in [0, 1)");
        for (int s = 15; s > 0; s--) if (Fixed.of(x, 15 + s) <= Lane.H16.max()) return s;
        if (Fixed.of(x, 15) > Lane.H16.max()) throw new IllegalArgumentException(name + " = " + x + " rounds to 1.0 in Q0.15");
        return 0;
    }

    private static Scaled withShift(String name, double x, int s) {
        return new Scaled(name, x, (int) Fixed.of(x, 15 + s), s);
    }

    /** The factor actually applied. */
    public double effective() {
        return k / Math.pow(2, 15 + shift);
    }
}
