package org.engram.brainscales.ppu;

/**
 * The processors' two update periods, in biological seconds: {@code fast} for calcium and the early-phase
 * regimes (it must resolve τ_c and the threshold crossings), {@code slow} for the h relaxation towards h0,
 * tags, protein and the late phase (whose per-step increments must stay resolvable in 16 bits with
 * stochastic rounding). slow is a whole multiple of fast.
 */
public record UpdatePeriods(double fast, double slow) {
    /** 1 ms and 1 s (biological): see docs/brainscales.md, "Plasticity on the processors". */
    public static final UpdatePeriods DEFAULT = new UpdatePeriods(1e-3, 1.0);

    public UpdatePeriods {
        if (!(fast > 0) || !(slow > 0) || !Double.isFinite(slow)) throw new IllegalArgumentException("periods must be > 0");
        double ratio = slow / fast;
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * ratio || Math.rint(ratio) < 1) {
            throw new IllegalArgumentException("slow period " + slow + " s must be a whole multiple of the fast period " + fast + " s");
        }
    }

    /** Fast periods per slow period. */
    public int ratio() {
        return (int) Math.rint(slow / fast);
    }
}
