package org.engram.brainscales.mapping;

import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PlacementTest {
    private static final ChipGeometry CHIP = ChipGeometry.BSS2;

    @Test
    void aSparseNetworkOf500NeuronsFitsUnmerged() {
        Placement p = Placement.best(Networks.ei(400, 100, 0.1), 1, CHIP);
        assertTrue(p.fits(), p.toString());
        assertEquals(1, p.merge());
        assertEquals(2, p.hemispheres().size());
        assertEquals(500, p.hemispheres().stream().mapToInt(Placement.HemisphereUse::neurons).sum());
        for (var h : p.hemispheres()) {
            // every neuron has ~40 excitatory and ~10 inhibitory inputs: at least that many rows, far fewer than 256
            assertTrue(h.excitatoryRows() >= 40 && h.inhibitoryRows() >= 10, h.toString());
            assertTrue(h.rows() <= 256, h.toString());
            assertTrue(h.busiestRowSources() <= 64, h.toString());
        }
        long ee = p.synapsesPerProjection()[0];
        assertTrue(ee > 0.09 * 400 * 399 && ee < 0.11 * 400 * 399, "ee synapses " + ee);
    }

    @Test
    void moreNeuronsThanCircuitsDoNotFit() {
        Placement p = Placement.best(Networks.ei(1600, 400, 0.1), 1, CHIP);
        assertFalse(p.circuitsFit());
        assertFalse(p.fits());
        assertEquals(2000, p.circuitsNeeded());
        assertTrue(p.hemispheres().isEmpty());
    }

    @Test
    void labelsLetUpTo64SourcesShareARow() {
        // 128 sources, one-to-one onto 128 targets in one hemisphere: no target needs two synapses in a row,
        // so only the 6-bit labels limit sharing: 128 / 64 = 2 rows
        var net = new Network(List.of(new Population("src", 128, NeuronKind.EXCITATORY), new Population("dst", 128, NeuronKind.EXCITATORY)),
                List.of(new Projection("p", "src", "dst", new Connector.OneToOne(), new SynapseType.Static(1), 0)));
        Placement p = Placement.of(net, 1, new ChipGeometry(1, 256, 256, 64, 2), 1);
        assertEquals(2, p.hemispheres().get(0).excitatoryRows());
        assertEquals(64, p.hemispheres().get(0).busiestRowSources());
        assertEquals(1, p.hemispheres().get(0).drivers());
    }

    @Test
    void fanInAboveTheColumnNeedsMergedCircuits() {
        // two all-to-all projections from 150 sources onto 20 neurons: 300 synapses per neuron, more than a
        // column's 256 rows; two merged circuits give each neuron two synapses per row, so 150 rows suffice
        var all = new Connector.AllToAll(false);
        var net = new Network(List.of(new Population("src", 150, NeuronKind.EXCITATORY), new Population("dst", 20, NeuronKind.EXCITATORY)),
                List.of(new Projection("fast", "src", "dst", all, new SynapseType.Static(1), 0),
                        new Projection("slow", "src", "dst", all, new SynapseType.Static(2), 0)));
        Placement unmerged = Placement.of(net, 1, CHIP, 1);
        assertFalse(unmerged.fits());
        assertTrue(unmerged.hemispheres().stream().anyMatch(h -> h.rows() > 256), unmerged.toString());
        Placement best = Placement.best(net, 1, CHIP);
        assertTrue(best.fits(), best.toString());
        assertEquals(2, best.merge());
        assertEquals(340, best.circuitsNeeded());
        assertTrue(best.hemispheres().stream().allMatch(h -> h.rows() <= 256), best.toString());
        assertEquals(List.of(new Placement.FanIn(Placement.Sign.EXCITATORY, "dst", 0, 300)), best.maxFanIn());
    }
}
