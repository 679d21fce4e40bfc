package org.engram.hal.model;

/**
 * Connections from one population to another, with one synapse type and an axonal delay (s); per-synapse
 * {@code weights} and {@code delays} (null: the synapse's weight, the one delay) override them.
 */
public record Projection(String name, String pre, String post, Connector connector, SynapseType synapse, double delay,
                         SynapseValues weights, SynapseValues delays) {
    public static final double DEFAULT_DELAY = 3e-3;

    public Projection {
        Checks.name("projection name", name);
        Checks.name("projection " + name + " pre", pre);
        Checks.name("projection " + name + " post", post);
        java.util.Objects.requireNonNull(connector, "connector");
        java.util.Objects.requireNonNull(synapse, "synapse");
        Checks.nonNegative("projection " + name + " delay", delay);
        if (weights != null && synapse instanceof TwoPhaseRule) {
            throw new IllegalArgumentException("projection " + name + ": per-synapse weights are for static synapses (a two-phase "
                    + "synapse's weight is its rule's state)");
        }
        if (delays instanceof SynapseValues.PerSynapse d) {
            for (int i = 0; i < d.size(); i++) Checks.nonNegative("projection " + name + " delays[" + i + "]", d.at(i));
        }
    }

    public Projection(String name, String pre, String post, Connector connector, SynapseType synapse, double delay) {
        this(name, pre, post, connector, synapse, delay, null, null);
    }

    public boolean plastic() {
        return synapse instanceof TwoPhaseRule;
    }

    /** Whether every synapse has the same weight and delay (what engines without per-synapse values run). */
    public boolean uniform() {
        return weights == null && delays == null;
    }
}
