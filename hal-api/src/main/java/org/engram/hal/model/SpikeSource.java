package org.engram.hal.model;

import java.util.List;

/**
 * A population of spike sources (model "source", PyNN's SpikeSourcePoisson / SpikeSourceArray): its
 * neurons emit the spikes of its trains, and projections from it carry them with their own weights and
 * delays. It receives no projection and no stimulus.
 *
 * @param deadTime a train's spike that comes within this time (s) of the source neuron's previous spike is
 *                 dropped (every backend lowers a source neuron to a forced LIF neuron with this refractory
 *                 period). Default 0: every train spike is sent, as the forced spikes that sources replace
 *                 were (they fired the reference's LIF source neuron whatever its refractory state), so the
 *                 examples keep their bits.
 */
public record SpikeSource(List<SpikeTrain> trains, double deadTime) implements NeuronModel {
    public static final double DEFAULT_DEAD_TIME = 0;

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
