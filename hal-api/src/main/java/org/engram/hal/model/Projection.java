package org.engram.hal.model;

/** Connections from one population to another, with one synapse type and one axonal delay (s). */
public record Projection(String name, String pre, String post, Connector connector, SynapseType synapse, double delay) {
    public static final double DEFAULT_DELAY = 3e-3;

    public Projection {
        Checks.name("projection name", name);
        Checks.name("projection " + name + " pre", pre);
        Checks.name("projection " + name + " post", post);
        java.util.Objects.requireNonNull(connector, "connector");
        java.util.Objects.requireNonNull(synapse, "synapse");
        Checks.nonNegative("projection " + name + " delay", delay);
    }

    public boolean plastic() {
        return synapse instanceof TwoPhaseRule;
    }
}
