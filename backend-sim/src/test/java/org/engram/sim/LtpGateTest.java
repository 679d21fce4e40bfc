package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 40 Hz LTP gate of P2 (Luboeinski & Tetzlaff 2022) on one synapse. */
class LtpGateTest {
    static final TwoPhaseRule GATED = TwoPhaseRule.SINGLE_SYNAPSE.withLtpGate(40, 0.5);

    /**
     * STET (3 x 1 s at 100 Hz) from the example, with the rule replaced and optionally the post neuron driven
     * too: by a second source with the same train through a 60 mV static synapse (one source spike fires it).
     */
    static Experiment stet(TwoPhaseRule rule, boolean drivePost) {
        Experiment e = Examples.load("single-synapse-stet.yaml");
        Projection p = e.network().projections().getFirst();
        List<Population> pops = new ArrayList<>(e.network().populations());
        List<Projection> projections = new ArrayList<>(List.of(new Projection(p.name(), p.pre(), p.post(), p.connector(), rule, p.delay())));
        if (drivePost) {
            var pre = (SpikeTrain.Poisson) ((SpikeSource) pops.getFirst().model()).trains().getFirst();
            pops.add(Population.source("post-drive", 1, NeuronKind.EXCITATORY, new SpikeTrain.Poisson("post-drive", NeuronSelection.ALL,
                    pre.rate(), pre.start(), pre.stop(), pre.repeats(), pre.period())));
            projections.add(new Projection("drive", "post-drive", "post", new Connector.OneToOne(), new SynapseType.Static(60), 1e-3));
        }
        return new Experiment(e.name(), e.description(), e.seed(), new Network(pops, projections), e.protocol());
    }

    static double finalZ(RunResult r) {
        double[] z = r.trace("z").orElseThrow().values()[0];
        return z[z.length - 1];
    }

    @Test
    void blocksLtpWhenOnlyThePresynapticNeuronFiresFast() {
        for (String device : List.of("sim:", "sim:float64")) {
            double open = finalZ(Devices.open(device).run(stet(TwoPhaseRule.SINGLE_SYNAPSE, false)));
            double gated = finalZ(Devices.open(device).run(stet(GATED, false)));
            assertTrue(open > 0.6, device + ": without the gate STET consolidates LTP: " + open);
            assertTrue(gated <= 0, device + ": the silent post neuron closes the gate: z = " + gated);
        }
    }

    @Test
    void letsLtpThroughWhenBothNeuronsFireAbove40Hz() {
        double both = finalZ(Devices.open("sim:").run(stet(GATED, true)));
        double ungatedBoth = finalZ(Devices.open("sim:").run(stet(TwoPhaseRule.SINGLE_SYNAPSE, true)));
        assertTrue(both > 0.6, "pre and post at 100 Hz: LTP consolidates with the gate: " + both);
        assertEquals(ungatedBoth, both, 0.1, "and about as without it");
    }
}
