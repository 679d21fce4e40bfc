package org.engram.hal.io;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExperimentFilesTest {
    static final String VALID = """
            schema: engram.v1
            name: pair
            seed: 3
            network:
              populations:
                - {name: pre, size: 1, source: {trains: [{poisson: {rate: 100 Hz, start: 1 h, stop: 3601 s}}]}}
                - name: post
                  size: 2
                  lif: {tau_mem: 20 ms, v_threshold: -50 mV}
                  heterogeneity:
                    - {parameter: tau_mem, distribution: {normal: {mean: 20 ms, sd: 2 ms, min: 5 ms, max: 40 ms}}}
              projections:
                - name: syn
                  pre: pre
                  post: post
                  connector: {all_to_all: {}}
                  synapse: {two_phase: {c_pre: 1.0, c_post: 0.2758, tau_h: 700 s}}
            protocol:
              duration: 2 h
              stimuli:
                - {target: post, ou_current: {mean: 0.15 nA, sd: 0.5 nA}}
              recordings:
                - {name: h, trace: {variable: H, projection: syn, interval: 1 s}}
                - {name: s, spikes: {population: post, select: {neurons: [1]}}}
            """;

    static String problems(String yaml) {
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentFiles.parse(yaml, false, "test.yaml"));
        return ex.getMessage();
    }

    @Test
    void readsYamlWithUnitsAndDefaults() {
        Experiment e = ExperimentFiles.parse(VALID, false, "test.yaml");
        assertEquals("pair", e.name());
        assertEquals(3, e.seed());
        assertEquals(7200, e.protocol().duration(), 1e-9);
        Population post = e.network().population("post").orElseThrow();
        assertEquals(20e-3, post.lif().tauMem(), 1e-15);
        assertEquals(-50, post.lif().vThreshold());
        assertEquals(-65, post.lif().vRest(), "default kept");
        TwoPhaseRule r = (TwoPhaseRule) e.network().projections().get(0).synapse();
        assertEquals(1.0, r.cPre());
        assertEquals(700, r.tauH());
        assertEquals(TwoPhaseRule.DEFAULT.gammaP(), r.gammaP(), "default kept");
        var poisson = (SpikeTrain.Poisson) ((SpikeSource) e.network().population("pre").orElseThrow().model()).trains().get(0);
        assertEquals(3600, poisson.start(), 1e-9);
        assertEquals(100, poisson.rate());
        assertEquals("pre.trains[0]", poisson.name(), "a train's default name");
        assertEquals(SpikeSource.DEFAULT_DEAD_TIME, ((SpikeSource) e.network().population("pre").orElseThrow().model()).deadTime());
        var ou = (Stimulus.OuCurrent) e.protocol().stimuli().get(0);
        assertEquals(5e-3, ou.tau(), 1e-15, "OU tau defaults to the target's tau_syn");
    }

    @Test
    void jsonAndYamlGiveTheSameModel() {
        String json = """
                {"schema": "engram.v1", "name": "j", "network": {"populations": [{"name": "a", "size": 2}],
                 "projections": [{"pre": "a", "post": "a", "connector": {"fixedProbability": {"p": 0.5, "seed": 9}},
                                  "synapse": {"static": {"weight": "1 mV"}}}]},
                 "protocol": {"duration": "1 s"}}""";
        String yaml = """
                schema: engram.v1
                name: j
                network:
                  populations: [{name: a, size: 2}]
                  projections: [{pre: a, post: a, connector: {fixed_probability: {p: 0.5, seed: 9}}, synapse: {static: {weight: 1 mV}}}]
                protocol: {duration: 1 s}
                """;
        assertEquals(ExperimentFiles.parse(json, true, "j.json"), ExperimentFiles.parse(yaml, false, "j.yaml"));
    }

    @Test
    void unknownFieldIsNamedWithItsPathAndASuggestion() {
        String msg = problems(VALID.replace("tau_mem: 20 ms, v_threshold", "tau_men: 20 ms, v_threshold"));
        assertTrue(msg.contains("network.populations[1].lif.tau_men: unknown field in LifParameters (did you mean 'tau_mem'?)"), msg);
    }

    @Test
    void wrongUnitNamesTheFieldAndTheDimension() {
        String msg = problems(VALID.replace("tau_h: 700 s", "tau_h: 700 mV"));
        assertTrue(msg.contains("network.projections[0].synapse.two_phase.tau_h: '700 mV' has the wrong unit: expected a time"), msg);
        msg = problems(VALID.replace("rate: 100 Hz", "rate: 100"));
        assertTrue(msg.contains("network.populations[0].source.trains[0].poisson.rate: '100' has no unit"), msg);
    }

    @Test
    void nanAndNegativeTimeConstantsAreRejected() {
        assertTrue(problems(VALID.replace("tau_h: 700 s", "tau_h: -700 s"))
                .contains("network.projections[0].synapse.two_phase.tau_h: must be positive"));
        String msg = problems(VALID.replace("c_pre: 1.0", "c_pre: .nan"));
        assertTrue(msg.contains("network.projections[0].synapse.two_phase.c_pre"), msg);
        assertTrue(problems(VALID.replace("tau_mem: 20 ms, v", "tau_mem: NaN ms, v"))
                .contains("network.populations[1].lif.tau_mem"));
    }

    @Test
    void danglingNamesAndBadIndicesAreReportedTogether() {
        String msg = problems(VALID.replace("post: post\n", "post: pots\n").replace("target: post,", "target: nobody,")
                .replace("neurons: [1]", "neurons: [5]"));
        assertTrue(msg.contains("network.projections[0].post: no population named 'pots' (known: [pre, post])"), msg);
        assertTrue(msg.contains("protocol.stimuli[0].target: no population named 'nobody'"), msg);
        assertTrue(msg.contains("protocol.recordings[1].spikes.select: neuron 5 outside population 'post' (size 2)"), msg);
    }

    @Test
    void sourcesSendAndTakeNothing() {
        String msg = problems(VALID.replace("target: post,", "target: pre,").replace("post: post\n", "post: pre\n"));
        assertTrue(msg.contains("protocol.stimuli[0].target: 'pre' is a source population"), msg);
        assertTrue(msg.contains("network.projections[0].post: population 'pre' is a spike source: it sends, it receives no projection"), msg);
        msg = problems(VALID.replace("start: 1 h, stop: 3601 s", "start: 3 h"));
        assertTrue(msg.contains("network.populations[0].source.trains[0].poisson.start: the train starts at 10800.0 s, at or after the end of the run (7200.0 s)"), msg);
        msg = problems(VALID.replace("duration: 2 h", "duration: 2 h\n  dt: 1 ms").replace("rate: 100 Hz", "rate: 2 kHz"));
        assertTrue(msg.contains("network.populations[0].source.trains[0].poisson.rate: rate 2000.0 Hz exceeds one spike per step"), msg);
        // a device receives the spikes, never a path: the codec refuses a file the loader did not read
        var m = org.engram.proto.v1.Experiment.newBuilder().setProtocol(org.engram.proto.v1.Protocol.newBuilder().setDuration("1 s"));
        m.getNetworkBuilder().addPopulationsBuilder().setName("s").setSize(1).getSourceBuilder().addTrainsBuilder()
                .getFileBuilder().setFile("spikes.csv");
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentCodec.toModel(m.build(), "m"));
        assertTrue(ex.getMessage().contains("network.populations[0].source.trains[0].file: spike files are read when the experiment file is loaded"),
                ex.getMessage());
        msg = problems(VALID.replace("{name: pre, size: 1, source: {", "{name: pre, size: 1, heterogeneity: [{parameter: tau_mem, values: {values: [1]}}], source: {"));
        assertTrue(msg.contains("network.populations[0].heterogeneity: a source population has no parameters to spread"), msg);
    }

    @Test
    void aSpikeFileBecomesOneSpikeTimesTrainPerNeuron(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("spikes.csv"), "neuron,time\n1,12.5\n0,3\n1,4\n");
        java.nio.file.Path file = dir.resolve("e.yaml");
        java.nio.file.Files.writeString(file, VALID.replace("{name: pre, size: 1, source: {trains: [{poisson: {rate: 100 Hz, start: 1 h, stop: 3601 s}}]}}",
                "{name: pre, size: 2, source: {trains: [{name: f, file: {file: spikes.csv}}, {name: p, poisson: {rate: 5 Hz}}]}}"));
        Experiment e = ExperimentFiles.read(file);
        var trains = ((SpikeSource) e.network().population("pre").orElseThrow().model()).trains();
        assertEquals(3, trains.size(), trains.toString());
        var t0 = (SpikeTrain.SpikeTimes) trains.get(0);
        assertEquals("f[0]", t0.name());
        assertArrayEquals(new int[]{0}, t0.select().resolve(2));
        assertEquals(List.of(3e-3), t0.times());
        var t1 = (SpikeTrain.SpikeTimes) trains.get(1);
        assertArrayEquals(new int[]{1}, t1.select().resolve(2));
        assertEquals(List.of(4e-3, 12.5e-3), t1.times(), "sorted, in ms by default");
        assertInstanceOf(SpikeTrain.Poisson.class, trains.get(2));
        java.nio.file.Files.writeString(dir.resolve("spikes.csv"), "0,1\n2,5\n");
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentFiles.read(file));
        assertTrue(ex.getMessage().contains("network.populations[0].source.trains[0].file.file") && ex.getMessage().contains("neuron 2.0 is not an index"),
                ex.getMessage());
    }

    @Test
    void malformedInputGetsAClearError() {
        assertTrue(problems("network: [unclosed").contains("not valid YAML"));
        assertTrue(problems("").contains("empty"));
        assertTrue(problems(VALID.replace("schema: engram.v1", "schema: engram.v9")).contains("schema: unsupported schema 'engram.v9'"));
        assertTrue(problems(VALID.replace("size: 2", "size: two")).contains("network.populations[1].size: expected a plain number"));
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentFiles.parse("{\"name\": ", true, "x.json"));
        assertTrue(ex.getMessage().contains("not valid JSON"));
    }

    @Test
    void daleViolationsAreNamed() {
        String yaml = """
                name: d
                network:
                  populations: [{name: i, size: 1, kind: INHIBITORY}, {name: e, size: 1}]
                  projections: [{pre: i, post: e, connector: {one_to_one: {}}, synapse: {static: {weight: 2 mV}}}]
                protocol: {duration: 1 s}
                """;
        assertTrue(problems(yaml).contains("network.projections[0].synapse.static.weight: sign 2.0 mV contradicts the inhibitory"));
    }
}
