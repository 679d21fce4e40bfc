package org.engram.hal.model;

import java.util.List;

public record Population(String name, int size, NeuronKind kind, LifParameters lif, List<Heterogeneity> heterogeneity) {
    public Population {
        Checks.name("population name", name);
        if (size <= 0) throw new IllegalArgumentException("population " + name + ": size must be positive, got " + size);
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(lif, "lif");
        heterogeneity = List.copyOf(heterogeneity);
    }

    public Population(String name, int size, NeuronKind kind) {
        this(name, size, kind, LifParameters.DEFAULT, List.of());
    }
}
