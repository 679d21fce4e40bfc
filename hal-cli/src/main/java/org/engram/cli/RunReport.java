package org.engram.cli;

import org.engram.hal.device.Provenance;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The short human-readable summary printed after a run; summary.json holds the same facts for machines. */
final class RunReport {
    private RunReport() {}

    static void print(PrintWriter out, Experiment experiment, RunResult result, Path dir, List<String> files) {
        Provenance p = result.provenance();
        out.println(experiment.name() + ": done");
        row(out, "device", p.deviceUri() + "  (" + p.engine() + " " + p.engineVersion() + ", "
                + p.threads() + (p.threads() == 1 ? " thread)" : " threads)"));
        row(out, "seed", Long.toString(p.seed()));
        row(out, "simulated", Durations.bio(p.simulatedSeconds()) + " in " + Durations.wall(p.wallSeconds()) + " wall");
        String label = "spikes";
        for (String name : ResultWriter.spikeRecordingsInOrder(experiment, result)) {
            RunResult.SpikeData s = result.spikes().get(name);
            row(out, label, String.format("%-16s %8d  (%s, mean %s Hz per neuron)", name, s.count(), s.population(),
                    Durations.number(SummaryBuilder.meanRate(experiment, name, s))));
            label = "";
        }
        label = "synapses";
        for (RunResult.SynapseState s : result.finalSynapses()) {
            row(out, label, String.format("%-16s h = %.4f mV  z = %.4f  w = %.4f mV",
                    s.projection() + " " + s.pre() + "->" + s.post(), s.h(), s.z(), s.w()));
            label = "";
        }
        row(out, "output", dir + "  (" + files.size() + " files)");
        out.flush();
    }

    private static void row(PrintWriter out, String label, String text) {
        out.printf("  %-10s %s%n", label, text);
    }
}
