package org.engram.hal.model;

import java.util.List;

/**
 * A population's neuron model, named, with the parameters it declares (each may be heterogeneous).
 * A device lists the model names it realises in its capabilities; its fit check names the rest.
 */
public sealed interface NeuronModel permits LifParameters, RateParameters, InputSource, SpikeSource {
    /** The model's name as devices list it: "lif", "rate", "input", "source". */
    String modelName();

    /** The parameters that may vary per neuron. */
    List<ModelParameter> parameters();

    /** The parameter called {@code name}, or null. */
    default ModelParameter parameter(String name) {
        for (ModelParameter p : parameters()) if (p.name().equals(name)) return p;
        return null;
    }

    /** The per-neuron state variables a trace can record. */
    List<TraceVariable> stateVariables();

    /** This model's value of a declared parameter, in its base unit. */
    double value(ModelParameter p);

    /** Whether the population sends spikes (else it sends a continuous value). */
    default boolean spiking() {
        return false;
    }
}
