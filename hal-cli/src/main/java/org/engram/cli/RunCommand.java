package org.engram.cli;

import org.engram.hal.analysis.AnalysisResult;
import org.engram.hal.analysis.Analyses;
import org.engram.hal.device.Device;
import org.engram.hal.device.FitReport;
import org.engram.hal.device.Job;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code engram run}: check, run, analyse, then write CSV, summary.json and plot.png and print a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION, sortOptions = false,
        description = "Run an experiment and write its results (CSV, summary.json, plot.png).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the run failed", "2:bad experiment file or device URI", "3:does not fit the device"})
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ExperimentOptions input;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output directory (default: out/<experiment name>).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the experiment's.")
    Long seed;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar.")
    boolean quiet;

    @Option(names = "--consolidation", paramLabel = "MODE", converter = Consolidation.Converter.class,
            completionCandidates = Consolidation.Candidates.class,
            description = "fast-forward: skip spiking in the file's fast_forward windows (h, p, z in closed form); "
                    + "full: simulate every step, spontaneous activity kept (default: as the file says).")
    Consolidation consolidation;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // the device URI first: a usage error is reported before the file is read
        try (Device dev = Inputs.device(input.device)) {
            Experiment experiment = Inputs.read(input.file);
            if (seed != null) experiment = experiment.withSeed(seed);
            Consolidation.Applied applied = Consolidation.apply(consolidation, experiment);
            experiment = applied.experiment();
            FitReport report = dev.check(experiment);
            if (!report.issues().isEmpty()) {
                stderr.println(report); // warnings go to stderr too: stdout carries only the summary
                stderr.flush();
            }
            if (!report.fits()) return ExitCodes.DOES_NOT_FIT;

            Job job = dev.submit(experiment);
            RunResult result = ProgressBar.wanted(quiet)
                    ? new ProgressBar(stderr, experiment.protocol().duration()).follow(job)
                    : job.await();

            Path dir = out != null ? out : Path.of("out", experiment.name());
            List<AnalysisResult> analyses = Analyses.compute(experiment, result);
            List<String> files = write(experiment, result, analyses, dir);
            RunReport.print(stdout, experiment, result, analyses, applied.note(), dir, files);
            return ExitCodes.OK;
        }
    }

    /** Writes every output file; the summary comes last because it lists them all. */
    private static List<String> write(Experiment experiment, RunResult result, List<AnalysisResult> analyses, Path dir)
            throws IOException {
        ResultWriter writer = new ResultWriter(dir);
        List<String> files = new ArrayList<>(writer.writeCsv(experiment, result));
        writer.writeAnalyses(analyses).ifPresent(files::add);
        var p = result.provenance();
        String subtitle = p.deviceUri() + " (" + p.engine() + " " + p.engineVersion() + "), seed " + p.seed();
        // a network figure when there is a network to show, else (or when it has no panel) the trace figure
        boolean plotted = NetworkPlots.wanted(experiment) && NetworkPlots.write(experiment, result, experiment.name(), subtitle, dir)
                || Plots.write(result, experiment.name(), subtitle, dir);
        if (plotted) files.add(Plots.FILE);
        files.add(ResultWriter.SUMMARY); // listed too, so the list is everything the run left in the directory
        // the API's own digest, so the CLI's hash and the backends' golden digests are one definition
        writer.writeSummary(SummaryBuilder.build(experiment, result, analyses, files, result.sha256()));
        return files;
    }
}
