package org.engram.hal.model;

/**
 * Consolidation without spiking from start to stop (s): neurons silent with their state frozen, calcium
 * zero, and h, p and z evolving by their closed-form solutions. Spikes in flight at start are dropped.
 */
public record FastForward(double start, double stop) {
    public FastForward {
        Checks.nonNegative("fast_forward.start", start);
        Checks.finite("fast_forward.stop", stop);
        if (!(stop > start)) throw new IllegalArgumentException("fast_forward: stop (" + stop + " s) must come after start (" + start + " s)");
    }

    /** True when [from, to) shares time with this window. */
    public boolean overlaps(double from, double to) {
        return from < stop && to > start;
    }

    public double length() {
        return stop - start;
    }
}
