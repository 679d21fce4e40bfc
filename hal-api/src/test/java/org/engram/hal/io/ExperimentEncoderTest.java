package org.engram.hal.io;

import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentEncoderTest {
    /** model -> message -> model gives an equal model, and equal text (the digest SimDevice puts in provenance). */
    private static void roundTrip(Experiment e) {
        Experiment back = ExperimentCodec.toModel(ExperimentEncoder.encode(e), "encoded");
        assertEquals(e, back, e.name());
        assertEquals(e.toString(), back.toString(), e.name());
    }

    @Test
    void everyExampleRoundTripsExactly() throws IOException {
        List<Path> files;
        try (var s = Files.list(Path.of("../examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "examples found: " + files);
        for (Path f : files) {
            // this example reads a matrix that `engram connectivity` writes first (its header says so);
            // ConnectivityCommandTest writes it and runs the example
            if (f.getFileName().toString().equals("p1-consolidation-10s-matrix.yaml") && !Files.exists(f.resolveSibling("p1-network.txt"))) continue;
            roundTrip(ExperimentFiles.read(f));
        }
    }

    @Test
    void featuresTheExamplesDoNotUseRoundTrip() {
        String yaml = """
                schema: engram.v1
                name: features
                description: heterogeneity, all stimulus and train kinds, explicit connectors
                seed: 18446744073709551615
                network:
                  populations:
                    - name: a
                      size: 5
                      lif: {tau_mem: 12.5 ms, t_ref: 1.7 ms}
                      heterogeneity:
                        - {parameter: v_threshold, distribution: {normal: {mean: -55 mV, sd: 1 mV, min: -58 mV}}, seed: 4}
                        - {parameter: tau_mem, distribution: {uniform: {low: 9 ms, high: 11 ms}}}
                        - {parameter: tau_syn, distribution: {lognormal: {median: 5 ms, sigma: 0.1}}}
                    - {name: b, size: 5, kind: INHIBITORY}
                    - name: src
                      size: 5
                      source:
                        dead_time: 1 ms
                        trains:
                          - {name: r, select: {neurons: [1, 3]}, regular: {rate: 7 Hz, start: 0.1 s, stop: 0.9 s}}
                          - {name: t, spike_times: {times: [0.5 s, 0.6 s]}}
                          - {name: bu, bursts: {start: 1 s, count: 2, period: 0.2 s, spikes: 3, frequency: 100 Hz, repeats: 2, repeat_period: 0.5 s}}
                          - {name: p, poisson: {rate: 5 Hz, start: 0 s, stop: 0.5 s, repeats: 2, period: 1 s}}
                  projections:
                    - {name: srca, pre: src, post: a, connector: {one_to_one: {}}, synapse: {static: {weight: 3 mV}}}
                    - {name: ab, pre: a, post: b, delay: 1.4 ms, connector: {explicit: {connections: [{pre: 0, post: 1}, {pre: 4, post: 2}]}}, synapse: {two_phase: {h0: 4.1 mV, ltp_gate_rate: 40 Hz, z_init: 0.1}}}
                    - {name: ba, pre: b, post: a, connector: {all_to_all: {allow_self: true}}, synapse: {static: {weight: -0.3 mV}}}
                    - {name: aa, pre: a, post: a, connector: {one_to_one: {}}, synapse: {static: {weight: 0.1 mV}}}
                protocol:
                  duration: 3 s
                  dt: 0.1 ms
                  stimuli:
                    - {name: ff, target: a, select: {first: 1, count: 2, invert: true}, force_firing: {start: 2 s, stop: 2.1 s}}
                    - {name: ou, target: b, ou_current: {mean: 0.1 nA, sd: 0.2 nA, start: 0 s}}
                  plasticity:
                    - {start: 2.5 s, stop: 2.8 s, enabled: false}
                  recordings:
                    - {name: s, spikes: {population: a, start: 0.2 s}}
                    - {name: s2, spikes: {population: a, start: 0.2 s, stop: 2 s}}
                    - {name: hz, trace: {variable: H, projection: ab, synapses: [{pre: 0, post: 1}], interval: 0.5 s, start: 0.5 s, stop: 2.5 s}}
                    - {name: w, trace: {variable: W, projection: ab, pre_select: {first: 0, count: 1}, interval: 0.5 s, reduce: MEAN}}
                  analyses:
                    - {name: q, pattern_completion: {spikes: s, assembly: {count: 4}, recalled: {count: 2}, start: 2.2 s, stop: 2.4 s}}
                    - {name: act, assembly_activation: {spikes: s, assemblies: [{name: x, select: {count: 2}}], start: 0.5 s, stop: 1.5 s, bin: 0.1 s, min_total: 1, min_assembly: 0}}
                """;
        roundTrip(ExperimentFiles.parse(yaml, false, "features"));
    }

    @Test
    void quantitiesAreWrittenInBaseUnitsAndInfinityAsDefault() {
        Experiment e = ExperimentFiles.parse("""
                schema: engram.v1
                name: small
                network:
                  populations: [{name: exc, size: 4, lif: {tau_mem: 10 ms}}]
                protocol:
                  duration: 0.5 s
                  recordings: [{name: spikes-exc, spikes: {population: exc}}]
                """, false, "small");
        var msg = ExperimentEncoder.encode(e);
        assertEquals("0.5 s", msg.getProtocol().getDuration());
        assertEquals("", msg.getProtocol().getRecordings(0).getSpikes().getStop(), "open end = the codec's default");
        assertEquals("0.01 s", msg.getNetwork().getPopulations(0).getLif().getTauMem());
    }
}
