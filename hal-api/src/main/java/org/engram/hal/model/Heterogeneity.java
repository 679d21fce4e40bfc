package org.engram.hal.model;

/** Per-neuron spread of one LIF parameter; {@code seed == 0} derives it from the experiment seed. */
public record Heterogeneity(LifParameter parameter, Distribution distribution, long seed) {
    public Heterogeneity {
        java.util.Objects.requireNonNull(parameter, "parameter");
        java.util.Objects.requireNonNull(distribution, "distribution");
    }
}
