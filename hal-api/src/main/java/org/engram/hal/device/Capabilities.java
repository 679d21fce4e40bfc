package org.engram.hal.device;

import java.util.Set;

/**
 * What a device can run.
 *
 * @param neuronModels    neuron models supported (e.g. "lif")
 * @param synapseModels   synapse models supported (e.g. "static", "two_phase")
 * @param stimuli         stimulus kinds supported
 * @param maxNeurons      largest network (neurons)
 * @param maxSynapses     largest number of synapses
 * @param weightBits      bits of weight precision (0 = floating point)
 * @param timeBase        time resolution, speed-up and range
 * @param deterministic   same seed gives the same bits
 */
public record Capabilities(String engine, Set<String> neuronModels, Set<String> synapseModels, Set<String> stimuli,
                           long maxNeurons, long maxSynapses, int weightBits, TimeBase timeBase, boolean deterministic) {
    public Capabilities {
        neuronModels = Set.copyOf(neuronModels);
        synapseModels = Set.copyOf(synapseModels);
        stimuli = Set.copyOf(stimuli);
    }
}
