package org.engram.hal.io;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The open model in experiment files: rate and input populations, per-synapse values, gamma, explicit values. */
class OpenModelSchemaTest {
    private static Experiment parse(String yaml) {
        return ExperimentFiles.parse(yaml, false, "test");
    }

    private static String problems(String yaml) {
        var ex = assertThrows(ExperimentFormatException.class, () -> parse(yaml));
        return ex.getMessage();
    }

    private static final String RATE = """
            name: rate
            network:
              populations:
                - {name: u, size: 2, input: {generator: {name: lorenz, parameters: {sigma: 10}}, zscore: true}}
                - name: res
                  size: 4
                  rate: {tau: 10 ms, activation: RELU, sigma: 0.1}
                  heterogeneity:
                    - {parameter: tau, distribution: {gamma: {mean: 10 ms, cv: 0.5}}}
                    - {parameter: sigma, values: {values: [0.1, 0.2, 0.3, 0.4]}}
              projections:
                - {name: in, pre: u, post: res, connector: {all_to_all: {}}, synapse: {static: {}},
                   weights: {values: {values: [1, -1, 0.5, -0.5, 2, -2, 0.1, -0.1]}}}
                - {name: rec, pre: res, post: res, connector: {one_to_one: {}}, synapse: {static: {weight: "-0.5"}},
                   delays: {distribution: {uniform: {low: 1 ms, high: 3 ms}}}}
            protocol:
              duration: 1 s
              recordings:
                - {name: r, trace: {variable: R, population: res, interval: 1 ms}}
            """;

    @Test
    void rateAndInputPopulationsDecodeAndRoundTrip() {
        Experiment e = parse(RATE);
        Population res = e.network().population("res").orElseThrow();
        assertEquals("rate", res.model().modelName());
        assertEquals(NeuronKind.MIXED, res.kind(), "rate populations mix signs by default");
        assertEquals(new Distribution.Gamma(0.01, 0.5), res.heterogeneity().get(0).distribution());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, res.heterogeneity().get(1).values());
        Projection in = e.network().projection("in").orElseThrow();
        assertArrayEquals(new double[] {1, -1, 0.5, -0.5, 2, -2, 0.1, -0.1}, ((SynapseValues.PerSynapse) in.weights()).values());
        assertEquals(new SynapseValues.Drawn(new Distribution.Uniform(1e-3, 3e-3), 0), e.network().projection("rec").orElseThrow().delays());
        var input = (InputSource) e.network().population("u").orElseThrow().model();
        assertEquals(10.0, ((InputSource.Generator) input.series()).parameters().get("sigma"));
        // model -> proto -> model is the identity
        assertEquals(e, ExperimentCodec.toModel(ExperimentEncoder.encode(e), "round trip"));
    }

    @Test
    void errorsNameTheElementAndTheRule() {
        String p = problems(RATE.replace("parameter: tau,", "parameter: tau_mem,"));
        assertTrue(p.contains("network.populations[1].heterogeneity[0].parameter") && p.contains("[tau, sigma]"), p);
        p = problems(RATE.replace("[1, -1, 0.5, -0.5, 2, -2, 0.1, -0.1]", "[1, -1]"));
        assertTrue(p.contains("network.projections[0].weights.values") && p.contains("2 values for 8 synapses"), p);
        p = problems(RATE.replace("values: [0.1, 0.2, 0.3, 0.4]", "values: [0.1, 0.2]"));
        assertTrue(p.contains("heterogeneity[1].values") && p.contains("2 values for a population of 4"), p);
        p = problems(RATE.replace("weight: \"-0.5\"", "weight: -0.5 mV"));
        assertTrue(p.contains("synapse.static.weight") && p.contains("dimensionless"), p);
        p = problems(RATE + "  stimuli: [{name: s, target: res, force_firing: {start: 0 s, stop: 1 s}}]\n");
        assertTrue(p.contains("protocol.stimuli[0].target") && p.contains("input population"), p);
        p = problems(RATE.replace("variable: R", "variable: P"));
        assertTrue(p.contains("protocol.recordings[0].trace.variable") && p.contains("has no P"), p);
    }

    @Test
    void lifWeightsKeepDalesLaw() {
        String yaml = """
                name: lif
                network:
                  populations: [{name: i, size: 3, kind: INHIBITORY}, {name: e, size: 3}]
                  projections:
                    - {name: ie, pre: i, post: e, connector: {one_to_one: {}}, synapse: {static: {}},
                       weights: {values: {values: [-1, 2, -3], unit: mV}}}
                protocol: {duration: 1 s}
                """;
        String p = problems(yaml);
        assertTrue(p.contains("network.projections[0].weights.values.values[1]") && p.contains("Dale"), p);
        Experiment ok = parse(yaml.replace("[-1, 2, -3]", "[-1, -2, -3]").replace("unit: mV", "unit: V"));
        assertArrayEquals(new double[] {-1000, -2000, -3000}, ((SynapseValues.PerSynapse) ok.network().projections().get(0).weights()).values());
    }

    @Test
    void fromFileIsReadWhenTheFileIsLoadedNotByADevice() {
        var msg = ExperimentFiles.parseMessage("""
                name: f
                network:
                  populations: [{name: a, size: 2}]
                  projections: [{name: aa, pre: a, post: a, connector: {from_file: {file: net.txt}}, synapse: {static: {weight: 1 mV}}}]
                protocol: {duration: 1 s}
                """, false, "msg");
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentCodec.toModel(msg, "server"));
        assertTrue(ex.getMessage().contains("network.projections[0].connector.from_file"), ex.getMessage());
    }
}
