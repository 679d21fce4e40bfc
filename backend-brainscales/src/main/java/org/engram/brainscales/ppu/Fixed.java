package org.engram.brainscales.ppu;

/** Rounding of real constants into lane formats: {@code of(x, f) = floor(x·2^f + 0.5)} (round half up). */
public final class Fixed {
    private Fixed() {}

    public static long of(double x, int frac) {
        return (long) StrictMath.floor(x * StrictMath.scalb(1.0, frac) + 0.5);
    }

    /** A constant as a 16-bit lane value with {@code frac} fractional bits; an error names it if it does not fit. */
    public static int word(String name, double x, int frac) {
        long v = of(x, frac);
        if (v < Lane.H16.min() || v > Lane.H16.max()) {
            throw new IllegalArgumentException(name + " = " + x + " does not fit a 16-bit lane with " + frac + " fractional bits");
        }
        return (int) v;
    }

    public static double value(int raw, int frac) {
        return raw / StrictMath.scalb(1.0, frac);
    }
}
