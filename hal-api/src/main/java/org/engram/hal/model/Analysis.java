package org.engram.hal.model;

import java.util.Objects;

/** A read-out computed from a run's recorded results, independently of the backend. */
public sealed interface Analysis {
    String name();

    /**
     * Pattern completion Q = (nu_ans - nu_ctrl) / nu_as (Luboeinski &amp; Tetzlaff 2021): mean rates over
     * [start, stop) of the spike recording {@code spikes}. as = the recalled (stimulated) assembly neurons;
     * ans = the assembly neurons not recalled; ctrl = the recorded neurons outside the assembly. Indices are
     * local to the recording's population.
     */
    record PatternCompletion(String name, String spikes, NeuronSelection assembly, NeuronSelection recalled,
                             double start, double stop) implements Analysis {
        public PatternCompletion {
            Checks.name("analysis name", name);
            Checks.name("pattern_completion.spikes", spikes);
            Objects.requireNonNull(assembly, "pattern_completion.assembly");
            Objects.requireNonNull(recalled, "pattern_completion.recalled");
            Checks.nonNegative("pattern_completion.start", start);
            Checks.finite("pattern_completion.stop", stop);
            if (!(stop > start)) {
                throw new IllegalArgumentException("pattern_completion " + name + ": stop (" + stop + " s) must come after start (" + start + " s)");
            }
        }
    }
}
