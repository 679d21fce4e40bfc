package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.Devices;
import org.engram.hal.model.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Wall time of whole experiments, side by side in one process: every file on every device, after a
 * warm-up run, the median and best of N runs, and each device's time relative to the first device.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time experiments on devices side by side (default: the four 8 h single-synapse protocols on sim: and sim:float64).")
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    static final List<String> DEFAULT_FILES = List.of("single-synapse-stet.yaml", "single-synapse-wtet.yaml",
            "single-synapse-slfs.yaml", "single-synapse-wlfs.yaml");

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Experiment files (default: the single-synapse examples).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--examples", defaultValue = "examples", description = "Folder of the default examples (default: ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--device", description = "Device URIs (default: sim: and sim:float64).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs per file and device (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (files.isEmpty()) DEFAULT_FILES.forEach(f -> files.add(examples.resolve(f)));
        if (devices.isEmpty()) devices = List.of("sim:", "sim:float64");
        out.printf("%-28s %-14s %10s %10s %14s %8s%n", "experiment", "device", "median s", "best s", "sim s / wall s", "ratio");
        for (Path file : files) {
            Experiment e = Inputs.read(file);
            double base = Double.NaN;
            for (String uri : devices) {
                Device d = Devices.open(uri);
                d.run(e); // warm-up: JIT and class loading
                double[] t = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    long t0 = System.nanoTime();
                    d.run(e);
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(t);
                double median = t[repeat / 2];
                if (Double.isNaN(base)) base = median;
                out.printf("%-28s %-14s %10.3f %10.3f %14.3g %8.2f%n", e.name(), uri, median, t[0],
                        e.protocol().duration() / median, median / base);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
