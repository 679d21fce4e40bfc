package org.engram.hal.io;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The network-consolidation fields: spike windows, MEAN traces, pre/post selections, fast-forward, analyses. */
class ConsolidationSchemaTest {
    static final String VALID = """
            schema: engram.v1
            name: assembly
            network:
              populations:
                - {name: exc, size: 40}
                - {name: inh, size: 10, kind: INHIBITORY}
              projections:
                - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.1}}, synapse: {two_phase: {}}}
                - {name: one, pre: exc, post: exc, connector: {explicit: {connections: [{pre: 0, post: 1}]}}, synapse: {two_phase: {}}}
            protocol:
              duration: 8 h
              stimuli:
                - {name: learn, target: exc, select: {first: 0, count: 20}, force_firing: {start: 10 s, stop: 10.1 s}}
                - {name: recall, target: exc, select: {first: 0, count: 10}, force_firing: {start: 28790 s, stop: 28790.1 s}}
                - {name: bg, target: exc, ou_current: {}}
              fast_forward:
                - {start: 20 s, stop: 28780 s}
              recordings:
                - {name: spikes-exc, spikes: {population: exc, start: 28789 s}}
                - {name: w-in, trace: {variable: W, projection: ee, interval: 10 s, reduce: MEAN,
                                      pre_select: {first: 0, count: 20}, post_select: {first: 0, count: 20}}}
                - {name: w-out, trace: {variable: W, projection: ee, interval: 10 s, reduce: MEAN,
                                       pre_select: {first: 0, count: 20, invert: true}}}
                - {name: p-in, trace: {variable: P, population: exc, select: {first: 0, count: 20}, interval: 10 s, reduce: MEAN}}
              analyses:
                - name: recall-8h
                  pattern_completion:
                    spikes: spikes-exc
                    assembly: {first: 0, count: 20}
                    recalled: {first: 0, count: 10}
                    start: 28790 s
                    stop: 28790.5 s
            """;

