package org.engram.hal.model;

/** From start to stop (seconds) plasticity is switched on or off; on by default. */
public record PlasticityWindow(double start, double stop, boolean enabled) {
    public PlasticityWindow {
        Checks.nonNegative("plasticity.start", start);
        if (!(stop >= start)) throw new IllegalArgumentException("plasticity window: stop must not precede start");
    }
}
