package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
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

/** {@code engram run}: check, run, then write CSV, summary.json and plot.png and print a summary. */
@Command(name = "run", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION, sortOptions = false,
        description = "Run an experiment and write its results (CSV, summary.json, plot.png).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the run failed", "2:bad experiment file", "3:does not fit the device"})
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

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Experiment experiment = Inputs.read(input.file);
        if (seed != null) experiment = experiment.withSeed(seed);
        try (Device dev = Devices.open(input.device)) {
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
            List<String> files = write(experiment, result, dir);
            RunReport.print(stdout, experiment, result, dir, files);
            return ExitCodes.OK;
        }
    }

    /** Writes every output file; the summary comes last because it lists them all. */
    private static List<String> write(Experiment experiment, RunResult result, Path dir) throws IOException {
        ResultWriter writer = new ResultWriter(dir);
        List<String> files = new ArrayList<>(writer.writeCsv(experiment, result));
        var p = result.provenance();
        String subtitle = p.deviceUri() + " (" + p.engine() + " " + p.engineVersion() + "), seed " + p.seed();
        if (Plots.write(result, experiment.name(), subtitle, dir)) files.add(Plots.FILE);
        files.add(ResultWriter.SUMMARY); // listed too, so the list is everything the run left in the directory
        // the API's own digest, so the CLI's hash and the backends' golden digests are one definition
        writer.writeSummary(SummaryBuilder.build(experiment, result, files, result.sha256()));
        return files;
    }
}
