package org.engram.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @TempDir Path tmp;

    @Test
    void timesEachFileOnEachDeviceRelativeToTheFirst() throws IOException {
        CliRun run = CliRun.of("bench", "--repeat", "1", "--device", "sim:", "--device", "sim:float64",
                Experiments.valid(tmp).toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[1].contains("sim:") && lines[1].strip().endsWith("1.00"), lines[1]);
        assertTrue(lines[2].contains("sim:float64"), lines[2]);
    }

    @Test
    void reportsTheMachinesParallelCeilingWhenAsked() throws IOException {
        CliRun run = CliRun.of("bench", "--repeat", "1", "--device", "sim:", "--parallel-ceiling", "2",
                Experiments.valid(tmp).toString());
        assertEquals(0, run.exitCode(), run.err());
        var m = java.util.regex.Pattern.compile("2 threads on independent work: median ([0-9.]+)x \\(([0-9.]+)-([0-9.]+)\\) over 1 rounds")
                .matcher(run.out());
        assertTrue(m.find(), run.out());
        for (int g = 1; g <= 3; g++) {
            double x = Double.parseDouble(m.group(g));
            assertTrue(x > 0.2 && x < 4, "a speed-up of two threads over one should be near 1-2, got " + x);
        }
    }

    @Test
    void aBadFileIsABadInputError() throws IOException {
        Path file = Experiments.write(tmp, "bad.yaml", "name: x\nnetwork: {populations: [{name: a, size: 0}]}\nprotocol: {duration: 1 s}\n");
        CliRun run = CliRun.of("bench", "--repeat", "1", file.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("network.populations[0].size"), run.err());
    }
}
