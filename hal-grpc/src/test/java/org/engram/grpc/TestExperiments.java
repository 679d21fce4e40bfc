package org.engram.grpc;

import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;

/** Experiments for the tests: a small network (tens of ms), and the same network run long (many seconds). */
public final class TestExperiments {
    private TestExperiments() {}

    /** 40 excitatory + 10 inhibitory neurons driven by Poisson input (400 sources, about 10 per neuron), with spikes and traces recorded. */
    public static String yaml(String duration, String rate, long seed) {
        return """
                schema: engram.v1
                name: grpc-test
                seed: %d
                network:
                  populations:
                    - {name: exc, size: 40}
                    - {name: inh, size: 10, kind: INHIBITORY}
                    - {name: bg, size: 400, source: {trains: [{name: bg, poisson: {rate: %s}}]}}
                  projections:
                    - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {two_phase: {}}}
                    - {name: ei, pre: exc, post: inh, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: 8.4 mV}}}
                    - {name: ie, pre: inh, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: -16.8 mV}}}
                    - {name: bg-exc, pre: bg, post: exc, delay: 0.2 ms, connector: {fixed_probability: {p: 0.025}}, synapse: {static: {weight: 5 mV}}}
                protocol:
                  duration: %s
                  recordings:
                    - {name: spikes-exc, spikes: {population: exc}}
                    - {name: spikes-inh, spikes: {population: inh}}
                    - {name: v, trace: {variable: V, population: exc, select: {first: 0, count: 4}, interval: 10 ms}}
                    - {name: h, trace: {variable: H, projection: ee, interval: 100 ms, reduce: MEAN}}
                """.formatted(seed, rate, duration);
    }

    public static Experiment small() {
        return small(11);
    }

    public static Experiment small(long seed) {
        return ExperimentFiles.parse(yaml("0.5 s", "100 Hz", seed), false, "small");
    }

    /** Many simulated minutes at full fidelity: runs for far longer than any test waits. */
    public static Experiment longRun() {
        return ExperimentFiles.parse(yaml("2 h", "100 Hz", 3), false, "long");
    }

    public static Experiment of(String duration, String rate, long seed) {
        return ExperimentFiles.parse(yaml(duration, rate, seed), false, "custom");
    }
}
