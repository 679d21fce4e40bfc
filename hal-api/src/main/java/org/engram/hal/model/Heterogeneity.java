package org.engram.hal.model;

import java.util.Arrays;

/**
 * Per-neuron spread of one parameter of a population's model: a distribution drawn once per neuron
 * ({@code seed == 0} derives it from the experiment seed), or explicit per-neuron values (base unit).
 */
public record Heterogeneity(String parameter, Distribution distribution, double[] values, long seed) {
    public Heterogeneity {
        Checks.name("heterogeneity.parameter", parameter);
        if ((distribution == null) == (values == null)) {
            throw new IllegalArgumentException("heterogeneity of " + parameter + ": give a distribution or values, not both or neither");
        }
        if (values != null) {
            values = values.clone();
            for (int i = 0; i < values.length; i++) Checks.finite("heterogeneity " + parameter + " values[" + i + "]", values[i]);
        }
    }

    public Heterogeneity(LifParameter parameter, Distribution distribution, long seed) {
        this(parameter.fieldName(), distribution, null, seed);
    }

    @Override public double[] values() { return values == null ? null : values.clone(); }

    /** The LIF parameter this spreads, or null when the name is not a LIF parameter. */
    public LifParameter lifParameter() {
        return LifParameter.byField(parameter);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Heterogeneity h && parameter.equals(h.parameter) && java.util.Objects.equals(distribution, h.distribution)
                && Arrays.equals(values, h.values) && seed == h.seed;
    }
    @Override public int hashCode() { return java.util.Objects.hash(parameter, distribution, Arrays.hashCode(values), seed); }
    @Override public String toString() {
        return "Heterogeneity[" + parameter + ", " + (distribution != null ? distribution : values.length + " values") + ", seed=" + seed + "]";
    }
}
