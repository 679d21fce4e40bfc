package org.engram.hal.model;

import java.util.List;

/**
 * A population of spike sources (model "source", PyNN's SpikeSourcePoisson / SpikeSourceArray): its
 * neurons emit the spikes of its trains, and projections from it carry them with their own weights and
 * delays. It receives no projection and no stimulus.
 *
 * @param deadTime the shortest interval between two spikes of one source neuron (s): a train's spike within
 *                 deadTime of the neuron's previous spike is dropped. The default, 2 ms, is the refractory
 *                 period of the LIF neuron the reference forced to fire in place of a source.
 */
public record SpikeSource(List<SpikeTrain> trains, double deadTime) implements NeuronModel {
    public static final double DEFAULT_DEAD_TIME = 2e-3;

    public SpikeSource {
        trains = List.copyOf(trains);
        Checks.nonNegative("source.dead_time", deadTime);
    }

    public SpikeSource(List<SpikeTrain> trains) {
        this(trains, DEFAULT_DEAD_TIME);
    }

    /** A source has spikes to record, no state. */
    @Override public List<TraceVariable> stateVariables() { return List.of(); }
    @Override public String modelName() { return "source"; }
    @Override public List<ModelParameter> parameters() { return List.of(); }
    @Override public boolean spiking() { return true; }

    @Override
    public double value(ModelParameter p) {
        throw new IllegalArgumentException("source has no parameter '" + p.name() + "'");
    }
}
