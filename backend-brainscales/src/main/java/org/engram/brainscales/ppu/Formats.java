package org.engram.brainscales.ppu;

/**
 * The 16-bit lane formats of the plasticity state (fractional bits; all signed two's complement):
 * <ul>
 *   <li>h (early weight, mV) and c (calcium): Q4.11, range [-16, 16), resolution 2^-11 ≈ 4.9e-4;</li>
 *   <li>z (late weight) and p (protein): Q1.14, range [-2, 2), resolution 2^-14 ≈ 6.1e-5;</li>
 *   <li>spike counts and weight levels: integers.</li>
 * </ul>
 */
public final class Formats {
    public static final int H_FRAC = 11, C_FRAC = 11, Z_FRAC = 14, P_FRAC = 14;
    /** Spike counts per fast period are clipped to this by the writer (the event interface). */
    public static final int MAX_COUNT = 15;

    private Formats() {}

    public static double h(int raw) { return Fixed.value(raw, H_FRAC); }

    public static double c(int raw) { return Fixed.value(raw, C_FRAC); }

    public static double z(int raw) { return Fixed.value(raw, Z_FRAC); }

    public static double p(int raw) { return Fixed.value(raw, P_FRAC); }
}
