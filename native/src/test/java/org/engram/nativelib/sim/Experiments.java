package org.engram.nativelib.sim;

import org.engram.hal.device.RunResult;
import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Example files and a comparison of two results that names the first difference. */
final class Experiments {
    private Experiments() {}

    static Experiment example(String file) {
        Path dir = Path.of("..", "examples");
        if (!Files.isDirectory(dir)) dir = Path.of("examples");
        try {
            return ExperimentFiles.read(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts bit equality of spikes, every trace value and the final synapse states. */
    static void assertSameBits(RunResult expected, RunResult actual, String what) {
        assertEquals(expected.spikes().keySet(), actual.spikes().keySet(), what + ": spike recordings");
        for (String name : expected.spikes().keySet()) {
            RunResult.SpikeData e = expected.spikes().get(name), a = actual.spikes().get(name);
            assertArrayEquals(e.neurons(), a.neurons(), what + ": spike neurons of " + name);
            assertArrayEquals(e.times(), a.times(), what + ": spike times of " + name);
        }
        List<RunResult.TraceData> et = expected.traces(), at = actual.traces();
        assertEquals(et.size(), at.size(), what + ": trace count");
        for (int i = 0; i < et.size(); i++) {
            double[][] ev = et.get(i).values(), av = at.get(i).values();
            assertEquals(ev.length, av.length, what + ": rows of " + et.get(i).recording());
            for (int r = 0; r < ev.length; r++) {
                for (int c = 0; c < ev[r].length; c++) {
                    if (Double.doubleToLongBits(ev[r][c]) != Double.doubleToLongBits(av[r][c])) {
                        throw new AssertionError(what + ": trace " + et.get(i).recording() + " (" + et.get(i).variable() + ") row "
                                + r + " (" + et.get(i).labels().get(Math.min(r, et.get(i).labels().size() - 1)) + ") sample " + c
                                + " at t = " + et.get(i).times()[c] + " s: sim: " + ev[r][c] + ", sim:native " + av[r][c]);
                    }
                }
            }
        }
        assertEquals(expected.finalSynapses(), actual.finalSynapses(), what + ": final synapses");
        assertEquals(expected.counters().get("synaptic_events"), actual.counters().get("synaptic_events"), what + ": synaptic events");
        assertEquals(expected.sha256(), actual.sha256(), what + ": sha256");
    }
}
