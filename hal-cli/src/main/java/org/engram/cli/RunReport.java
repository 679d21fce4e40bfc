package org.engram.cli;

import org.engram.hal.analysis.AnalysisResult;
import org.engram.hal.analysis.AssemblyActivationResult;
import org.engram.hal.analysis.PatternCompletionResult;
import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The short human-readable summary printed after a run; summary.json holds the same facts for machines. */
final class RunReport {
    /** A network run records thousands of synapses: the terminal shows the first few, summary.json all. */
    static final int MAX_SYNAPSE_ROWS = 8;

    private RunReport() {}

    static void print(PrintWriter out, Experiment experiment, RunResult result, List<AnalysisResult> analyses,
                      Optional<String> consolidation, Path dir, List<String> files) {
        Provenance p = result.provenance();
        out.println(experiment.name() + ": done");
        row(out, "device", p.deviceUri() + "  (" + p.engine() + " " + p.engineVersion() + ", "
                + p.threads() + (p.threads() == 1 ? " thread)" : " threads)"));
        row(out, "seed", Long.toString(p.seed()));
        row(out, "simulated", Durations.bio(p.simulatedSeconds()) + " in " + Durations.wall(p.wallSeconds()) + " wall");
        consolidation.ifPresent(c -> row(out, "fidelity", c));
        String label = "spikes";
        for (String name : ResultWriter.spikeRecordingsInOrder(experiment, result)) {
            RunResult.SpikeData s = result.spikes().get(name);
            row(out, label, String.format("%-16s %8d  (%s, mean %s Hz per neuron)", name, s.count(), s.population(),
                    Durations.number(SummaryBuilder.meanRate(experiment, name, s))));
            label = "";
        }
        label = "synapses";
        List<RunResult.SynapseState> synapses = result.finalSynapses();
        for (RunResult.SynapseState s : synapses.subList(0, Math.min(MAX_SYNAPSE_ROWS, synapses.size()))) {
            row(out, label, String.format("%-16s h = %.4f mV  z = %.4f  w = %.4f mV",
                    s.projection() + " " + s.pre() + "->" + s.post(), s.h(), s.z(), s.w()));
            label = "";
        }
        if (synapses.size() > MAX_SYNAPSE_ROWS) {
            row(out, "", "... and " + (synapses.size() - MAX_SYNAPSE_ROWS) + " more in " + ResultWriter.SUMMARY);
        }
        label = "analyses";
        for (AnalysisResult a : analyses) {
            row(out, label, analysis(a));
            label = "";
        }
        row(out, "output", dir + "  (" + files.size() + " files)");
        out.flush();
    }

    /**
     * "recall  Q = 0.2  as 40 Hz (3), ans 10 Hz (3), ctrl 2 Hz (4) in [1 s, 1.5 s)", or
     * "priming  p(A) = 0.012 (12), p(B) = 0 (0), p(none) = 0.03 (30) of 1000 bins of 10 ms in [0 s, 10 s)"
     * (the bin counts in parentheses).
     */
    static String analysis(AnalysisResult a) {
        return switch (a) {
            case PatternCompletionResult r -> String.format("%-16s %s  as %s Hz (%d), ans %s Hz (%d), ctrl %s Hz (%d) in [%s, %s)",
                    r.name(), r.defined() ? "Q = " + Durations.number(r.q()) : "Q undefined: " + r.reason(),
                    Durations.number(r.rateStimulated()), r.nStimulated(), Durations.number(r.rateNonStimulated()), r.nNonStimulated(),
                    Durations.number(r.rateControl()), r.nControl(), seconds(r.start()), seconds(r.stop()));
            case AssemblyActivationResult r -> String.format("%-16s %s  of %d bins of %s in [%s, %s)", r.name(),
                    r.defined() ? r.assemblies().stream().map(x -> fraction(x.name(), x.fraction(), x.bins())).collect(Collectors.joining(", "))
                            + ", " + fraction("none", r.fractionNone(), r.binsNone())
                            : "p undefined: " + r.reason(),
                    r.binsTotal(), Durations.bio(r.bin()), seconds(r.start()), seconds(r.stop()));
        };
    }

    private static String fraction(String assembly, double p, int bins) {
        return "p(" + assembly + ") = " + Durations.number(p) + " (" + bins + ")";
    }

    /** Exact seconds: a read-out window at 8 h must not print as "7.997 h". */
    private static String seconds(double s) {
        return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
    }

    private static void row(PrintWriter out, String label, String text) {
        out.printf("  %-10s %s%n", label, text);
    }
}
