package org.engram.hal.model;

/** One experiment: a network, a protocol and the master seed of every random stream. */
public record Experiment(String name, String description, long seed, Network network, Protocol protocol) {
    public Experiment {
        Checks.name("experiment name", name);
        description = description == null ? "" : description;
        java.util.Objects.requireNonNull(network, "network");
        java.util.Objects.requireNonNull(protocol, "protocol");
    }

    public Experiment withSeed(long newSeed) {
        return new Experiment(name, description, newSeed, network, protocol);
    }

    public Experiment withProtocol(Protocol newProtocol) {
        return new Experiment(name, description, seed, network, newProtocol);
    }

    /** The same experiment at full fidelity (see {@link Protocol#withoutFastForward()}). */
    public Experiment withoutFastForward() {
        return withProtocol(protocol.withoutFastForward());
    }
}
