package org.engram.hal.analysis;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AnalysesTest {
    /** 10 neurons, all recorded; assembly 0-5, recalled 0-2, control 6-9; window [1, 1.5). */
    static Experiment experiment(NeuronSelection recorded, NeuronSelection assembly, NeuronSelection recalled) {
        var net = new Network(List.of(new Population("e", 10, NeuronKind.EXCITATORY)), List.of());
        var rec = new Recording.Spikes("s", "e", recorded);
        var pc = new Analysis.PatternCompletion("recall", "s", assembly, recalled, 1.0, 1.5);
        return new Experiment("x", "", 1, net, new Protocol(2, 0, List.of(), List.of(), List.of(rec), List.of(), List.of(pc)));
    }

    static Experiment standard() {
        return experiment(NeuronSelection.ALL, NeuronSelection.range(0, 6), NeuronSelection.range(0, 3));
    }

    /** {@code perNeuron[k]} spikes of neuron k, evenly spread over [from, from + 0.5). */
    static RunResult result(double from, int... perNeuron) {
        List<double[]> spikes = new ArrayList<>();
        for (int k = 0; k < perNeuron.length; k++) {
            for (int i = 0; i < perNeuron[k]; i++) spikes.add(new double[] {from + 0.5 * i / perNeuron[k], k});
        }
        spikes.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] t = spikes.stream().mapToDouble(s -> s[0]).toArray();
        int[] n = spikes.stream().mapToInt(s -> (int) s[1]).toArray();
        var prov = new Provenance("test:", "test", "0", 1, "x", "", Instant.EPOCH, 0, 2, 1);
        return new RunResult(Map.of("s", new RunResult.SpikeData("e", t, n)), List.of(), List.of(), prov);
    }

    static PatternCompletionResult only(Experiment e, RunResult r) {
        List<AnalysisResult> out = Analyses.compute(e, r);
        assertEquals(1, out.size());
        return (PatternCompletionResult) out.get(0);
    }

    @Test
    void qFromHandCountedRates() {
        // recalled 0-2: 20 spikes each in 0.5 s = 40 Hz; rest of the assembly 3-5: 5 each = 10 Hz;
        // control 6-9: 1 each = 2 Hz. Q = (10 - 2) / 40 = 0.2
        PatternCompletionResult q = only(standard(), result(1.0, 20, 20, 20, 5, 5, 5, 1, 1, 1, 1));
        assertEquals("recall", q.name());
        assertEquals(40, q.rateStimulated(), 1e-12);
        assertEquals(10, q.rateNonStimulated(), 1e-12);
        assertEquals(2, q.rateControl(), 1e-12);
        assertEquals(0.2, q.q(), 1e-12);
        assertEquals(3, q.nStimulated());
        assertEquals(3, q.nNonStimulated());
        assertEquals(4, q.nControl());
        assertEquals("", q.reason());
        assertTrue(q.defined());
    }

    @Test
    void spikesOutsideTheWindowDoNotCount() {
        // the same spikes shifted by 0.5 s lie in [1.5, 2): outside [1, 1.5)
        PatternCompletionResult q = only(standard(), result(1.5, 20, 20, 20, 5, 5, 5, 1, 1, 1, 1));
        assertTrue(Double.isNaN(q.q()));
        assertEquals(0, q.rateStimulated());
        assertTrue(q.reason().contains("did not fire"), q.reason());
    }

    @Test
    void qIsNegativeWhenTheRestOfTheAssemblyIsQuieterThanControl() {
        // as 10 Hz (5 spikes), ans 0, ctrl 4 Hz (2 spikes): Q = -0.4
        PatternCompletionResult q = only(standard(), result(1.0, 5, 5, 5, 0, 0, 0, 2, 2, 2, 2));
        assertEquals(-0.4, q.q(), 1e-12);
    }

    @Test
    void onlyRecordedNeuronsFormTheControlGroup() {
        // recording 0-7: control is 6-7 only; spikes of 8-9 would not even be in the data, but are ignored anyway
        Experiment e = experiment(NeuronSelection.range(0, 8), NeuronSelection.range(0, 6), NeuronSelection.range(0, 3));
        PatternCompletionResult q = only(e, result(1.0, 20, 20, 20, 5, 5, 5, 1, 3, 50, 50));
        assertEquals(2, q.nControl());
        assertEquals(4, q.rateControl(), 1e-12);
        assertEquals((10 - 4) / 40.0, q.q(), 1e-12);
    }

    @Test
    void invertedSelectionsWork() {
        // control given as "not the assembly" for the recording: 6-9
        Experiment e = experiment(NeuronSelection.ALL, NeuronSelection.range(6, 4).inverted(), NeuronSelection.of(0, 1, 2));
        assertEquals(0.2, only(e, result(1.0, 20, 20, 20, 5, 5, 5, 1, 1, 1, 1)).q(), 1e-12);
    }

    @Test
    void undefinedCasesSayWhy() {
        Experiment everyoneRecalled = experiment(NeuronSelection.ALL, NeuronSelection.range(0, 6), NeuronSelection.range(0, 6));
        PatternCompletionResult q = only(everyoneRecalled, result(1.0, 20, 20, 20, 5, 5, 5, 1, 1, 1, 1));
        assertTrue(Double.isNaN(q.q()));
        assertTrue(q.reason().contains("none is left"), q.reason());

        Experiment noControl = experiment(NeuronSelection.range(0, 6), NeuronSelection.range(0, 6), NeuronSelection.range(0, 3));
        assertTrue(only(noControl, result(1.0, 20, 20, 20, 5, 5, 5)).reason().contains("no control"));

        var prov = new Provenance("test:", "test", "0", 1, "x", "", Instant.EPOCH, 0, 2, 1);
        var missing = new RunResult(Map.of(), List.of(), List.of(), prov);
        q = only(standard(), missing);
        assertTrue(Double.isNaN(q.q()));
        assertTrue(q.reason().contains("no spikes for recording 's'"), q.reason());
    }

    @Test
    void noAnalysesNoResults() {
        var net = new Network(List.of(new Population("e", 1, NeuronKind.EXCITATORY)), List.of());
        var e = new Experiment("x", "", 1, net, new Protocol(1, 0, List.of(), List.of(), List.of()));
        assertEquals(List.of(), Analyses.compute(e, result(0)));
    }
}
