package org.engram.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CheckAndDevicesTest {
    @TempDir Path tmp;

    @Test
    void checkPassesAFittingExperiment() throws IOException {
        CliRun run = CliRun.of("check", Experiments.valid(tmp).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("fits sim:"), run.out());
    }

    @Test
    void checkRejectsAPoissonRateAboveOneSpikePerStep() throws IOException {
        // 10 kHz is two spikes per 0.2 ms step: the emulator cannot represent it
        Path file = Experiments.write(tmp, "fast.yaml", Experiments.singleSynapse("", "10 kHz"));
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("network.populations[0].source.trains[0].poisson.rate"), run.out());
    }

    @Test
    void runRefusesWhatDoesNotFit() throws IOException {
        Path file = Experiments.write(tmp, "fast.yaml", Experiments.singleSynapse("", "10 kHz"));
        CliRun run = CliRun.of("run", file.toString(), "--out", tmp.resolve("out").toString(), "-q");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("does not fit sim:"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void devicesListsTheEmulator() {
        CliRun run = CliRun.of("devices");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sim:"), run.out());
        assertTrue(run.out().contains("sim:float64"), run.out());
        assertTrue(run.out().contains("sim-fixed"), run.out());
        assertTrue(run.out().contains("sim:native"), "every provider on the class path is listed: " + run.out());
        assertTrue(run.out().contains("brainscales2:virtual"), run.out());
        assertTrue(run.out().contains("grpc:"), run.out());
        assertTrue(run.out().contains("priority"), run.out());
        assertTrue(run.out().contains("sim-native-fixed"), "capabilities of every offered device: " + run.out());
    }

    @Test
    void anUnknownDeviceOrEngineIsAUsageError() {
        CliRun run = CliRun.of("check", "../examples/single-synapse-wtet.yaml", "--device", "sim:warp");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("unknown sim engine 'warp'"), run.err());
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertEquals("engram 0.1.0", version.out().strip());
        CliRun help = CliRun.of("run", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--device"), help.out());
    }

    /** An unknown device is a usage error: exit 2, naming the URI and the schemes there are, before the file is read. */
    @Test
    void anUnknownDeviceIsAUsageError() throws IOException {
        String valid = Experiments.valid(tmp).toString();
        String out = tmp.resolve("out").toString();
        for (String file : new String[] {valid, tmp.resolve("x.yaml").toString()}) { // x.yaml does not exist
            for (CliRun run : new CliRun[] {CliRun.of("run", "--device", "nosuch:", file, "-q", "--out", out),
                    CliRun.of("check", "--device", "nosuch:", file)}) {
                assertEquals(2, run.exitCode(), file + ": " + run.err());
                assertTrue(run.err().contains("'nosuch:'"), run.err());
                assertTrue(run.err().contains("schemes") && run.err().contains("sim:"), "names the schemes: " + run.err());
                assertEquals("", run.out());
            }
        }
        CliRun noScheme = CliRun.of("check", "--device", "nosuch", valid);
        assertEquals(2, noScheme.exitCode(), noScheme.err());
        assertTrue(noScheme.err().contains("'nosuch'") && noScheme.err().contains("available schemes"), noScheme.err());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, CliRun.of("run").exitCode());
        assertEquals(2, CliRun.of("frobnicate").exitCode());
    }
}
