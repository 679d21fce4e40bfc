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
                    - {name: pre, size: 1, kind: EXCITATORY%s}
                    - {name: post, size: 1, kind: EXCITATORY}
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
                  stimuli:
                    - name: tet
                      target: pre
                      poisson: {rate: %s, start: 1 s, stop: 1.2 s}
                  recordings:
                    - {name: h, trace: {variable: H, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: z, trace: {variable: Z, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: w, trace: {variable: W, projection: syn, synapses: [{pre: 0, post: 0}], interval: 0.1 s}}
                    - {name: p, trace: {variable: P, population: post, interval: 0.1 s}}
                    - {name: spikes-pre, spikes: {population: pre}}
                    - {name: spikes-post, spikes: {population: post}}
                """.formatted(lif, rate);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static Path valid(Path dir) throws IOException {
        return write(dir, "tiny.yaml", singleSynapse("", "100 Hz"));
    }
}
