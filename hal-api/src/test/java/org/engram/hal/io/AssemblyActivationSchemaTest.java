package org.engram.hal.io;

import org.engram.hal.model.*;
import org.engram.hal.model.Analysis.NamedSelection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The assembly_activation analysis in experiment files: defaults, field paths of its problems. */
class AssemblyActivationSchemaTest {
    static final String VALID = """
            schema: engram.v1
            name: priming
            network:
              populations:
                - {name: exc, size: 40}
              projections:
                - {name: ee, pre: exc, post: exc, connector: {fixed_probability: {p: 0.1}}, synapse: {two_phase: {}}}
            protocol:
              duration: 100 s
              stimuli:
                - {name: bg, target: exc, ou_current: {}}
              fast_forward:
                - {start: 20 s, stop: 50 s}
              recordings:
                - {name: spikes, spikes: {population: exc, select: {count: 30}, start: 60 s}}
              analyses:
                - name: spontaneous
                  assembly_activation:
                    spikes: spikes
                    assemblies:
                      - {name: A, select: {first: 0, count: 15}}
                      - {name: B, select: {first: 10, count: 15}}
            """;

    static String problems(String yaml) {
        var ex = assertThrows(ExperimentFormatException.class, () -> ExperimentFiles.parse(yaml, false, "test.yaml"));
        return ex.getMessage();
    }

    @Test
    void defaultsComeFromTheRecordingAndTheReferenceScript() {
        Experiment e = ExperimentFiles.parse(VALID, false, "test.yaml");
        var a = (Analysis.AssemblyActivation) e.protocol().analyses().get(0);
        assertEquals(new Analysis.AssemblyActivation("spontaneous", "spikes",
                List.of(new NamedSelection("A", NeuronSelection.range(0, 15)), new NamedSelection("B", NeuronSelection.range(10, 15))),
                60, 100, 0.010, 10, 10), a);
        assertEquals(4000, a.binCount());
    }

    @Test
    void explicitFieldsAndJson() {
        Experiment e = ExperimentFiles.parse(VALID.replace("spikes: spikes\n", """
                spikes: spikes
                        start: 70 s
                        stop: 80 s
                        bin: 20 ms
                        min_total: 0
                        min_assembly: 5
                """), false, "test.yaml");
        var a = (Analysis.AssemblyActivation) e.protocol().analyses().get(0);
        assertEquals(70, a.start(), 1e-12);
        assertEquals(80, a.stop(), 1e-12);
        assertEquals(0.02, a.bin(), 1e-15);
        assertEquals(0, a.minTotal(), "0 is a threshold, not 'use the default'");
        assertEquals(5, a.minAssembly());

        String json = """
                {"network": {"populations": [{"name": "a", "size": 4}]},
                 "protocol": {"duration": "10 s", "recordings": [{"name": "s", "spikes": {"population": "a"}}],
                  "analyses": [{"assemblyActivation": {"spikes": "s", "minTotal": 3,
                                "assemblies": [{"select": {"count": 2}}, {"select": {"neurons": [3]}}]}}]}}""";
        a = (Analysis.AssemblyActivation) ExperimentFiles.parse(json, true, "j.json").protocol().analyses().get(0);
        assertEquals("analysis0", a.name());
        assertEquals(List.of("assembly0", "assembly1"), a.assemblies().stream().map(NamedSelection::name).toList());
        assertEquals(0, a.start());
        assertEquals(10, a.stop(), 1e-12, "the recording's window defaults to the whole run");
        assertEquals(3, a.minTotal());
        assertEquals(10, a.minAssembly());
    }

    @Test
    void problemsNameTheirFields() {
        String p = "protocol.analyses[0].assembly_activation";
        String msg = problems(VALID.replace("spikes: spikes\n", "spikes: nope\n"));
        assertTrue(msg.contains(p + ".spikes: no spike recording named 'nope'"), msg);
        msg = problems(VALID.replace("{name: B, select: {first: 10, count: 15}}", "{name: A, select: {first: 10, count: 15}}"));
        assertTrue(msg.contains(p + ".assemblies[1].name: duplicate assembly name 'A'"), msg);
        msg = problems(VALID.replace("{name: B, select: {first: 10, count: 15}}", "{name: B, select: {first: 30, count: 15}}"));
        assertTrue(msg.contains(p + ".assemblies[1].select: neuron 40 outside population 'exc' (size 40)"), msg);
        msg = problems(VALID.replace("{name: B, select: {first: 10, count: 15}}", "{name: B, select: {first: 20, count: 15}}"));
        assertTrue(msg.contains(p + ".assemblies[1].select: neuron 30 is not recorded"), msg);
        msg = problems(VALID.replace("{name: B, select: {first: 10, count: 15}}", "{name: B}"));
        assertTrue(msg.contains(p + ".assemblies[1].select: missing"), msg);
        msg = problems(VALID.replace("{name: B, select: {first: 10, count: 15}}", "{name: B, select: {neurons: [], invert: true}}"));
        assertTrue(msg.contains(p + ".assemblies[1].select: selects no neuron"), msg);
        msg = problems(VALID.substring(0, VALID.indexOf("assemblies:")) + "assemblies: []\n");
        assertTrue(msg.contains(p + ".assemblies: missing"), msg);
    }

    @Test
    void windowAndBinAreChecked() {
        String p = "protocol.analyses[0].assembly_activation";
        String msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        bin: 0 ms\n"));
        assertTrue(msg.contains(p + ".bin: must be positive"), msg);
        msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        bin: 10 mV\n"));
        assertTrue(msg.contains(p + ".bin:"), msg);
        msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        start: 99.995 s\n"));
        assertTrue(msg.contains(p + ".bin: longer than the window"), msg);
        msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        start: 55 s\n"));
        assertTrue(msg.contains(p + ": window [55.0 s, 100.0 s) is not inside the window of spike recording 'spikes' [60.0 s, 100.0 s)"), msg);
        msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        stop: 101 s\n"));
        assertTrue(msg.contains(p + ".stop: ends after the run"), msg);
        msg = problems(VALID.replace("spikes: spikes\n", "spikes: spikes\n        start: 80 s\n        stop: 70 s\n"));
        assertTrue(msg.contains(p + ".stop: must come after start"), msg);
        // a recording over the whole run and a window across the fast-forward window
        msg = problems(VALID.replace(", start: 60 s}", "}").replace("spikes: spikes\n", "spikes: spikes\n        start: 10 s\n        stop: 30 s\n"));
        assertTrue(msg.contains(p + ": window [10.0 s, 30.0 s) overlaps fast-forward window [20.0 s, 50.0 s)"), msg);
    }
}
