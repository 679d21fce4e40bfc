package org.engram.brainscales.virtual;

import org.engram.brainscales.mapping.ChipGeometry;
import org.engram.brainscales.mapping.FitCheck;
import org.engram.brainscales.mapping.HardwareTime;
import org.engram.hal.model.*;
import org.engram.support.connectivity.Connectivity;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The plastic rows are what the processor visits every period, so the mapping packs them to the bound:
 * a column takes one synapse per row, so at least the largest plastic fan-in; splitting a source's
 * synapses over rows reaches it.
 */
class ChipMappingTest {
    @Test
    void plasticRowsReachTheLargestPlasticFanIn() {
        for (long seed = 1; seed <= 6; seed++) {
            for (double p : new double[]{0.1, 0.2, 0.4}) {
                int n = 64;
                var pops = List.of(new Population("exc", n, NeuronKind.EXCITATORY));
                var ee = new Projection("ee", "exc", "exc", new Connector.FixedProbability(p, 0, false), TwoPhaseRule.DEFAULT, 3e-3);
                var e = new Experiment("packing", "", seed, new Network(pops, List.of(ee)), new Protocol(1, 0, List.of(), List.of(), List.of()));
                HardwareTime time = new HardwareTime(200);
                var base = FitCheck.check("x", e, time, ChipGeometry.BSS2, Double.NaN);
                ChipMapping m = ChipMapping.of(e, time, base.quantisation(), Set.of());
                int[][] csr = Connectivity.csr(ee.connector(), n, n, true, seed, 0);
                int[] in = new int[n];
                for (int t : csr[1]) in[t]++;
                int maxIn = java.util.Arrays.stream(in).max().orElseThrow();
                var layout = m.plastic();
                assertEquals(maxIn, layout.rows().length, "seed " + seed + ", p " + p);
                // every synapse once, in its post neuron's column, no slot twice
                Set<Long> slots = new HashSet<>();
                for (int pre = 0; pre < n; pre++) {
                    for (int k = csr[0][pre]; k < csr[0][pre + 1]; k++) {
                        int post = csr[1][k];
                        int[] at = layout.at(pre, post);
                        assertNotNull(at, pre + " -> " + post);
                        assertEquals(m.circuit("exc", post) % 256, at[1]);
                        assertTrue(slots.add(((long) at[0] << 32) | at[1]), "slot taken twice: " + pre + " -> " + post);
                    }
                }
                assertEquals(csr[1].length, slots.size());
            }
        }
    }
}
