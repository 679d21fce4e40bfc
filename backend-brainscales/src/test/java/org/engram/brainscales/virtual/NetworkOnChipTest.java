package org.engram.brainscales.virtual;

import org.engram.hal.device.Devices;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small plastic network on brainscales2:virtual against sim:float64: 48 excitatory and 12 inhibitory
 * LIF neurons (static E→E, E→I, I→E), a Poisson background onto E, and 48 input sources one-to-one onto
 * E through plastic two-phase synapses (one synapse row: what the processor updates within the 1 µs
 * period at 1000x). The first 16 inputs are tetanised (100 Hz for 1 s at 2 s). Compared: E and I rates,
 * and the mean early-phase weight h of the tetanised and of the other input synapses at 10 s.
 */
class NetworkOnChipTest {
    static final double T = 10;

    static Experiment network(long seed) {
        double h0 = TwoPhaseRule.H0;
        // trains are numbered in population order (in-low, tetanus, bg); before sources were populations the
        // stimuli were numbered bg, in-low, tetanus, so the Poisson draws of this network differ from then
        var pops = List.of(Population.source("in", 48, NeuronKind.EXCITATORY,
                        new SpikeTrain.Poisson("in-low", NeuronSelection.ALL, 5, 0, T, 1, 0),
                        new SpikeTrain.Poisson("tetanus", NeuronSelection.range(0, 16), 100, 2, 3, 1, 0)),
                Population.source("bg", 48, NeuronKind.EXCITATORY, new SpikeTrain.Poisson("bg", NeuronSelection.ALL, 40, 0, T, 1, 0)),
                new Population("exc", 48, NeuronKind.EXCITATORY), new Population("inh", 12, NeuronKind.INHIBITORY));
        var projs = List.of(
                new Projection("input", "in", "exc", new Connector.OneToOne(), TwoPhaseRule.DEFAULT, 3e-3),
                new Projection("background", "bg", "exc", new Connector.FixedProbability(0.3, 0, false), new SynapseType.Static(3), 3e-3),
                new Projection("ee", "exc", "exc", new Connector.FixedProbability(0.1, 0, false), new SynapseType.Static(2), 3e-3),
                new Projection("ei", "exc", "inh", new Connector.FixedProbability(0.3, 0, false), new SynapseType.Static(2 * h0), 3e-3),
                new Projection("ie", "inh", "exc", new Connector.FixedProbability(0.3, 0, false), new SynapseType.Static(-h0), 3e-3));
        var stimuli = List.<Stimulus>of();
        List<Recording> recs = new ArrayList<>();
        recs.add(new Recording.Spikes("spikes-exc", "exc", NeuronSelection.ALL));
        recs.add(new Recording.Spikes("spikes-inh", "inh", NeuronSelection.ALL));
        recs.add(new Recording.Trace("h-tetanised", TraceVariable.H, null, NeuronSelection.ALL, "input", List.of(), 1, 0, T,
                Reduction.MEAN, NeuronSelection.range(0, 16), NeuronSelection.ALL));
        recs.add(new Recording.Trace("h-other", TraceVariable.H, null, NeuronSelection.ALL, "input", List.of(), 1, 0, T,
                Reduction.MEAN, NeuronSelection.range(0, 16).inverted(), NeuronSelection.ALL));
        return new Experiment("small-plastic-network", "", seed, new Network(pops, projs), new Protocol(T, 0, stimuli, List.of(), recs));
    }

    record Summary(double exc, double inh, double hTet, double hOther) {
        static Summary of(RunResult r) {
            double[] tet = r.trace("h-tetanised").orElseThrow().series(0), other = r.trace("h-other").orElseThrow().series(0);
            return new Summary(r.spikes().get("spikes-exc").count() / 48.0 / T, r.spikes().get("spikes-inh").count() / 12.0 / T,
                    tet[tet.length - 1], other[other.length - 1]);
        }
    }

    @Test
    void theNetworkFitsAndMatchesTheEmulator() {
        Experiment e = network(1);
        FitReport fit = Devices.open("brainscales2:virtual").check(e);
        assertTrue(fit.fits(), fit.toString());
        long t0 = System.nanoTime();
        Summary chip = Summary.of(Devices.open("brainscales2:virtual").run(e));
        double wall = (System.nanoTime() - t0) / 1e9;
        Summary ref = Summary.of(Devices.open("sim:float64").run(e));
        System.out.printf("| network | E rate (Hz) | I rate (Hz) | h tetanised at 10 s (mV) | h other (mV) |%n");
        System.out.printf("| chip | %.2f | %.2f | %.4f | %.4f |%n| float64 | %.2f | %.2f | %.4f | %.4f |%n(chip wall %.2f s)%n",
                chip.exc(), chip.inh(), chip.hTet(), chip.hOther(), ref.exc(), ref.inh(), ref.hTet(), ref.hOther(), wall);
        assertTrue(ref.exc() > 1 && ref.inh() > 1, "the reference network is active: " + ref);
        assertEquals(ref.exc(), chip.exc(), 0.3 * ref.exc(), "E rate");
        assertEquals(ref.inh(), chip.inh(), 0.3 * ref.inh(), "I rate");
        assertTrue(ref.hTet() > TwoPhaseRule.H0 + 0.5, "float64: the tetanus potentiates its synapses: " + ref.hTet());
        assertTrue(chip.hTet() > TwoPhaseRule.H0 + 0.5, "chip: the tetanus potentiates its synapses: " + chip.hTet());
        assertEquals(ref.hTet(), chip.hTet(), 0.25 * (ref.hTet() - TwoPhaseRule.H0), "mean h of the tetanised synapses");
        assertEquals(ref.hOther(), chip.hOther(), 0.3, "mean h of the other synapses");
    }
}
