package org.engram.hal.model;

import java.util.List;
import java.util.Objects;

/** What a run records. */
public sealed interface Recording {
    String name();

    /** Spikes of the selected neurons in [start, stop); stop = +infinity means the end of the run. */
    record Spikes(String name, String population, NeuronSelection select, double start, double stop) implements Recording {
        public Spikes {
            Objects.requireNonNull(select, "spikes.select");
            Checks.nonNegative("spikes.start", start);
            if (!(stop > start)) throw new IllegalArgumentException("spikes " + name + ": stop (" + stop + " s) must come after start (" + start + " s)");
        }

        /** The whole run. */
        public Spikes(String name, String population, NeuronSelection select) {
            this(name, population, select, 0, Double.POSITIVE_INFINITY);
        }

        /** True when spikes at time t are recorded. */
        public boolean covers(double t) {
            return t >= start && t < stop;
        }
    }

    /** A (pre, post) pair inside a projection, by population-local indices. */
    record SynapseRef(int pre, int post) {}

    /**
     * Samples of one variable every {@code interval} seconds in [start, stop]. Neuron variables name a
     * population and a selection; synapse variables name a projection and either explicit synapses or the
     * pre/post selections (by default every synapse). {@code reduce} MEAN records one series, the mean
     * over the selected elements. A backend selects synapse (i, j) when
     * {@code preSelect().mask(nPre)[i] && postSelect().mask(nPost)[j]}.
     */
    record Trace(String name, TraceVariable variable, String population, NeuronSelection select,
                 String projection, List<SynapseRef> synapses, double interval, double start, double stop,
                 Reduction reduce, NeuronSelection preSelect, NeuronSelection postSelect)
            implements Recording {
        public Trace {
            synapses = List.copyOf(synapses);
            Objects.requireNonNull(reduce, "trace.reduce");
            Objects.requireNonNull(preSelect, "trace.pre_select");
            Objects.requireNonNull(postSelect, "trace.post_select");
            Checks.positive("trace.interval", interval);
            Checks.nonNegative("trace.start", start);
            if (!(stop >= start)) throw new IllegalArgumentException("trace " + name + ": stop must not precede start");
            boolean prePost = !preSelect.selectsAll() || !postSelect.selectsAll();
            if (prePost && !variable.perSynapse()) {
                throw new IllegalArgumentException("trace " + name + ": pre_select/post_select apply to synapse variables (C, H, Z, W), not " + variable);
            }
            if (prePost && !synapses.isEmpty()) {
                throw new IllegalArgumentException("trace " + name + ": give either synapses or pre_select/post_select, not both");
            }
        }

        /** One series per element, every synapse of a synapse variable. */
        public Trace(String name, TraceVariable variable, String population, NeuronSelection select,
                     String projection, List<SynapseRef> synapses, double interval, double start, double stop) {
            this(name, variable, population, select, projection, synapses, interval, start, stop,
                    Reduction.NONE, NeuronSelection.ALL, NeuronSelection.ALL);
        }
    }
}
