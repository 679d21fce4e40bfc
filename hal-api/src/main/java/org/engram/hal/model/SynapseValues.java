package org.engram.hal.model;

import java.util.Arrays;

/**
 * Per-synapse values of a projection (weights or delays, in the base unit: mV or dimensionless; s), in
 * the connector's synapse order: explicit connections as listed, generated connectors by pre, then post.
 */
public sealed interface SynapseValues {
    /** Drawn once per synapse; {@code seed == 0} derives it from the experiment seed and the projection. */
    record Drawn(Distribution distribution, long seed) implements SynapseValues {
        public Drawn {
            java.util.Objects.requireNonNull(distribution, "distribution");
        }
    }

    /** One value per synapse. */
    record PerSynapse(double[] values) implements SynapseValues {
        public PerSynapse {
            values = values.clone();
            for (int i = 0; i < values.length; i++) Checks.finite("values[" + i + "]", values[i]);
        }

        @Override public double[] values() { return values.clone(); }
        public int size() { return values.length; }
        public double at(int i) { return values[i]; }

        @Override public boolean equals(Object o) { return o instanceof PerSynapse p && Arrays.equals(values, p.values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "PerSynapse[" + values.length + " values]"; }
    }
}
