package org.engram.cli;

import com.google.protobuf.util.JsonFormat;
import org.engram.proto.v1.PatternCompletionSummary;
import org.engram.proto.v1.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A small network run end to end: pattern completion, consolidation mode, analyses.csv and the network figure. */
class NetworkRunTest {
    @TempDir Path tmp;

    private static RunSummary summary(Path dir) throws IOException {
        RunSummary.Builder b = RunSummary.newBuilder();
        JsonFormat.parser().merge(Files.readString(dir.resolve("summary.json")), b);
        return b.build();
    }

    @Test
    void fullConsolidationDropsTheWindowsAndTheAnalysisIsWritten() throws IOException {
        Path file = Experiments.write(tmp, "assembly.yaml", Experiments.assembly(Experiments.FAST_FORWARD));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "-q", "--consolidation=full");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("fidelity   full fidelity (--consolidation=full: the file's 1 fast-forward window not used)"), run.out());
        assertTrue(run.out().matches("(?s).*analyses   recall +Q = -?[0-9.]+ +as [0-9.]+ Hz \\(8\\), ans [0-9.]+ Hz \\(8\\), ctrl [0-9.]+ Hz \\(24\\) in \\[2 s, 2.5 s\\).*"),
                run.out());

        assertTrue(run.out().contains(" more in summary.json"), "the synapse rows are capped: " + run.out());
        assertTrue(run.out().lines().count() < 30, run.out());

        RunSummary s = summary(out);
        assertEquals("full fidelity", s.getConsolidation());
        assertEquals(0, s.getFastForwardCount());
        assertEquals(1, s.getAnalysesCount());
        assertEquals("recall", s.getAnalyses(0).getName());
        PatternCompletionSummary q = s.getAnalyses(0).getPatternCompletion();
        assertTrue(Double.isFinite(q.getQ()), q.toString());
        // the pulse saturates the recalled neurons (about 455 Hz) for 0.1 s of the 0.5 s window: about 90 Hz
        assertTrue(q.getRateStimulatedHz() > 80, q.toString());
        assertEquals(8, q.getNStimulated());
        assertEquals(8, q.getNNonStimulated());
        assertEquals(24, q.getNControl());
        assertEquals(2.0, q.getStartS());
        assertEquals(2.5, q.getStopS());
        assertEquals("", q.getReason());
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"n_stimulated\": 8"), json);

        List<String> csv = Files.readAllLines(out.resolve("analyses.csv"));
        assertEquals("name,kind,start_s,stop_s,q,rate_stimulated_hz,rate_non_stimulated_hz,rate_control_hz,"
                + "n_stimulated,n_non_stimulated,n_control,reason,assembly,bin_s,fraction,bins,bins_total", csv.get(0));
        assertTrue(csv.get(1).startsWith("recall,pattern_completion,2.0,2.5," + q.getQ() + ","), csv.get(1));
        assertTrue(csv.get(1).endsWith(",8,8,24,,,,,,"), "the assembly-activation columns stay empty: " + csv.get(1));
        assertEquals(2, csv.size());

        assertTrue(Files.exists(out.resolve("spikes-exc.csv")), "a name starting with 'spikes' is not prefixed again");
        assertTrue(Files.exists(out.resolve("spikes-inh.csv")));
        assertTrue(Files.exists(out.resolve("trace-w.csv")));
        assertTrue(s.getFilesList().containsAll(List.of("spikes-exc.csv", "spikes-inh.csv", "trace-w.csv", "analyses.csv",
                "plot.png", "summary.json")), s.getFilesList().toString());

        BufferedImage png = ImageIO.read(out.resolve("plot.png").toFile());
        assertNotNull(png, "plot.png decodes");
        assertEquals(NetworkPlots.WIDTH, png.getWidth());
        assertEquals(NetworkPlots.HEIGHT, png.getHeight());
    }

    @Test
    void withoutWindowsTheFileRunsAtFullFidelity() throws IOException {
        Path file = Experiments.write(tmp, "assembly.yaml", Experiments.assembly(""));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "-q", "--consolidation", "fast-forward");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("full fidelity (--consolidation=fast-forward, but the file has no fast_forward windows)"), run.out());
        assertEquals("full fidelity", summary(out).getConsolidation());
    }
}
