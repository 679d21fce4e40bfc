package org.engram.hal.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run produced: spikes per recording, sampled traces, final synapse states and provenance.
 * Times are biological seconds.
 */
public record RunResult(Map<String, SpikeData> spikes, List<TraceData> traces, List<SynapseState> finalSynapses,
                        Provenance provenance) {
    public RunResult {
        spikes = Map.copyOf(spikes);
        traces = List.copyOf(traces);
        finalSynapses = List.copyOf(finalSynapses);
    }

    /** Spike times and population-local neuron indices of one spike recording, in time order. */
    public record SpikeData(String population, double[] times, int[] neurons) {
        public int count() { return times.length; }
    }

    /**
     * Samples of one variable: {@code values[k][i]} is element {@code labels[k]} at {@code times[i]}.
     */
    public record TraceData(String recording, String variable, String unit, double[] times, List<String> labels,
                            double[][] values) {
        public double[] series(int k) { return values[k]; }
    }

    /** Final state of a recorded plastic synapse. */
    public record SynapseState(String projection, int pre, int post, double h, double z, double w) {}

    public Optional<TraceData> trace(String recording) {
        return traces.stream().filter(t -> t.recording().equals(recording)).findFirst();
    }
}
