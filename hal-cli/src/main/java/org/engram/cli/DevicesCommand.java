package org.engram.cli;

import org.engram.hal.device.Capabilities;
import org.engram.hal.device.Device;
import org.engram.hal.device.DeviceProvider;
import org.engram.hal.device.Devices;
import org.engram.hal.device.TimeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code engram devices}: the registered device providers, and what the emulator's two engines can run. */
@Command(name = "devices", mixinStandardHelpOptions = true, version = "engram " + EngramCli.VERSION,
        description = "List device providers and the capabilities of sim: and sim:float64.")
final class DevicesCommand implements Callable<Integer> {
    /** The devices whose capabilities are listed: opening them is free (no hardware behind them). */
    private static final List<String> DESCRIBED = List.of("sim:", "sim:float64");

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return Errors.run(spec, this::execute);
    }

    private int execute() {
        PrintWriter out = spec.commandLine().getOut();
        List<DeviceProvider> providers = Devices.providers();
        out.println("Providers:");
        if (providers.isEmpty()) out.println("  (none found on the class path)");
        for (DeviceProvider p : providers) out.printf("  %-8s %s%n", p.scheme() + ":", p.description());
        boolean sim = providers.stream().anyMatch(p -> p.scheme().equalsIgnoreCase("sim"));
        for (String uri : sim ? DESCRIBED : List.<String>of()) {
            out.println();
            try (Device d = Devices.open(uri)) {
                print(out, uri, d.capabilities());
            } catch (RuntimeException e) {
                out.println(uri + "  unavailable: " + e.getMessage());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, String uri, Capabilities c) {
        TimeBase tb = c.timeBase();
        out.println(uri);
        row(out, "engine", c.engine());
        row(out, "neurons", sorted(c.neuronModels()));
        row(out, "synapses", sorted(c.synapseModels()));
        row(out, "stimuli", sorted(c.stimuli()));
        row(out, "max neurons", String.format("%,d", c.maxNeurons()));
        row(out, "max synapses", String.format("%,d", c.maxSynapses()));
        row(out, "weights", c.weightBits() == 0 ? "floating point" : c.weightBits() + "-bit fixed point");
        row(out, "time step", Durations.bio(tb.tick()) + ", speed-up " + Durations.number(tb.speedUp())
                + "x, longest run " + Durations.bio(tb.toSeconds(tb.maxTicks())));
        row(out, "deterministic", c.deterministic() ? "yes (same seed, same bits)" : "no");
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", new TreeSet<>(s));
    }

    private static void row(PrintWriter out, String label, String text) {
        out.printf("  %-14s %s%n", label, text);
    }
}
