package org.engram.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small experiment files for the tests: one plastic synapse, 20 s, a 0.2 s tetanus at 1 s. */
final class Experiments {
    private Experiments() {}

    static String singleSynapse(String lif, String rate) {
        return """
                schema: engram.v1
                name: tiny-synapse
                seed: 7
                network:
                  populations:
                    - {name: pre, size: 1, kind: EXCITATORY, source: {trains: [{name: tet, poisson: {rate: %s, start: 1 s, stop: 1.2 s}}]}}
                    - {name: post, size: 1, kind: EXCITATORY%s}
                  projections:
                    - name: syn
                      pre: pre
                      post: post
                      delay: 3 ms
                      connector: {explicit: {connections: [{pre: 0, post: 0}]}}
                      synapse:
                        two_phase: {c_pre: 1.0, c_post: 0.2758}
                protocol:
                  duration: 20 s
                  recordings:
                    - {name: h, trace: {variable: H, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: z, trace: {variable: Z, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: w, trace: {variable: W, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: p, trace: {variable: P, population: post, interval: 0.1 s}}
                    - {name: spikes-pre, spikes: {population: pre}}
                    - {name: spikes-post, spikes: {population: post}}
                """.formatted(rate, lif);
    }

    /**
     * 40 excitatory and 10 inhibitory neurons, 3 s: a learning pulse to neurons 0-15 at 0.5 s, a fast-forward
     * window [1 s, 1.8 s), a recall pulse to 0-7 at 2 s, and pattern completion read over [2 s, 2.5 s).
     */
    static String assembly(String fastForward) {
        return """
                schema: engram.v1
                name: tiny-assembly
                seed: 5
                network:
                  populations:
                    - {name: exc, size: 40}
                    - {name: inh, size: 10, kind: INHIBITORY}
                  projections:
                    - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {two_phase: {}}}
                    - {name: ei, pre: exc, post: inh, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: 8.4 mV}}}
                    - {name: ie, pre: inh, post: exc, connector: {fixed_probability: {p: 0.2}}, synapse: {static: {weight: -16.8 mV}}}
                protocol:
                  duration: 3 s
                  stimuli:
                    - {name: bg-e, target: exc, ou_current: {}}
                    - {name: bg-i, target: inh, ou_current: {}}
                    - {name: learn, target: exc, select: {first: 0, count: 16}, force_firing: {start: 0.5 s, stop: 0.6 s}}
                    - {name: recall, target: exc, select: {first: 0, count: 8}, force_firing: {start: 2 s, stop: 2.1 s}}
                %s
                  recordings:
                    - {name: spikes-exc, spikes: {population: exc}}
                    - {name: inh, spikes: {population: inh}}
                    - {name: w, trace: {variable: W, projection: ee, interval: 0.1 s}}
                  analyses:
                    - name: recall
                      pattern_completion:
                        spikes: spikes-exc
                        assembly: {first: 0, count: 16}
                        recalled: {first: 0, count: 8}
                        start: 2 s
                        stop: 2.5 s
                """.formatted(fastForward);
    }

    static final String FAST_FORWARD = "  fast_forward: [{start: 1 s, stop: 1.8 s}]";

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static Path valid(Path dir) throws IOException {
        return write(dir, "tiny.yaml", singleSynapse("", "100 Hz"));
    }
}
