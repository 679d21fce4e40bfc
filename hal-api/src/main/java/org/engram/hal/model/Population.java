package org.engram.hal.model;

import java.util.List;

/** A population of {@code size} neurons of one model; {@code heterogeneity} spreads its parameters per neuron. */
public record Population(String name, int size, NeuronKind kind, NeuronModel model, List<Heterogeneity> heterogeneity) {
    public Population {
        Checks.name("population name", name);
        if (size <= 0) throw new IllegalArgumentException("population " + name + ": size must be positive, got " + size);
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(model, "model");
        heterogeneity = List.copyOf(heterogeneity);
        for (Heterogeneity h : heterogeneity) {
            if (model.parameter(h.parameter()) == null) {
                throw new IllegalArgumentException("population " + name + ": model " + model.modelName() + " has no parameter '"
                        + h.parameter() + "' (it declares " + model.parameters().stream().map(ModelParameter::name).toList() + ")");
            }
            if (h.values() != null && h.values().length != size) {
                throw new IllegalArgumentException("population " + name + ": " + h.values().length + " values for " + h.parameter()
                        + ", but the population has " + size + " neurons");
            }
        }
        if (model instanceof SpikeSource src) {
            for (SpikeTrain t : src.trains()) {
                int bad = t.select().firstOutOfRange(size);
                if (bad >= 0) throw new IllegalArgumentException("population " + name + ": train " + t.name() + " selects neuron "
                        + bad + " outside the population (size " + size + ")");
            }
        }
        if (model instanceof InputSource in && in.series() instanceof InputSource.Data d && d.length() % size != 0) {
            throw new IllegalArgumentException("population " + name + ": input data of " + d.length()
                    + " values is not a whole number of samples of " + size + " dimensions");
        }
    }

    public Population(String name, int size, NeuronKind kind) {
        this(name, size, kind, LifParameters.DEFAULT, List.of());
    }

    /** A population of spike sources with the default dead time. */
    public static Population source(String name, int size, NeuronKind kind, SpikeTrain... trains) {
        return new Population(name, size, kind, new SpikeSource(List.of(trains)), List.of());
    }

    /** The LIF parameters of a LIF population; an error naming the model for any other. */
    public LifParameters lif() {
        if (model instanceof LifParameters l) return l;
        throw new IllegalStateException("population " + name + " is a " + model.modelName() + " population, not lif");
    }

    public boolean isLif() {
        return model instanceof LifParameters;
    }

    /** Whether this is a population of spike sources (model "source"). */
    public boolean isSource() {
        return model instanceof SpikeSource;
    }
}
