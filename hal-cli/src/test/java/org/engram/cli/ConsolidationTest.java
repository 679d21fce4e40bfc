package org.engram.cli;

import org.engram.hal.io.ExperimentFiles;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.FastForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ConsolidationTest {
    @TempDir Path tmp;

    private static RunCommand parse(String... args) {
        CommandLine cl = new CommandLine(new EngramCli());
        var parsed = cl.parseArgs(args);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void optionSpellings() {
        assertEquals(Consolidation.FULL, parse("run", "x.yaml", "--consolidation=full").consolidation);
        assertEquals(Consolidation.FAST_FORWARD, parse("run", "x.yaml", "--consolidation", "fast-forward").consolidation);
        assertEquals(Consolidation.FAST_FORWARD, parse("run", "x.yaml", "--consolidation=Fast-Forward").consolidation);
        assertNull(parse("run", "x.yaml").consolidation, "without the option the file decides");
    }

    @Test
    void badValueIsAUsageError() throws IOException {
        CliRun run = CliRun.of("run", Experiments.valid(tmp).toString(), "--consolidation=fast", "-q");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected fast-forward or full, got 'fast'"), run.err());
    }

    @Test
    void helpListsTheValues() {
        CliRun run = CliRun.of("run", "--help");
        assertTrue(run.out().contains("--consolidation=MODE"), run.out());
    }

    @Test
    void summaryRecordsTheWindowsAndEveryAnalysisField() throws Exception {
        Experiment e = NetworkPlotsTest.p1();
        var result = NetworkPlotsTest.result(e, true);
        var analyses = org.engram.hal.analysis.Analyses.compute(e, result);
        var summary = SummaryBuilder.build(e, result, analyses, List.of(), "");
        assertEquals("fast-forward", summary.getConsolidation());
        assertEquals(1, summary.getFastForwardCount());
        assertEquals(30, summary.getFastForward(0).getStartS());
        assertEquals(28780, summary.getFastForward(0).getStopS());
        var pc = summary.getAnalyses(0).getPatternCompletion();
        assertEquals("recall-8h", summary.getAnalyses(0).getName());
        assertEquals(25, pc.getNStimulated());
        assertEquals(25, pc.getNNonStimulated());
        assertEquals(110, pc.getNControl());
        String json = com.google.protobuf.util.JsonFormat.printer().preservingProtoFieldNames().print(summary);
        for (String key : List.of("start_s", "stop_s", "\"q\"", "rate_stimulated_hz", "rate_non_stimulated_hz", "rate_control_hz",
                "n_stimulated", "n_non_stimulated", "n_control")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
    }

    @Test
    void applyKeepsOrDropsTheWindows() {
        Experiment withWindows = ExperimentFiles.parse(Experiments.assembly(Experiments.FAST_FORWARD), false, "a.yaml");
        Experiment without = ExperimentFiles.parse(Experiments.assembly(""), false, "b.yaml");

        var asFile = Consolidation.apply(null, withWindows);
        assertEquals(List.of(new FastForward(1, 1.8)), asFile.experiment().protocol().fastForward());
        assertEquals(Optional.of("fast-forward [1 s, 1.8 s)"), asFile.note());
        assertEquals("fast-forward", Consolidation.label(asFile.experiment()));

        var full = Consolidation.apply(Consolidation.FULL, withWindows);
        assertEquals(List.of(), full.experiment().protocol().fastForward());
        assertEquals("full fidelity", Consolidation.label(full.experiment()));
        assertEquals(withWindows.protocol().analyses(), full.experiment().protocol().analyses());

        assertEquals(Optional.empty(), Consolidation.apply(null, without).note());
        assertEquals(Optional.of("full fidelity"), Consolidation.apply(Consolidation.FULL, without).note());
    }
}
