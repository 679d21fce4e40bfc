package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.model.*;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spikes of source populations reach a neuron through their own projections' weights, also when two
 * sources spike at the same step (what INPUT-delivered stimuli did before sources were populations).
 */
class SourceInputTest {
    /** The largest R*I_syn of neuron n, driven by one source per weight, each spiking once at 1 ms. */
    static double peakInput(double[] weights, String device) {
        List<Population> pops = new ArrayList<>(List.of(new Population("n", 1, NeuronKind.EXCITATORY)));
        List<Projection> projs = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            pops.add(Population.source("s" + k, 1, NeuronKind.EXCITATORY, new SpikeTrain.SpikeTimes("s" + k, NeuronSelection.ALL, List.of(1e-3))));
            projs.add(new Projection("s" + k + "-n", "s" + k, "n", new Connector.OneToOne(), new SynapseType.Static(weights[k]), 0.2e-3));
        }
        var rec = new Recording.Trace("i", TraceVariable.I_SYN, "n", NeuronSelection.ALL, "", List.of(), 0.2e-3, 0, 3e-3);
        var e = new Experiment("input", "", 1, new Network(pops, projs), new Protocol(3e-3, 0, List.of(), List.of(), List.of(rec)));
        double peak = 0;
        for (double v : Devices.open(device).run(e).trace("i").orElseThrow().series(0)) peak = Math.max(peak, v);
        return peak;
    }

    @Test
    void coincidentSpikesFromTwoSourcesKeepTheirOwnWeights() {
        for (String device : List.of("sim:", "sim:float64")) {
            double one = peakInput(new double[]{1.0}, device);
            assertEquals(1.0, one, 0.05, device + ": one spike's jump, less at most one step's decay");
            assertEquals(4 * one, peakInput(new double[]{1.0, 3.0}, device), 1e-3, device);
            assertEquals(4 * one, peakInput(new double[]{3.0, 1.0}, device), 1e-3, device);
        }
    }

    /** Spikes of one source neuron with a 1 kHz regular train over 0.1 s, with the given dead time. */
    static double[] spikes(double deadTime, String device) {
        var src = new Population("src", 1, NeuronKind.EXCITATORY,
                new SpikeSource(List.of(new SpikeTrain.Regular("r", NeuronSelection.ALL, 1000, 0, 0.1)), deadTime), List.of());
        var e = new Experiment("dead-time", "", 1, new Network(List.of(src), List.of()),
                new Protocol(0.1, 0, List.of(), List.of(), List.of(new Recording.Spikes("s", "src", NeuronSelection.ALL))));
        return Devices.open(device).run(e).spikes().get("s").times();
    }

    @Test
    void theDeadTimeDropsSpikesThatComeTooSoon() {
        for (String device : List.of("sim:", "sim:float64")) {
            assertEquals(100, spikes(0, device).length, device + ": without a dead time every train spike is sent");
            double[] t = spikes(2e-3, device);
            // a spike at 0 makes the neuron refractory for 10 steps (2 ms): the train's spikes at 1 and 2 ms
            // are dropped, the one at 3 ms is sent
            assertEquals(34, t.length, device);
            for (int i = 1; i < t.length; i++) assertEquals(3e-3, t[i] - t[i - 1], 1e-9, device + " spike " + i);
        }
    }
}
