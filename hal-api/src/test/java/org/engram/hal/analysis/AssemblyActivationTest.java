package org.engram.hal.analysis;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.*;
import org.engram.hal.model.Analysis.NamedSelection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AssemblyActivationTest {
    /** A = neurons 0-5, B = 4-9: they share 4 and 5. */
    static final List<NamedSelection> AB = List.of(new NamedSelection("A", NeuronSelection.range(0, 6)),
            new NamedSelection("B", NeuronSelection.range(4, 6)));

    static Experiment experiment(NeuronSelection recorded, Analysis.AssemblyActivation a) {
        var net = new Network(List.of(new Population("e", 10, NeuronKind.EXCITATORY)), List.of());
        var rec = new Recording.Spikes("s", "e", recorded);
        return new Experiment("x", "", 1, net, new Protocol(2, 0, List.of(), List.of(), List.of(rec), List.of(), List.of(a)));
    }

    /** [1 s, 1.5 s) in five bins of 0.1 s; more than 3 spikes in all and more than 2 of the assembly. */
    static Analysis.AssemblyActivation ab(double stop) {
        return new Analysis.AssemblyActivation("prime", "s", AB, 1.0, stop, 0.1, 3, 2);
    }

    /** Spikes given as {time, neuron} pairs, in the order given. */
    static RunResult result(List<double[]> spikes) {
        double[] t = spikes.stream().mapToDouble(s -> s[0]).toArray();
        int[] n = spikes.stream().mapToInt(s -> (int) s[1]).toArray();
        var prov = new Provenance("test:", "test", "0", 1, "x", "", Instant.EPOCH, 0, 2, 1);
        return new RunResult(Map.of("s", new RunResult.SpikeData("e", t, n)), List.of(), List.of(), prov);
    }

    /** One spike of each neuron, spread over the bin [from, from + 0.1). */
    static void bin(List<double[]> out, double from, int... neurons) {
        for (int i = 0; i < neurons.length; i++) out.add(new double[] {from + 0.01 + 0.08 * i / neurons.length, neurons[i]});
    }

    /** The hand-counted pattern: bins A, A+B, none, B after one bin under the total threshold. */
    static List<double[]> pattern() {
        List<double[]> s = new ArrayList<>();
        bin(s, 0.9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);  // before the window
        bin(s, 1.0, 0, 1, 2);        // total 3, not > 3: no activation, though A has 3 > 2
        bin(s, 1.1, 0, 1, 2, 6);     // total 4; A 3 > 2, B 1: A
        bin(s, 1.2, 4, 5, 4, 9);     // total 4; A 3 (4, 5, 4), B 4: both (4 and 5 count for each)
        bin(s, 1.3, 0, 1, 7, 8);     // total 4; A 2, B 2: neither > 2, so none
        bin(s, 1.4, 6, 7, 8, 9, 9);  // total 5; A 0, B 5: B
        bin(s, 1.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);  // at and after stop
        return s;
    }

    static AssemblyActivationResult only(Experiment e, RunResult r) {
        List<AnalysisResult> out = Analyses.compute(e, r);
        assertEquals(1, out.size());
        return (AssemblyActivationResult) out.get(0);
    }

    @Test
    void fractionsFromHandCountedBins() {
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, ab(1.5)), result(pattern()));
        assertEquals("", r.reason());
        assertTrue(r.defined());
        assertEquals("prime", r.name());
        assertEquals(5, r.binsTotal());
        assertEquals(new AssemblyActivationResult.Assembly("A", 6, 2, 0.4), r.assembly("A"));
        assertEquals(new AssemblyActivationResult.Assembly("B", 6, 2, 0.4), r.assembly("B"));
        assertEquals(1, r.binsNone());
        assertEquals(0.2, r.fractionNone(), 1e-15);
        assertEquals(4, r.binsActive());
        assertEquals(0.8, r.fractionActive(), 1e-15);
        assertEquals(List.of("A", "B"), r.assemblies().stream().map(AssemblyActivationResult.Assembly::name).toList());
        assertEquals(1.0, r.start());
        assertEquals(1.5, r.stop());
        assertEquals(0.1, r.bin());
        assertEquals(3, r.minTotal());
        assertEquals(2, r.minAssembly());
    }

    @Test
    void thresholdsAreStrict() {
        // one spike fewer in every threshold: with min_total 2 the first bin (3 spikes) activates A (3 > 2) too,
        // and bin 1.3 (A 2, B 2) activates both once min_assembly is 1
        var a = new Analysis.AssemblyActivation("prime", "s", AB, 1.0, 1.5, 0.1, 2, 1);
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, a), result(pattern()));
        // bins: {A}, {A}, {A, B}, {A, B}, {B}; B's count in bin 1.1 is 1, not > 1
        assertEquals(4, r.assembly("A").bins());
        assertEquals(3, r.assembly("B").bins());
        assertEquals(0, r.binsNone());
        assertEquals(5, r.binsActive());
        // thresholds 0 mean "at least one spike": every bin with a spike is active
        a = new Analysis.AssemblyActivation("prime", "s", AB, 1.0, 1.5, 0.1, 0, 0);
        r = only(experiment(NeuronSelection.ALL, a), result(pattern()));
        assertEquals(4, r.assembly("A").bins(), "bin 1.4 has no spike of A");
        assertEquals(4, r.assembly("B").bins(), "bin 1.0 has no spike of B");
        assertEquals(5, r.binsActive());
    }

    @Test
    void theReferenceDefaultsNeedMoreThanTenSpikes() {
        var a = new Analysis.AssemblyActivation("prime", "s", AB, 1.0, 1.2);
        assertEquals(0.010, a.bin());
        assertEquals(10, a.minTotal());
        assertEquals(10, a.minAssembly());
        assertEquals(20, a.binCount());
        // [1.0, 1.01): 11 spikes, 11 of A (neurons 0-5), 3 of B (4, 5, 4): A. [1.01, 1.02): 10 spikes of A: nothing
        List<double[]> s = new ArrayList<>();
        int[] eleven = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4};
        for (int i = 0; i < 11; i++) s.add(new double[] {1.0 + 0.0005 * i, eleven[i]});
        for (int i = 0; i < 10; i++) s.add(new double[] {1.01 + 0.0005 * i, i % 6});
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, a), result(s));
        assertEquals(1, r.assembly("A").bins());
        assertEquals(1 / 20.0, r.assembly("A").fraction(), 1e-15);
        assertEquals(0, r.assembly("B").bins());
        assertEquals(0, r.binsNone());
        assertEquals(1, r.binsActive());
    }

    @Test
    void aTrailingPartialBinIsLeftOut() {
        // [1, 1.55): five whole bins; the 10 spikes in [1.5, 1.55) would otherwise be a sixth active bin
        Analysis.AssemblyActivation a = ab(1.55);
        assertEquals(5, a.binCount());
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, a), result(pattern()));
        assertEquals(5, r.binsTotal());
        assertEquals(2, r.assembly("A").bins());
        assertEquals(4, r.binsActive());
        assertEquals(1.55, r.stop());
    }

    @Test
    void spikesOnABinEdgeStartThatBin() {
        // 0.3 / 0.1 is 2.9999999999999996 in doubles: spikes at 0.3 s must still start the bin [0.3, 0.4), not join
        // the four spikes at 0.25 s in [0.2, 0.3) (one activation of 8 spikes instead of two of 4)
        var a = new Analysis.AssemblyActivation("edge", "s", AB, 0, 0.5, 0.1, 3, 2);
        List<double[]> s = new ArrayList<>();
        for (double t : new double[] {0.25, 0.3}) for (int k : new int[] {0, 1, 2, 3}) s.add(new double[] {t, k});
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, a), result(s));
        assertEquals(2, r.assembly("A").bins());
        assertEquals(0.4, r.assembly("A").fraction(), 1e-15);
        // the same on a step grid of 0.2 ms: k * 0.0002 for k = 1250 and 1500
        s.clear();
        for (int step : new int[] {1250, 1500}) for (int k : new int[] {0, 1, 2, 3}) s.add(new double[] {step * 0.0002, k});
        assertEquals(2, only(experiment(NeuronSelection.ALL, a), result(s)).assembly("A").bins());
    }

    @Test
    void onlyRecordedNeuronsCount() {
        // recording 0-8: the spikes of 9 do not count, so bin 1.4 (6, 7, 8, 9, 9) has 3 spikes, not > 3;
        // bin 1.2 (4, 5, 4, 9) has 3 too
        AssemblyActivationResult r = only(experiment(NeuronSelection.range(0, 9), ab(1.5)), result(pattern()));
        assertEquals(1, r.assembly("A").bins());
        assertEquals(0, r.assembly("B").bins());
        assertEquals(1, r.binsNone());
        assertEquals(2, r.binsActive());
    }

    @Test
    void orderOfTheSpikesDoesNotMatter() {
        List<double[]> shuffled = new ArrayList<>(pattern());
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        AssemblyActivationResult sorted = only(experiment(NeuronSelection.ALL, ab(1.5)), result(pattern()));
        assertEquals(sorted, only(experiment(NeuronSelection.ALL, ab(1.5)), result(shuffled)));
    }

    @Test
    void invertedAndExplicitSelections() {
        // B as "not 0-3" is 4-9; A as explicit indices
        var sel = List.of(new NamedSelection("A", NeuronSelection.of(0, 1, 2, 3, 4, 5)),
                new NamedSelection("B", NeuronSelection.range(0, 4).inverted()));
        var a = new Analysis.AssemblyActivation("prime", "s", sel, 1.0, 1.5, 0.1, 3, 2);
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, a), result(pattern()));
        assertEquals(0.4, r.assembly("A").fraction(), 1e-15);
        assertEquals(0.4, r.assembly("B").fraction(), 1e-15);
        assertEquals(0.2, r.fractionNone(), 1e-15);
    }

    @Test
    void missingSpikesAreUndefinedWithAReason() {
        var prov = new Provenance("test:", "test", "0", 1, "x", "", Instant.EPOCH, 0, 2, 1);
        AssemblyActivationResult r = only(experiment(NeuronSelection.ALL, ab(1.5)), new RunResult(Map.of(), List.of(), List.of(), prov));
        assertFalse(r.defined());
        assertTrue(r.reason().contains("no spikes for recording 's'"), r.reason());
        assertTrue(Double.isNaN(r.assembly("A").fraction()));
        assertTrue(Double.isNaN(r.fractionNone()));
        assertEquals(6, r.assembly("B").neurons());
        // no spikes at all is defined: every fraction 0
        r = only(experiment(NeuronSelection.ALL, ab(1.5)), result(List.of()));
        assertTrue(r.defined());
        assertEquals(0.0, r.assembly("A").fraction());
        assertEquals(0.0, r.fractionNone());
    }

    @Test
    void theModelChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", List.of(), 0, 1));
        var dup = List.of(new NamedSelection("A", NeuronSelection.range(0, 2)), new NamedSelection("A", NeuronSelection.range(2, 2)));
        var ex = assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", dup, 0, 1));
        assertTrue(ex.getMessage().contains("duplicate assembly name 'A'"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", AB, 0, 0.05, 0.1, 10, 10));
        assertTrue(ex.getMessage().contains("longer than the window"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", AB, 0, 1, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", AB, 1, 1, 0.01, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", AB, 0, 1, 0.01, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Analysis.AssemblyActivation("x", "s", AB, 0, 1, 0.01, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> new NamedSelection(" ", NeuronSelection.ALL));
        assertThrows(NullPointerException.class, () -> new NamedSelection("A", null));
        // a window of exactly one bin, up to rounding: (0.11 - 0.1) / 0.01 is 0.9999999999999994
        assertEquals(1, new Analysis.AssemblyActivation("x", "s", AB, 0.1, 0.11, 0.01, 10, 10).binCount());
        // the protocol needs the spike recording
        var net = new Network(List.of(new Population("e", 10, NeuronKind.EXCITATORY)), List.of());
        var a = new Analysis.AssemblyActivation("x", "nope", AB, 0, 1);
        ex = assertThrows(IllegalArgumentException.class, () -> new Protocol(2, 0, List.of(), List.of(),
                List.of(new Recording.Spikes("s", "e", NeuronSelection.ALL)), List.of(), List.of(a)));
        assertTrue(ex.getMessage().contains("no spike recording named 'nope'"), ex.getMessage());
    }
}
