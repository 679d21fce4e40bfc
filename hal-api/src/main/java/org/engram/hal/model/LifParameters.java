package org.engram.hal.model;

/**
 * Leaky integrate-and-fire neuron with a current-based exponential synapse.
 * Units: times in seconds, potentials in mV, resistance in MOhm (so MOhm x nA = mV).
 */
public record LifParameters(double tauMem, double resistance, double vRest, double vThreshold,
                            double vReset, double tRef, double tauSyn) {
    /** The defaults of Luboeinski & Tetzlaff 2021. */
    public static final LifParameters DEFAULT =
            new LifParameters(10e-3, 10.0, -65.0, -55.0, -70.0, 2e-3, 5e-3);

    public LifParameters {
        Checks.positive("tauMem", tauMem);
        Checks.positive("resistance", resistance);
        Checks.finite("vRest", vRest);
        Checks.finite("vThreshold", vThreshold);
        Checks.finite("vReset", vReset);
        Checks.nonNegative("tRef", tRef);
        Checks.positive("tauSyn", tauSyn);
        if (vReset >= vThreshold) {
            throw new IllegalArgumentException("vReset (" + vReset + " mV) must lie below vThreshold (" + vThreshold + " mV)");
        }
    }
}
