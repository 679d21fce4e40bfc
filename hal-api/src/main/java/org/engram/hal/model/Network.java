package org.engram.hal.model;

import java.util.List;
import java.util.Optional;

public record Network(List<Population> populations, List<Projection> projections) {
    public Network {
        populations = List.copyOf(populations);
        projections = List.copyOf(projections);
        var names = new java.util.HashSet<String>();
        for (Population p : populations) {
            if (!names.add(p.name())) throw new IllegalArgumentException("duplicate population name: " + p.name());
        }
        var projNames = new java.util.HashSet<String>();
        for (Projection p : projections) {
            if (!projNames.add(p.name())) throw new IllegalArgumentException("duplicate projection name: " + p.name());
            if (!names.contains(p.pre())) throw new IllegalArgumentException("projection " + p.name() + ": unknown pre population '" + p.pre() + "'");
            if (!names.contains(p.post())) throw new IllegalArgumentException("projection " + p.name() + ": unknown post population '" + p.post() + "'");
        }
    }

    public Optional<Population> population(String name) {
        return populations.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Projection> projection(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public int neuronCount() {
        return populations.stream().mapToInt(Population::size).sum();
    }
}
