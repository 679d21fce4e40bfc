package org.engram.nativelib.sim;

import org.engram.hal.device.DoesNotFitException;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The C kernel has one weight and one delay per projection and no continuous input: the lif reservoir
 * (input population, per-synapse weights) fits sim: but not sim:native, which names each element.
 */
class OpenModelRefusalTest {
    @Test
    void theKernelNamesInputPopulationsAndPerSynapseValues() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/lif-reservoir-lorenz.yaml");
        Experiment e = ExperimentFiles.parse(Files.readString(file), false, file.toString());
        assertTrue(Devices.open("sim:").check(e).fits(), Devices.open("sim:").check(e).toString());
        FitReport r = Devices.open("sim:native").check(e);
        assertFalse(r.fits());
        assertTrue(r.errors().stream().anyMatch(i -> i.rule().equals("neuron-model") && i.element().equals("network.populations[0]")
                && i.message().contains("lorenz")), r.toString());
        assertTrue(r.errors().stream().anyMatch(i -> i.rule().equals("per-synapse-values")
                && i.element().equals("network.projections[0].weights")), r.toString());
        assertTrue(r.errors().stream().anyMatch(i -> i.rule().equals("per-synapse-values")
                && i.element().equals("network.projections[1].weights")), r.toString());
        assertThrows(DoesNotFitException.class, () -> Devices.open("sim:native").submit(e));
        assertFalse(Devices.open("sim:native").capabilities().neuronModels().contains("input"));
    }
}
