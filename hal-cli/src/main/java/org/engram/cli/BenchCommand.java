package org.engram.cli;

import org.engram.hal.device.Device;
import org.engram.hal.device.RunResult;
import org.engram.hal.model.Experiment;
import org.engram.support.concurrent.ParallelCeiling;
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
 * warm-up run, the median and best of N interleaved rounds, simulated seconds per wall second, wall
 * nanoseconds per synaptic event (spike x outgoing synapse) and each device's time relative to the first.
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

    @Option(names = "--parallel-ceiling", paramLabel = "T", defaultValue = "0",
            description = "Also measure in every round how much T threads speed up perfectly independent work on this machine (the best a T-thread device can do here).")
    int ceilingThreads;

    /** Philox blocks per thread and round of the ceiling measurement: about 0.1 s. */
    static final int CEILING_BLOCKS = 10_000_000;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (files.isEmpty()) DEFAULT_FILES.forEach(f -> files.add(examples.resolve(f)));
        if (devices.isEmpty()) devices = List.of("sim:", "sim:float64");
        out.printf("%-28s %-16s %9s %9s %12s %14s %7s%n", "experiment", "device", "median s", "best s",
                "sim s/wall s", "ns/syn. event", "ratio");
        List<Double> ceilings = new ArrayList<>();
        for (Path file : files) {
            Experiment e = Inputs.read(file);
            List<Device> ds = new ArrayList<>();
            List<RunResult> last = new ArrayList<>();
            for (String uri : devices) {
                Device d = Inputs.device(uri);
                ds.add(d);
                last.add(d.run(e)); // warm-up: JIT and class loading
            }
            // rounds interleave the devices, so a slow spell of the machine hits all of them alike
            double[][] t = new double[ds.size()][repeat];
            for (int i = 0; i < repeat; i++) {
                for (int k = 0; k < ds.size(); k++) {
                    long t0 = System.nanoTime();
                    last.set(k, ds.get(k).run(e));
                    t[k][i] = (System.nanoTime() - t0) / 1e9;
                }
                // the machine's ceiling in the same round, so it sees the same spell of host load
                if (ceilingThreads > 1) ceilings.add(ParallelCeiling.speedup(ceilingThreads, CEILING_BLOCKS, 1));
            }
            double base = Double.NaN;
            for (int k = 0; k < ds.size(); k++) {
                Arrays.sort(t[k]);
                double median = t[k][repeat / 2];
                if (Double.isNaN(base)) base = median;
                long events = last.get(k).counters().getOrDefault("synaptic_events", 0L);
                out.printf("%-28s %-16s %9.3f %9.3f %12.3g %14s %7.2f%n", e.name(), devices.get(k), median, t[k][0],
                        e.protocol().duration() / median, events > 0 ? String.format("%.1f", median * 1e9 / events) : "-",
                        median / base);
            }
        }
        if (ceilingThreads > 1) {
            double[] c = ceilings.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.printf("parallel ceiling of this machine, %d threads on independent work: median %.2fx (%.2f-%.2f) over %d rounds%n",
                    ceilingThreads, c[c.length / 2], c[0], c[c.length - 1], c.length);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
