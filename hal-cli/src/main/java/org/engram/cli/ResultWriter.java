package org.engram.cli;

import com.google.protobuf.util.JsonFormat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.engram.hal.analysis.AnalysisResult;
import org.engram.hal.analysis.AssemblyActivationResult;
import org.engram.hal.analysis.PatternCompletionResult;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.hal.model.Recording;
import org.engram.proto.v1.RunSummary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a run's files into one directory: {@code spikes-<recording>.csv} (time_s, neuron),
 * {@code trace-<recording>.csv} (time_s, one column per element; a MEAN trace has the one column "mean"),
 * {@code analyses.csv} and {@code summary.json}. A recording already named "spikes..." or "trace..." keeps
 * its name ({@code spikes-pre.csv}, not {@code spikes-spikes-pre.csv}). Numbers are written with
 * {@link Double#toString}, the shortest text that reads back to the same bits.
 */
final class ResultWriter {
    static final String SUMMARY = "summary.json";
    static final String ANALYSES = "analyses.csv";

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final Path dir;

    ResultWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes the CSV files and returns their names, spikes first, in the experiment's recording order. */
    List<String> writeCsv(Experiment experiment, RunResult result) throws IOException {
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String name : spikeRecordingsInOrder(experiment, result)) {
            String file = fileName("spikes", name, used);
            writeSpikes(dir.resolve(file), result.spikes().get(name));
            files.add(file);
        }
        for (RunResult.TraceData t : result.traces()) {
            String file = fileName("trace", t.recording(), used);
            writeTrace(dir.resolve(file), t);
            files.add(file);
        }
        return files;
    }

    /**
     * Writes analyses.csv and returns its name; nothing when there are no analyses. One column set serves every
     * kind; a kind leaves the other kinds' columns empty. The pattern-completion columns come first, as before;
     * assembly activation adds {@code assembly, bin_s, fraction, bins, bins_total} at the end and writes one row
     * per assembly (fraction = p(X), bins = the bins that activate it) plus one row with an empty
     * {@code assembly} for p(none), the bins that meet the total threshold but activate no assembly (assembly
     * names are never empty).
     */
    Optional<String> writeAnalyses(List<AnalysisResult> analyses) throws IOException {
        if (analyses.isEmpty()) return Optional.empty();
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(ANALYSES), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV)) {
            csv.printRecord("name", "kind", "start_s", "stop_s", "q", "rate_stimulated_hz", "rate_non_stimulated_hz",
                    "rate_control_hz", "n_stimulated", "n_non_stimulated", "n_control", "reason",
                    "assembly", "bin_s", "fraction", "bins", "bins_total");
            for (AnalysisResult a : analyses) {
                switch (a) {
                    case PatternCompletionResult r -> csv.printRecord(r.name(), "pattern_completion", Double.toString(r.start()),
                            Double.toString(r.stop()), Double.toString(r.q()), Double.toString(r.rateStimulated()),
                            Double.toString(r.rateNonStimulated()), Double.toString(r.rateControl()), r.nStimulated(),
                            r.nNonStimulated(), r.nControl(), r.reason(), "", "", "", "", "");
                    case AssemblyActivationResult r -> {
                        for (AssemblyActivationResult.Assembly x : r.assemblies()) {
                            activationRow(csv, r, x.name(), x.fraction(), x.bins());
                        }
                        activationRow(csv, r, "", r.fractionNone(), r.binsNone());
                    }
                }
            }
        }
        return Optional.of(ANALYSES);
    }

    private static void activationRow(CSVPrinter csv, AssemblyActivationResult r, String assembly, double fraction, int bins)
            throws IOException {
        csv.printRecord(r.name(), "assembly_activation", Double.toString(r.start()), Double.toString(r.stop()),
                "", "", "", "", "", "", "", r.reason(), assembly, Double.toString(r.bin()), Double.toString(fraction), bins,
                r.binsTotal());
    }

    /**
     * Writes summary.json in the proto3 JSON mapping, so any protobuf runtime parses it back. Keys keep the
     * .proto spelling (result_sha256, not resultSha256): readers grep for the names in result.proto.
     */
    Path writeSummary(RunSummary summary) throws IOException {
        Path file = dir.resolve(SUMMARY);
        String json = JsonFormat.printer().preservingProtoFieldNames().print(summary);
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static void writeSpikes(Path file, RunResult.SpikeData s) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV)) {
            csv.printRecord("time_s", "neuron");
            double[] times = s.times();
            int[] neurons = s.neurons();
            for (int i = 0; i < times.length; i++) csv.printRecord(Double.toString(times[i]), Integer.toString(neurons[i]));
        }
    }

    private static void writeTrace(Path file, RunResult.TraceData t) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV)) {
            List<String> header = new ArrayList<>();
            header.add("time_s");
            for (String label : t.labels()) header.add(label + " (" + t.unit() + ")");
            csv.printRecord(header);
            double[][] values = t.values();
            String[] row = new String[values.length + 1];
            for (int i = 0; i < t.sampleCount(); i++) {
                row[0] = Double.toString(t.time(i));
                for (int k = 0; k < values.length; k++) row[k + 1] = Double.toString(values[k][i]);
                csv.printRecord((Object[]) row);
            }
        }
    }

    /** Spike recordings in the order the experiment lists them (the result holds them in an unordered map). */
    static List<String> spikeRecordingsInOrder(Experiment experiment, RunResult result) {
        Set<String> names = new LinkedHashSet<>();
        for (Recording r : experiment.protocol().recordings()) {
            if (r instanceof Recording.Spikes && result.spikes().containsKey(r.name())) names.add(r.name());
        }
        result.spikes().keySet().stream().sorted().forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * {@code <prefix>-<name>.csv}, or {@code <name>.csv} when the name already starts with the prefix; a name
     * taken by an earlier file gets "-2", "-3", ... so that no file overwrites another.
     */
    static String fileName(String prefix, String recording, Set<String> used) {
        String s = safe(recording);
        String base = s.startsWith(prefix) ? s : prefix + "-" + s;
        String file = base + ".csv";
        for (int k = 2; !used.add(file); k++) file = base + "-" + k + ".csv";
        return file;
    }

    /** Recording names are free text; file names must not escape the output directory. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
