package org.engram.brainscales.mapping;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WeightQuantisationTest {
    @Test
    void eachPostPopulationAndSignGetsItsOwnScaleAndEveryProjectionIsReported() {
        var net = Networks.ei(80, 20, 0.1);
        var q = WeightQuantisation.of(net, Double.NaN, new long[]{640, 160, 160, 40});
        assertEquals(4, q.size());
        var ee = q.get(0);
        var ei = q.get(1);
        var ie = q.get(2);
        assertTrue(ee.plastic());
        // E->E reaches h_ltp_target + h0 z_max = 10 + 4.2 mV: that is level 63
        double top = 10 + TwoPhaseRule.H0;
        assertEquals(top / 63, ee.scale(), 1e-12);
        assertEquals(Math.round(TwoPhaseRule.H0 / (top / 63)), ee.level());   // h_init = h0
        assertTrue(ee.maxError() <= ee.scale() / 2 + 1e-12);
        // E->I is the only excitatory projection onto inh: its weight is level 63, exactly
        assertEquals(63, ei.level());
        assertEquals(0, ei.maxError(), 1e-12);
        assertEquals(Placement.Sign.INHIBITORY, ie.sign());
        assertEquals(63, ie.level());
        assertEquals(0, q.stream().mapToLong(WeightQuantisation.Entry::clipped).sum());
        assertTrue(ee.describe().contains("initial weight") && ee.describe().contains("h0"), ee.describe());
    }

    @Test
    void aFixedScaleClipsAndZeroesAndSaysHowMany() {
        var net = new Network(List.of(new Population("a", 10, NeuronKind.EXCITATORY), new Population("b", 10, NeuronKind.EXCITATORY)),
                List.of(new Projection("big", "a", "b", new Connector.OneToOne(), new SynapseType.Static(100), 0),
                        new Projection("tiny", "b", "a", new Connector.OneToOne(), new SynapseType.Static(0.01), 0)));
        var q = WeightQuantisation.of(net, 1.0, new long[]{10, 10});
        assertEquals(10, q.get(0).clipped());
        assertEquals(63, q.get(0).level());
        assertEquals(37, q.get(0).maxError(), 1e-12);
        assertEquals(10, q.get(1).zeroed());
        assertEquals(0, q.get(1).level());
        assertTrue(q.get(1).describe().contains("10 synapses zeroed"), q.get(1).describe());
    }
}
