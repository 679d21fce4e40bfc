package org.engram.brainscales.virtual;

import org.engram.hal.contract.DeviceContractTest;
import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;

/**
 * The device contract on the virtual BrainScaleS-2 chip, with an experiment the chip realises: Poisson
 * input as forced spikes of a source population (the chip takes no spike trains as synaptic input) and
 * traces the analog readout can sample (no H trace at 50 ms: the processors read H once per second).
 */
class VirtualContractTest extends DeviceContractTest {
    @Override protected Device openDevice() {
        return Devices.open("brainscales2:virtual");
    }

    static String yaml(long seed, String duration) {
        return """
                schema: engram.v1
                name: contract-chip
                seed: %d
                network:
                  populations:
                    - {name: in, size: 10, source: {trains: [{name: bg, poisson: {rate: 50 Hz}}]}}
                    - {name: exc, size: 20}
                    - {name: inh, size: 5, kind: INHIBITORY}
                  projections:
                    - {name: input, pre: in, post: exc, connector: {fixed_probability: {p: 0.5}}, synapse: {static: {weight: 4 mV}}}
                    - {name: ei, pre: exc, post: inh, connector: {fixed_probability: {p: 0.3}}, synapse: {static: {weight: 8.4 mV}}}
                    - {name: ie, pre: inh, post: exc, connector: {fixed_probability: {p: 0.3}}, synapse: {static: {weight: -16.8 mV}}}
                protocol:
                  duration: %s
                  recordings:
                    - {name: spikes-exc, spikes: {population: exc}}
                    - {name: spikes-in, spikes: {population: in}}
                    - {name: v, trace: {variable: V, population: exc, select: {first: 0, count: 2}, interval: 10 ms}}
                """.formatted(seed, duration);
    }

    @Override protected Experiment experiment(long seed) {
        return ExperimentFiles.parse(yaml(seed, "0.2 s"), false, "contract-chip");
    }

    @Override protected Experiment longExperiment() {
        return ExperimentFiles.parse(yaml(3, "2 h"), false, "contract-chip-long");
    }
}
