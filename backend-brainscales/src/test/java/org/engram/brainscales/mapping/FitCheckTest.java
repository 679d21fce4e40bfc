package org.engram.brainscales.mapping;

import org.engram.hal.device.FitReport;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.*;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FitCheckTest {
    private static final HardwareTime AT_1000 = new HardwareTime(1000);

    private static FitCheck.Result check(Experiment e) {
        return FitCheck.check("brainscales2:virtual", e, AT_1000, ChipGeometry.BSS2, Double.NaN);
    }

    private static List<String> rules(FitReport r, FitReport.Severity s) {
        return r.issues().stream().filter(i -> i.severity() == s).map(FitReport.Issue::rule).toList();
    }

    @Test
    void theP1NetworkIsRejectedBeforeAnyRunNamingEachRule() throws Exception {
        Path file = Path.of("..", "examples", "p1-consolidation-10s.yaml");
        if (!Files.exists(file)) file = Path.of("examples", "p1-consolidation-10s.yaml");
        FitReport r = check(ExperimentFiles.read(file)).report();
        assertFalse(r.fits());
        assertEquals(List.of("neuron-circuits", "noise-current", "noise-current"), rules(r, FitReport.Severity.ERROR), r.toString());
        var circuits = r.errors().get(0);
        assertTrue(circuits.message().contains("2000 neurons need 2000 neuron circuits, the chip has 512"), circuits.message());
        assertEquals("protocol.stimuli[0]", r.errors().get(1).element());
        assertFalse(r.errors().get(1).remedy().isEmpty());
        // the warnings explain delays, calcium and quantisation without stopping anything
        var warnings = rules(r, FitReport.Severity.WARNING);
        assertTrue(warnings.containsAll(List.of("delay-emulated", "weight-quantisation", "calcium-on-processors", "processor-memory")), warnings.toString());
    }

    @Test
    void aScaledNetworkMapsButItsPlasticityDoesNotKeepUpAt1000x() {
        FitCheck.Result res = check(Networks.experiment(Networks.ei(400, 100, 0.1), 10, List.of()));
        assertEquals(1, res.placement().merge());
        assertTrue(res.placement().fits(), res.placement().toString());
        assertEquals(4, res.quantisation().size());
        // the processors' fast update of a hemisphere's plastic rows takes far longer than 1 µs of hardware time
        assertEquals(List.of("processor-time", "processor-time"), rules(res.report(), FitReport.Severity.ERROR), res.report().toString());
        var slow = res.report().errors().get(0);
        assertEquals("network.projections[0]", slow.element());
        assertTrue(slow.message().contains("the period has 250 at 1000x"), slow.message());
        assertTrue(slow.remedy().startsWith("no speed-up of at least 1 suffices"), slow.remedy());
        // 3 ms delays are 375 cycles, exactly
        var delay = res.report().issues().stream().filter(i -> i.rule().equals("delay-emulated")).findFirst().orElseThrow();
        assertTrue(delay.message().contains("375 cycles"), delay.message());
        assertEquals("network.projections[0].delay", delay.element());
    }

    @Test
    void theSameNetworkWithStaticSynapsesFits() {
        var plastic = Networks.ei(400, 100, 0.1);
        var ee = plastic.projections().get(0);
        var projections = new java.util.ArrayList<>(plastic.projections());
        projections.set(0, new Projection("ee", "exc", "exc", ee.connector(), new SynapseType.Static(TwoPhaseRule.H0), ee.delay()));
        FitReport r = check(Networks.experiment(new Network(plastic.populations(), projections), 10, List.of())).report();
        assertTrue(r.fits(), r.toString());
    }

    @Test
    void aSinglePlasticSynapseKeepsUp() throws Exception {
        Path file = Path.of("..", "examples", "single-synapse-stet.yaml");
        if (!Files.exists(file)) file = Path.of("examples", "single-synapse-stet.yaml");
        FitReport r = check(ExperimentFiles.read(file)).report();
        assertFalse(r.issues().stream().anyMatch(i -> i.rule().startsWith("processor-")), r.toString());
    }

    @Test
    void timeConstantsOutsideTheCalibratableRangesAreErrorsWithTheBiologicalRange() {
        var slow = new LifParameters(100e-3, 10, -65, -55, -70, 2e-3, 5e-3);   // tau_mem 100 ms -> 100 µs > 60 µs
        var net = new Network(List.of(new Population("p", 10, NeuronKind.EXCITATORY, slow, List.of())), List.of());
        FitReport r = check(Networks.experiment(net, 1, List.of())).report();
        assertEquals(1, r.errors().size(), r.toString());
        var e = r.errors().get(0);
        assertEquals("time-constant-range", e.rule());
        assertEquals("network.populations[0].lif.tau_mem", e.element());
        assertTrue(e.message().contains("100.0 µs on the chip"), e.message());
        assertTrue(e.remedy().contains("0.0005-0.06 s"), e.remedy());
    }

    @Test
    void protocolsLongerThanOneRunAreSplitAndSaySo() {
        var net = new Network(List.of(new Population("p", 10, NeuronKind.EXCITATORY)), List.of());
        FitReport r = check(Networks.experiment(net, 15 * 3600, List.of())).report();
        assertTrue(r.fits());
        var split = r.issues().stream().filter(i -> i.rule().equals("run-split")).findFirst().orElseThrow();
        assertTrue(split.message().contains("2 consecutive runs"), split.message());
    }

    @Test
    void delaysShorterThanTheLoopbackAreRejected() {
        var net = new Network(List.of(new Population("a", 4, NeuronKind.EXCITATORY)),
                List.of(new Projection("p", "a", "a", new Connector.AllToAll(false), new SynapseType.Static(1), 0.5e-3)));
        FitReport r = check(Networks.experiment(net, 1, List.of())).report();
        assertEquals(List.of("delay"), rules(r, FitReport.Severity.ERROR), r.toString());
        assertEquals("network.projections[0].delay", r.errors().get(0).element());
    }
}
