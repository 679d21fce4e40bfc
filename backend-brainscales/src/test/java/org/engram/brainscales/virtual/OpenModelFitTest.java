package org.engram.brainscales.virtual;

import org.engram.hal.device.Devices;
import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.FitReport;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The chip's neuron circuits are LIF with one weight per projection: it names what of the open model it cannot run. */
class OpenModelFitTest {
    private static Experiment parse(String yaml) {
        return ExperimentFiles.parse(yaml, false, "test");
    }

    @Test
    void rateNeuronsAndInputsAreNamedAsUnsupported() {
        Experiment e = parse("""
                name: rate
                network:
                  populations:
                    - {name: u, size: 3, input: {generator: {name: lorenz}}}
                    - {name: r, size: 20, rate: {tau: 20 ms}}
                  projections:
                    - {name: ur, pre: u, post: r, connector: {all_to_all: {}}, synapse: {static: {weight: "0.5"}}}
                protocol: {duration: 1 s}
                """);
        FitReport report = Devices.open("brainscales2:virtual").check(e);
        assertFalse(report.fits());
        assertTrue(report.errors().stream().anyMatch(i -> i.rule().equals("neuron-model") && i.element().equals("network.populations[0]")
                && i.message().contains("input")), report.toString());
        assertTrue(report.errors().stream().anyMatch(i -> i.rule().equals("neuron-model") && i.element().equals("network.populations[1]")
                && i.message().contains("rate")), report.toString());
        assertThrows(DoesNotFitException.class, () -> Devices.open("brainscales2:virtual").submit(e));
    }

    @Test
    void perSynapseWeightsAreNamed() {
        Experiment e = parse("""
                name: weights
                network:
                  populations: [{name: a, size: 4}, {name: b, size: 4}]
                  projections:
                    - {name: ab, pre: a, post: b, connector: {all_to_all: {}}, synapse: {static: {}},
                       weights: {distribution: {uniform: {low: 1 mV, high: 2 mV}}}}
                protocol: {duration: 100 ms}
                """);
        FitReport report = Devices.open("brainscales2:virtual").check(e);
        assertTrue(report.errors().stream().anyMatch(i -> i.rule().equals("per-synapse-values")
                && i.element().equals("network.projections[0].weights")), report.toString());
    }
}
