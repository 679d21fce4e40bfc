package org.engram.brainscales.virtual;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A protocol longer than one hardware run (2^32 cycles = 34 360 s biological at 1000×) is split into
 * consecutive runs with the state carried over: an on-chip neuron's spike just before the split is in
 * flight in the FPGA loopback across it and reaches its target in the second run, at the right time.
 */
class LongRunTest {
    @Test
    void aSpikeCrossesTheSplitBetweenRuns() {
        // the first run ends at the last whole 25-cycle step within 2^32 cycles: 34 359.74 s
        double split = (1L << 32) / 25 * 25 * 8e-9 * 1000;
        double before = split - 6.5e-3;   // mid fires about 1 ms before the split; its event to dst lands after it
        var spikes = new SpikeTrain.SpikeTimes("s", NeuronSelection.ALL, List.of(10.0, before));
        var net = new Network(List.of(Population.source("src", 1, NeuronKind.EXCITATORY, spikes), new Population("mid", 1, NeuronKind.EXCITATORY),
                new Population("dst", 1, NeuronKind.EXCITATORY)),
                List.of(new Projection("a", "src", "mid", new Connector.OneToOne(), new SynapseType.Static(60), 3e-3),
                        new Projection("b", "mid", "dst", new Connector.OneToOne(), new SynapseType.Static(60), 3e-3)));
        var recs = List.<Recording>of(new Recording.Spikes("mid", "mid", NeuronSelection.ALL), new Recording.Spikes("dst", "dst", NeuronSelection.ALL));
        Experiment e = new Experiment("long", "", 1, net, new Protocol(10 * 3600, 0, List.of(), List.of(), recs));
        var fit = Devices.open("brainscales2:virtual").check(e);
        assertTrue(fit.issues().stream().anyMatch(i -> i.rule().equals("run-split")), fit.toString());
        RunResult r = Devices.open("brainscales2:virtual?noise=0").run(e);   // no trial noise: both runs see the same circuits
        assertEquals(2, r.counters().get("chip_runs"), "10 h are two hardware runs");
        double[] mid = r.spikes().get("mid").times(), dst = r.spikes().get("dst").times();
        assertEquals(2, mid.length);
        assertEquals(2, dst.length, "both spikes reach the end of the chain, the second across the split");
        assertTrue(mid[1] < split && dst[1] > split, "mid fires before the split (" + mid[1] + "), dst after it (" + dst[1] + ")");
        assertEquals(dst[0] - mid[0], dst[1] - mid[1], 1e-6, "the same loopback delay within a run and across the split");
    }
}
