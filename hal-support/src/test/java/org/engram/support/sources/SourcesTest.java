package org.engram.support.sources;

import org.engram.hal.device.TimeBase;
import org.engram.hal.model.*;
import org.engram.support.compiled.CompiledNetwork;
import org.engram.support.compiled.CompiledStimulus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SourcesTest {
    static Experiment experiment() {
        var a = Population.source("a", 2, NeuronKind.EXCITATORY,
                new SpikeTrain.Poisson("a0", NeuronSelection.ALL, 10, 0, 1, 1, 0),
                new SpikeTrain.SpikeTimes("a1", NeuronSelection.range(1, 1), List.of(0.5)));
        var lif = new Population("n", 3, NeuronKind.EXCITATORY);
        var b = new Population("b", 1, NeuronKind.INHIBITORY,
                new SpikeSource(List.of(new SpikeTrain.Regular("b0", NeuronSelection.ALL, 5, 0, 1)), 3e-3), List.of());
        var net = new Network(List.of(a, lif, b), List.of(
                new Projection("an", "a", "n", new Connector.AllToAll(false), new SynapseType.Static(1), 1e-3),
                new Projection("bn", "b", "n", new Connector.AllToAll(false), new SynapseType.Static(-1), 1e-3)));
        var ff = new Stimulus.ForceFiring("ff", "n", NeuronSelection.ALL, 0.1, 0.2);
        return new Experiment("s", "", 1, net, new Protocol(1, 0, List.of(ff), List.of(), List.of()));
    }

    @Test
    void trainsAreNumberedInNetworkOrderAndTheProtocolsStimuliAfterThem() {
        var trains = Sources.trains(experiment());
        assertEquals(List.of("a0", "a1", "b0"), trains.stream().map(t -> t.train().name()).toList());
        assertEquals(List.of(0, 1, 2), trains.stream().map(Sources.Train::index).toList());
        assertEquals(List.of(0, 0, 2), trains.stream().map(Sources.Train::populationIndex).toList());
        var net = new CompiledNetwork(experiment(), new TimeBase(0.2e-3, 1, 1L << 40));
        assertEquals(List.of("a0", "a1", "b0", "ff"), net.stimuli.stream().map(s -> s.name).toList());
        assertEquals(List.of(0, 1, 2, 3), net.stimuli.stream().map(s -> s.index).toList());
        CompiledStimulus a1 = net.stimuli.get(1);
        assertArrayEquals(new int[]{1}, a1.neurons, "the selection, as global neurons");
        assertArrayEquals(new long[]{2500}, a1.events);
        assertArrayEquals(new int[]{5}, net.stimuli.get(2).neurons, "b's neuron follows a's 2 and n's 3");
    }

    @Test
    void aSourceNeuronIsAForcedLifNeuronWhoseRefractoryPeriodIsTheDeadTime() {
        var e = experiment();
        var net = new CompiledNetwork(e, new TimeBase(0.2e-3, 1, 1L << 40));
        assertFalse(net.stimuli.get(0).gated, "no dead time: forced whatever the state, as before sources were populations");
        assertTrue(net.stimuli.get(2).gated);
        assertEquals(LifParameters.DEFAULT, Sources.neuron(e.network().populations().get(0)));
        assertEquals(3e-3, Sources.neuron(e.network().populations().get(2)).tRef());
        assertEquals(15, net.refSteps[5]);
        assertThrows(IllegalStateException.class, () -> e.network().populations().get(0).lif(), "a source is no lif population");
    }
}
