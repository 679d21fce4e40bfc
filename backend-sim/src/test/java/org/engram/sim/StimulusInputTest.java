package org.engram.sim;

import org.engram.hal.device.Devices;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** INPUT-delivered stimulus spikes add their own stimulus's weight, also when two stimuli hit one neuron together. */
class StimulusInputTest {
    static double inputAfterSpikes(List<Stimulus> stimuli, String device) {
        var pop = new Population("n", 1, NeuronKind.EXCITATORY);
        var rec = new Recording.Trace("i", TraceVariable.I_SYN, "n", NeuronSelection.ALL, "", List.of(), 0.2e-3, 0, 2e-3);
        var e = new Experiment("input", "", 1, new Network(List.of(pop), List.of()),
                new Protocol(2e-3, 0, stimuli, List.of(), List.of(rec)));
        // the spikes at 1 ms land after that step's decay; the sample at 1.2 ms (start of the next step) is their sum
        return Devices.open(device).run(e).trace("i").orElseThrow().series(0)[6];
    }

    static Stimulus spike(String name, double weight) {
        return new Stimulus.SpikeTimes(name, "n", NeuronSelection.ALL, List.of(1e-3),
                new SpikeDelivery(SpikeDelivery.Mode.INPUT, weight));
    }

    @Test
    void coincidentInputsFromTwoStimuliKeepTheirOwnWeights() {
        for (String device : List.of("sim:", "sim:float64")) {
            assertEquals(1.0, inputAfterSpikes(List.of(spike("a", 1.0)), device), 1e-4, device);
            assertEquals(4.0, inputAfterSpikes(List.of(spike("a", 1.0), spike("b", 3.0)), device), 1e-4, device);
            assertEquals(4.0, inputAfterSpikes(List.of(spike("b", 3.0), spike("a", 1.0)), device), 1e-4, device);
        }
    }
}
