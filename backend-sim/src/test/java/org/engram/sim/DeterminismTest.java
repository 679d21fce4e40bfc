package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same experiment and seed: the same bits, across runs and thread counts; a committed golden digest. */
class DeterminismTest {
    /**
     * SHA-256 of the full 8 h STET trajectory (h, z, w, p every second, pre and post spikes) on sim:,
     * seed 1. Any change to docs/fixed-point.md semantics changes it; update it only with the document.
     */
    static final String GOLDEN_STET_SEED1 = "3f4ab6773777a043323b8cf4c3e1317b4ea718ac60cbce4f46c554b3cec1b102";

    @Test
    void goldenTrajectoryOfStrongTetanus() {
        RunResult r = Devices.open("sim:").run(Examples.load("single-synapse-stet.yaml"));
        assertEquals(GOLDEN_STET_SEED1, r.sha256());
    }

    @Test
    void repeatedRunsGiveIdenticalBits() {
        var e = Examples.load("single-synapse-slfs.yaml").withSeed(7);
        String first = Devices.open("sim:").run(e).sha256();
        assertEquals(first, Devices.open("sim:").run(e).sha256());
        assertTrue(!first.equals(Devices.open("sim:").run(e.withSeed(8)).sha256()), "another seed gives other bits");
    }

    /** A recurrent network big enough for the parallel neuron and late-phase loops (>= 2048 neurons). */
    static Experiment network(double duration) {
        TwoPhaseRule rule = TwoPhaseRule.DEFAULT;
        double h0 = rule.h0();
        var exc = new Population("exc", 2000, NeuronKind.EXCITATORY);
        var inh = new Population("inh", 500, NeuronKind.INHIBITORY);
        var p = new Connector.FixedProbability(0.1, 0, false);
        var projections = List.of(
                new Projection("ee", "exc", "exc", p, rule, 3e-3),
                new Projection("ei", "exc", "inh", p, new SynapseType.Static(2 * h0), 3e-3),
                new Projection("ie", "inh", "exc", p, new SynapseType.Static(-4 * h0), 3e-3),
                new Projection("ii", "inh", "inh", p, new SynapseType.Static(-4 * h0), 3e-3));
        var stimuli = List.<Stimulus>of(
                new Stimulus.OuCurrent("bg-e", "exc", NeuronSelection.ALL, 0.15, 0.5, 5e-3, 0, duration),
                new Stimulus.OuCurrent("bg-i", "inh", NeuronSelection.ALL, 0.15, 0.5, 5e-3, 0, duration),
                new Stimulus.ForceFiring("learn", "exc", NeuronSelection.range(0, 150), 0.1, 0.2));
        var recordings = List.<Recording>of(
                new Recording.Spikes("spikes", "exc", NeuronSelection.ALL),
                new Recording.Trace("h", TraceVariable.H, "", NeuronSelection.ALL, "ee", List.of(), 0.1, 0, duration),
                new Recording.Trace("v", TraceVariable.V, "exc", NeuronSelection.range(0, 20), "", List.of(), 0.01, 0, duration),
                new Recording.Trace("p", TraceVariable.P, "exc", NeuronSelection.range(0, 200), "", List.of(), 0.1, 0, duration));
        return new Experiment("network", "", 11, new Network(List.of(exc, inh), projections),
                new Protocol(duration, 0, stimuli, List.of(), recordings));
    }

    @Test
    void threadCountDoesNotChangeTheBits() {
        Experiment e = network(0.3);
        RunResult one = Devices.open("sim:?threads=1").run(e);
        RunResult two = Devices.open("sim:?threads=2").run(e);
        assertTrue(one.spikes().get("spikes").count() > 1000, "the network is active: " + one.spikes().get("spikes").count());
        assertEquals(one.sha256(), two.sha256());
        // most steps ran in multi-step batches (background noise only, 3 ms delays), so those were compared too
        assertEquals(0L, one.counters().get("steps_batched"));
        assertTrue(two.counters().get("steps_batched") > two.counters().get("steps_executed") / 2, two.counters().toString());
        RunResult oneF = Devices.open("sim:float64?threads=1").run(e);
        assertEquals(oneF.sha256(), Devices.open("sim:float64?threads=2").run(e).sha256());
    }

    /** Fast-forward, MEAN traces over pre/post selections and spike windows are thread-count invariant too. */
    @Test
    void fastForwardAndMeansDoNotDependOnThreads() {
        Experiment base = network(0.3);
        Protocol p = base.protocol();
        double duration = 600.4;
        var recordings = new java.util.ArrayList<>(List.<Recording>of(
                new Recording.Spikes("spikes", "exc", NeuronSelection.ALL, 0, 0.5),
                new Recording.Spikes("late", "exc", NeuronSelection.ALL, 600, duration)));
        for (TraceVariable v : List.of(TraceVariable.W, TraceVariable.Z)) {
            recordings.add(new Recording.Trace(v + "-in", v, "", NeuronSelection.ALL, "ee", List.of(), 10, 0, duration,
                    Reduction.MEAN, NeuronSelection.range(0, 150), NeuronSelection.range(0, 150)));
        }
        recordings.add(new Recording.Trace("p", TraceVariable.P, "exc", NeuronSelection.ALL, "", List.of(), 10, 0, duration,
                Reduction.MEAN, NeuronSelection.ALL, NeuronSelection.ALL));
        var stimuli = List.<Stimulus>of(
                new Stimulus.OuCurrent("bg-e", "exc", NeuronSelection.ALL, 0.15, 0.5, 5e-3, 0, duration),
                new Stimulus.OuCurrent("bg-i", "inh", NeuronSelection.ALL, 0.15, 0.5, 5e-3, 0, duration),
                new Stimulus.ForceFiring("learn", "exc", NeuronSelection.range(0, 150), 0.1, 0.2));
        Experiment e = base.withProtocol(new Protocol(duration, 0, stimuli, List.of(), recordings,
                List.of(new FastForward(0.5, 600)), List.of()));
        RunResult one = Devices.open("sim:?threads=1").run(e);
        RunResult two = Devices.open("sim:?threads=2").run(e);
        double[] z = one.trace("Z-in").orElseThrow().values()[0];
        assertTrue(z[z.length - 1] > 0.01, "the late phase moved inside the assembly: " + z[z.length - 1]);
        assertTrue(one.spikes().get("late").count() > 0, "spiking resumes after the fast-forward");
        assertEquals(one.sha256(), two.sha256());
        assertEquals(Devices.open("sim:float64?threads=1").run(e).sha256(), Devices.open("sim:float64?threads=3").run(e).sha256());
    }
}
