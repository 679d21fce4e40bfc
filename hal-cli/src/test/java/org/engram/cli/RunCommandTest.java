package org.engram.cli;

import com.google.protobuf.util.JsonFormat;
import org.engram.hal.device.Devices;
import org.engram.hal.io.ExperimentFiles;
import org.engram.proto.v1.RunSummary;
import org.engram.proto.v1.SpikeCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RunCommandTest {
    @TempDir Path tmp;

    private RunSummary summary(Path dir) throws IOException {
        RunSummary.Builder b = RunSummary.newBuilder();
        JsonFormat.parser().merge(Files.readString(dir.resolve("summary.json")), b);
        return b.build();
    }

    @Test
    void runWritesCsvSummaryAndPlot() throws IOException {
        Path file = Experiments.valid(tmp);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("tiny-synapse: done"), run.out());
        assertTrue(run.out().contains("syn 0->0"), run.out());
        assertEquals("", run.err(), "no progress bar and no warnings expected");

        List<String> spikes = Files.readAllLines(out.resolve("spikes-pre.csv"));
        assertEquals("time_s,neuron", spikes.get(0));
        assertTrue(spikes.size() > 1, "the tetanus makes the presynaptic neuron fire");
        assertTrue(Files.exists(out.resolve("spikes-post.csv")));

        List<String> h = Files.readAllLines(out.resolve("trace-h.csv"));
        assertEquals("time_s,0->0 (mV)", h.get(0));
        assertEquals(1 + 201, h.size(), "0 s to 20 s every 0.1 s");
        for (String name : List.of("trace-z.csv", "trace-w.csv", "trace-p.csv")) assertTrue(Files.exists(out.resolve(name)), name);

        RunSummary s = summary(out);
        assertEquals("sim:", s.getProvenance().getDeviceUri());
        assertEquals(7, s.getProvenance().getSeed());
        assertEquals("tiny-synapse", s.getProvenance().getExperimentName());
        assertEquals(20.0, s.getProvenance().getSimulatedSeconds(), 1e-9);
        assertEquals(64, s.getResultSha256().length());
        assertEquals("full fidelity", s.getConsolidation());
        assertEquals(0, s.getAnalysesCount());
        assertFalse(run.out().contains("fidelity"), "nothing to say about consolidation: " + run.out());
        assertTrue(s.getResultSha256().matches("[0-9a-f]{64}"));
        assertTrue(s.getSpikeCountsList().stream().mapToLong(SpikeCount::getSpikes).max().orElse(0) > 0);
        assertEquals(1, s.getSynapsesCount());
        var syn = s.getSynapses(0);
        assertEquals("syn", syn.getProjection());
        assertTrue(syn.getHMaxMv() >= syn.getHFinalMv() && syn.getHFinalMv() >= syn.getHMinMv(), syn.toString());
        assertTrue(s.getFilesList().containsAll(List.of("spikes-pre.csv", "trace-h.csv", "plot.png", "summary.json")),
                s.getFilesList().toString());

        BufferedImage png = ImageIO.read(out.resolve("plot.png").toFile());
        assertNotNull(png, "plot.png decodes");
        assertEquals(1200, png.getWidth());
        assertEquals(900, png.getHeight());
    }

    @Test
    void sameSeedGivesSameResultHash() throws IOException {
        Path file = Experiments.valid(tmp);
        assertEquals(0, CliRun.of("run", file.toString(), "--out", tmp.resolve("a").toString(), "-q").exitCode());
        assertEquals(0, CliRun.of("run", file.toString(), "--out", tmp.resolve("b").toString(), "-q").exitCode());
        assertEquals(summary(tmp.resolve("a")).getResultSha256(), summary(tmp.resolve("b")).getResultSha256());
    }

    @Test
    void seedOptionOverridesTheExperimentSeed() throws IOException {
        Path file = Experiments.valid(tmp);
        assertEquals(0, CliRun.of("run", file.toString(), "--out", tmp.resolve("a").toString(), "-q").exitCode());
        assertEquals(0, CliRun.of("run", file.toString(), "--out", tmp.resolve("b").toString(), "-q", "--seed", "8").exitCode());
        RunSummary b = summary(tmp.resolve("b"));
        assertEquals(8, b.getProvenance().getSeed());
        assertNotEquals(summary(tmp.resolve("a")).getResultSha256(), b.getResultSha256(), "another seed, other Poisson spikes");
    }

    @Test
    void unknownFieldIsABadInputWithItsPath() throws IOException {
        Path file = Experiments.write(tmp, "bad.yaml", Experiments.singleSynapse(", lif: {tau_men: 10 ms}", "100 Hz"));
        CliRun run = CliRun.of("run", file.toString(), "--out", tmp.resolve("out").toString(), "-q");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("engram: "), run.err());
        assertTrue(run.err().contains("network.populations[1].lif.tau_men"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void missingFileIsABadInput() {
        CliRun run = CliRun.of("run", tmp.resolve("nope.yaml").toString(), "-q");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void unknownDeviceFailsCleanly() throws IOException {
        CliRun run = CliRun.of("run", Experiments.valid(tmp).toString(), "--device", "nosuch:", "-q");
        assertEquals(2, run.exitCode(), "an unknown device is a usage error, like other bad input");
        assertTrue(run.err().startsWith("engram: device 'nosuch:': no device provider for 'nosuch:'"), run.err());
        assertTrue(run.err().contains("sim:"), "names the schemes there are: " + run.err());
    }

    @Test
    void runsAnExampleFromTheRepository() throws IOException {
        Path example = Path.of("../examples/single-synapse-wtet.yaml");
        CliRun run = CliRun.of("run", example.toString(), "--out", tmp.toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        RunSummary s = summary(tmp);
        assertEquals("single-synapse-wtet", s.getProvenance().getExperimentName());
        assertEquals(8 * 3600, s.getProvenance().getSimulatedSeconds(), 1e-6);
        assertTrue(Files.size(tmp.resolve("plot.png")) > 0);
        // the CLI reports the API's digest, the one the backends' golden tests pin
        var direct = Devices.open("sim:").run(ExperimentFiles.read(example));
        assertEquals(direct.sha256(), s.getResultSha256());
    }
}