    static String problems(String yaml) {
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentFiles.parse(yaml, false, "test.yaml"));
        return ex.getMessage();
    }

    static Experiment valid() {
        return ExperimentFiles.parse(VALID, false, "test.yaml");
    }

    @Test
    void readsTheNewFields() {
        Protocol p = valid().protocol();
        assertEquals(List.of(new FastForward(20, 28780)), p.fastForward());
        var spikes = (Recording.Spikes) p.recordings().get(0);
        assertEquals(28789, spikes.start(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, spikes.stop(), "default: to the end of the run");
        var in = (Recording.Trace) p.recordings().get(1);
        assertEquals(Reduction.MEAN, in.reduce());
        assertEquals(NeuronSelection.range(0, 20), in.preSelect());
        assertEquals(NeuronSelection.range(0, 20), in.postSelect());
        var out = (Recording.Trace) p.recordings().get(2);
        assertEquals(NeuronSelection.range(0, 20).inverted(), out.preSelect());
        assertEquals(NeuronSelection.ALL, out.postSelect());
        assertEquals(Reduction.MEAN, ((Recording.Trace) p.recordings().get(3)).reduce());
        var pc = (Analysis.PatternCompletion) p.analyses().get(0);
        assertEquals(new Analysis.PatternCompletion("recall-8h", "spikes-exc", NeuronSelection.range(0, 20),
                NeuronSelection.range(0, 10), 28790, 28790.5), pc);
    }

    @Test
    void jsonSpellingIsAcceptedToo() {
        String json = """
                {"name": "j", "network": {"populations": [{"name": "a", "size": 4}],
                  "projections": [{"pre": "a", "post": "a", "connector": {"allToAll": {}}, "synapse": {"twoPhase": {}}}]},
                 "protocol": {"duration": "10 s", "fastForward": [{"start": "2 s", "stop": "5 s"}],
                  "recordings": [{"name": "s", "spikes": {"population": "a", "stop": "9 s"}},
                                 {"name": "h", "trace": {"variable": "H", "projection": "a->a", "interval": "1 s", "reduce": "MEAN",
                                                         "preSelect": {"neurons": [0], "invert": true}}}],
                  "analyses": [{"patternCompletion": {"spikes": "s", "assembly": {"count": 2}, "recalled": {"count": 1},
                                                      "start": "6 s", "stop": "7 s"}}]}}""";
        Experiment e = ExperimentFiles.parse(json, true, "j.json");
        assertEquals("analysis0", e.protocol().analyses().get(0).name());
        assertEquals(9, ((Recording.Spikes) e.protocol().recordings().get(0)).stop(), 1e-12);
        assertEquals(NeuronSelection.of(0).inverted(), ((Recording.Trace) e.protocol().recordings().get(1)).preSelect());
    }

    @Test
    void unknownFieldsInTheNewMessagesAreNamed() {
        String msg = problems(VALID.replace("{start: 20 s, stop: 28780 s}", "{start: 20 s, stpo: 28780 s}"));
        assertTrue(msg.contains("protocol.fast_forward[0].stpo: unknown field in FastForward (did you mean 'stop'?)"), msg);
        msg = problems(VALID.replace("reduce: MEAN,\n", "reduce: MEDIAN,\n"));
        assertTrue(msg.contains("protocol.recordings[1].trace.reduce: expected one of [NONE, MEAN]"), msg);
    }

    @Test
    void fastForwardWindowsAreChecked() {
        String msg = problems(VALID.replace("- {start: 20 s, stop: 28780 s}",
                "- {start: 20 s, stop: 9 h}\n    - {stop: 30 s}\n    - {start: 100 s, stop: 50 s}\n    - {start: 1000 s, stop: 2000 s}"));
        assertTrue(msg.contains("protocol.fast_forward[0].stop: ends after the run (32400.0 s > duration 28800.0 s)"), msg);
        assertTrue(msg.contains("protocol.fast_forward[1].start: missing"), msg);
        assertTrue(msg.contains("protocol.fast_forward[2]: stop (50.0 s) must come after start (100.0 s)"), msg);
        assertTrue(msg.contains("protocol.fast_forward[3]: overlaps protocol.fast_forward[0]"), msg);
    }

    @Test
    void spikingStimuliAndAnalysesMustLieOutsideFastForward() {
        String msg = problems(VALID.replace("stop: 28780 s}", "stop: 28795 s}"));
        assertTrue(msg.contains("protocol.stimuli[1]: stimulus 'recall' is active during fast-forward window"), msg);
        assertTrue(msg.contains("protocol.analyses[0].pattern_completion: window [28790.0 s, 28790.5 s) overlaps fast-forward"), msg);
        assertFalse(msg.contains("stimuli[2]"), "background current just pauses: " + msg);
    }

    @Test
    void patternCompletionIsChecked() {
        String msg = problems(VALID.replace("spikes: spikes-exc\n", "spikes: w-in\n"));
        assertTrue(msg.contains("protocol.analyses[0].pattern_completion.spikes: no spike recording named 'w-in'"), msg);
        msg = problems(VALID.replace("recalled: {first: 0, count: 10}", "recalled: {first: 15, count: 10}"));
        assertTrue(msg.contains("protocol.analyses[0].pattern_completion.recalled: neuron 20 is not in the assembly"), msg);
        msg = problems(VALID.replace("assembly: {first: 0, count: 20}", "assembly: {first: 30, count: 20}"));
        assertTrue(msg.contains("protocol.analyses[0].pattern_completion.assembly: neuron 40 outside population 'exc' (size 40)"), msg);
        msg = problems(VALID.replace("recalled: {first: 0, count: 10}", "recalled: {first: 0, count: 20}"));
        assertTrue(msg.contains("pattern_completion.recalled: covers the whole assembly"), msg);
        msg = problems(VALID.replace("recalled: {first: 0, count: 10}", "recalled: {neurons: [3], invert: true}"));
        assertTrue(msg.contains("pattern_completion.recalled: neuron 20 is not in the assembly"), msg);
        msg = problems(VALID.replace("start: 28790 s\n", "start: 28791 s\n"));
        assertTrue(msg.contains("pattern_completion.stop: must come after start"), msg);
        msg = problems(VALID.replace("start: 28790 s\n", "start: 28788 s\n"));
        assertTrue(msg.contains("is not inside the window of spike recording 'spikes-exc' [28789.0 s, Infinity s)"), msg);
        msg = problems(VALID.replace("spikes: {population: exc, start: 28789 s}", "spikes: {population: exc, start: 28789 s, select: {count: 15}}"));
        assertTrue(msg.contains("pattern_completion.assembly: neuron 15 is not recorded"), msg);
        msg = problems(VALID.replace("    - name: recall-8h\n      pattern_completion:", "    - name: recall-8h\n      x_pattern_completion:"));
        assertTrue(msg.contains("protocol.analyses[0].x_pattern_completion: unknown field in Analysis"), msg);
        msg = problems(VALID.replace("analyses:\n", "analyses:\n    - {name: empty}\n"));
        assertTrue(msg.contains("protocol.analyses[0]: missing: give pattern_completion"), msg);
    }

    @Test
    void traceSelectionsAndMeanAreChecked() {
        String msg = problems(VALID.replace("select: {first: 0, count: 20}, interval: 10 s, reduce: MEAN}",
                "select: {first: 0, count: 20}, pre_select: {count: 3}, interval: 10 s, reduce: MEAN}"));
        assertTrue(msg.contains("protocol.recordings[3].trace.pre_select: only for synapse variables (C, H, Z, W), not P"), msg);
        msg = problems(VALID.replace("pre_select: {first: 0, count: 20}, post", "synapses: [{pre: 0, post: 1}], pre_select: {first: 0, count: 20}, post"));
        assertTrue(msg.contains("protocol.recordings[1].trace.synapses: give either synapses or pre_select/post_select, not both"), msg);
        msg = problems(VALID.replace("pre_select: {first: 0, count: 20, invert: true}", "pre_select: {first: 0, count: 40, invert: true}"));
        assertTrue(msg.contains("protocol.recordings[2].trace.pre_select: selects no neuron: MEAN needs at least one synapse"), msg);
        msg = problems(VALID.replace("pre_select: {first: 0, count: 20}, post_select: {first: 0, count: 20}",
                "pre_select: {first: 0, count: 50}"));
        assertTrue(msg.contains("protocol.recordings[1].trace.pre_select: neuron 40 outside population 'exc' (size 40)"), msg);
        msg = problems(VALID.replace("select: {first: 0, count: 20}, interval: 10 s, reduce: MEAN}",
                "select: {neurons: [], invert: true}, interval: 10 s, reduce: MEAN}"));
        assertTrue(msg.contains("protocol.recordings[3].trace.select: selects no neuron: MEAN needs at least one"), msg);
        // explicit connector 0->1: pre 1 and post 0 hold no synapse
        msg = problems(VALID.replace("w-out, trace: {variable: W, projection: ee", "w-out, trace: {variable: W, projection: one")
                .replace("pre_select: {first: 0, count: 20, invert: true}", "pre_select: {neurons: [1]}"));
        assertTrue(msg.contains("protocol.recordings[2].trace: pre_select x post_select holds no synapse of projection 'one'"), msg);
        // without MEAN an empty selection is merely an empty trace
        ExperimentFiles.parse(VALID.replace("w-out, trace: {variable: W, projection: ee, interval: 10 s, reduce: MEAN,",
                "w-out, trace: {variable: W, projection: ee, interval: 10 s,")
                .replace("pre_select: {first: 0, count: 20, invert: true}", "pre_select: {first: 0, count: 40, invert: true}"), false, "ok.yaml");
    }

    @Test
    void spikeWindowsAreChecked() {
        String msg = problems(VALID.replace("spikes: {population: exc, start: 28789 s}", "spikes: {population: exc, start: 20 s, stop: 10 s}"));
        assertTrue(msg.contains("protocol.recordings[0].spikes.stop: must come after start (10.0 s <= 20.0 s)"), msg);
    }

    @Test
    void withoutFastForwardKeepsEverythingElse() {
        Experiment e = valid();
        Experiment full = e.withoutFastForward();
        assertEquals(List.of(), full.protocol().fastForward());
        assertEquals(e.protocol().analyses(), full.protocol().analyses());
        assertEquals(e.protocol().stimuli(), full.protocol().stimuli());
        assertEquals(e.network(), full.network());
    }
}
