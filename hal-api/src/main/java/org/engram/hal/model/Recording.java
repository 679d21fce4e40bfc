package org.engram.hal.model;

import java.util.List;

/** What a run records. */
public sealed interface Recording {
    String name();

    record Spikes(String name, String population, NeuronSelection select) implements Recording {}

    /** A (pre, post) pair inside a projection, by population-local indices. */
    record SynapseRef(int pre, int post) {}

    /**
     * Samples of one variable every {@code interval} seconds in [start, stop]. Neuron variables name a
     * population and a selection; synapse variables name a projection and synapses (empty: all).
     */
    record Trace(String name, TraceVariable variable, String population, NeuronSelection select,
                 String projection, List<SynapseRef> synapses, double interval, double start, double stop)
            implements Recording {
        public Trace {
            synapses = List.copyOf(synapses);
            Checks.positive("trace.interval", interval);
            Checks.nonNegative("trace.start", start);
            if (!(stop >= start)) throw new IllegalArgumentException("trace " + name + ": stop must not precede start");
        }
    }
}
